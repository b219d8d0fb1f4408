// Fault injected: kill -9 of a real child process (spool-crash-child.ts) appending numbered records to a
// file spool with fsync 'always' and group commit, at a random point after ~2000 acknowledged appends, in
// the middle of writes, fsyncs and segment roll-overs (and once with fsync 'interval', whose appends resolve
// before any fsync). Must survive: every record whose append() resolved
// before the kill, in order, exactly once, with no garbage (at most a torn tail, cut away at open); the
// dead child's lock is taken over; appending goes on after the restart. In the 'ack' variant the child
// also acks the oldest entries out of order: every entry it never acked must come back, acked ones may
// come back (at least once), and the saved head must have moved.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { openFileSpool, type SpoolEntry } from '@zonetrace/edge-agent'
import { afterAll, describe, expect, it } from 'vitest'
import { readAll } from './spool-contract.ts'
import { tempDirs } from './spool-kit.ts'

const CHILD = fileURLToPath(new URL('./spool-crash-child.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dirs = tempDirs('zt-spool-crash-')
afterAll(() => dirs.cleanup())

interface ChildReport {
  appended: Map<number, number>
  acked: Set<number>
  firstAckAt: number | undefined
}

/** Runs the child until it has reported `appends` records (and acked for 600 ms), then kill -9s it. */
async function runAndKill(
  dir: string,
  mode: 'append' | 'ack',
  appends: number,
  fsync: 'always' | 'interval' = 'always',
): Promise<ChildReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode, fsync], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const report: ChildReport = { appended: new Map(), acked: new Set(), firstAckAt: undefined }
  let stderr = ''
  let partial = ''
  let killing = false
  child.stderr.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n')
      partial = lines.pop()!
      for (const line of lines) {
        const [kind, seq, n] = line.split(' ')
        if (kind === 'A') report.appended.set(Number(seq), Number(n))
        if (kind === 'K') {
          report.acked.add(Number(seq))
          report.firstAckAt ??= Date.now()
        }
      }
      const ackedLongEnough = mode === 'append' || Date.now() - (report.firstAckAt ?? Date.now()) > 600
      if (report.appended.size >= appends && ackedLongEnough && !killing) {
        // A random few milliseconds later, so the kill lands anywhere in a write, fsync or roll-over.
        killing = true
        setTimeout(() => {
          child.kill('SIGKILL')
          resolve()
        }, Math.random() * 30)
      }
    })
  })
  await exited
  return report
}

function parse(entry: SpoolEntry): number {
  const m = /^rec:(\d+):(x*)$/.exec(entry.data.toString())
  expect(m, `garbage at seq ${entry.seq}`).not.toBeNull()
  const n = Number(m![1])
  expect(m![2]!.length).toBe((n * 7) % 90)
  return n
}

const opts = (dir: string) =>
  ({ dir, maxBytes: 256 << 20, whenFull: 'reject_new', fsync: 'always', segmentBytes: 16 << 10 }) as const

describe('file spool across kill -9', () => {
  // Under 'interval' the records were only written, not fsynced: the page cache outlives the process.
  it.each(['always', 'interval'] as const)(
    'fsync %s: keeps every record whose append resolved, once and in order, and appends on',
    async (fsync) => {
      const dir = await dirs.make()
      const report = await runAndKill(dir, 'append', 2000 + Math.floor(Math.random() * 500), fsync)
      const store = await openFileSpool(opts(dir))
      expect(store.stats().tornRecords).toBeLessThanOrEqual(1)
      const entries = await readAll(store)
      const ns = entries.map(parse)
      // Nothing missing, duplicated or reordered: the records are exactly 0..k-1, k at least what was reported.
      expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => i))
      expect(ns.length).toBeGreaterThanOrEqual(report.appended.size)
      const bySeq = new Map(entries.map((e, i) => [e.seq, ns[i]]))
      for (const [seq, n] of report.appended) expect(bySeq.get(seq)).toBe(n)

      const [next] = await store.append([Buffer.from('after restart')])
      expect(next).toBeGreaterThan(entries.at(-1)!.seq)
      expect((await store.read(next!, 1))[0]!.data.toString()).toBe('after restart')
      await store.close()
    },
  )

  it('with out-of-order acks: every entry never acked comes back, the saved head has moved', async () => {
    const dir = await dirs.make()
    const report = await runAndKill(dir, 'ack', 2000 + Math.floor(Math.random() * 500))
    const store = await openFileSpool(opts(dir))
    const entries = await readAll(store)
    const ns = entries.map(parse)
    for (let i = 1; i < ns.length; i++) expect(ns[i]).toBeGreaterThan(ns[i - 1]!)
    const present = new Set(entries.map((e) => e.seq))
    const missing = [...report.appended.keys()].filter((seq) => !report.acked.has(seq) && !present.has(seq))
    expect(missing).toEqual([])
    for (const e of entries) {
      const n = report.appended.get(e.seq)
      if (n !== undefined) expect(parse(e)).toBe(n)
    }
    const firstSeq = Math.min(...report.appended.keys())
    expect(store.head()).toBeGreaterThan(firstSeq)
    const [next] = await store.append([Buffer.from('after restart')])
    expect(next).toBeGreaterThan(Math.max(...report.appended.keys()))
    await store.close()
  })
})
