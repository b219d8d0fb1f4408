// The file spool held to the shared contract (both fsync policies, tiny segments so every test crosses
// segment boundaries), plus the cursor, segment deletion, the directory lock and thousands of segments.
import { spawn } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openFileSpool, SpoolLockedError } from '@zonetrace/edge-agent'
import { afterAll, describe, expect, it } from 'vitest'
import { until } from '../helpers/wait.ts'
import { readAll, record, seqsOf, spoolContractTests, texts } from './spool-contract.ts'
import { segmentFiles, tempDirs } from './spool-kit.ts'

const dirs = tempDirs()
afterAll(() => dirs.cleanup())

for (const [fsync, segmentBytes] of [
  ['always', 200],
  ['interval', undefined],
] as const) {
  spoolContractTests(`file store, fsync ${fsync}`, async ({ maxBytes, whenFull }) => {
    const opts = { dir: await dirs.make(), maxBytes, whenFull, fsync, segmentBytes }
    return { store: await openFileSpool(opts), reopen: () => openFileSpool(opts) }
  })
}

describe('file spool on disk', () => {
  const base = { maxBytes: 1 << 20, whenFull: 'reject_new', fsync: 'interval' } as const

  it('saves the head in the cursor file within its interval, before any close, and resumes from it', async () => {
    const dir = await dirs.make()
    const store = await openFileSpool({ ...base, dir, cursorIntervalMs: 50 })
    const seqs = await store.append(Array.from({ length: 20 }, (_, n) => record(n)))
    await store.ack([...seqs.slice(0, 10)].reverse())
    await store.ack([seqs[15]!])
    const cursorHead = async () => JSON.parse(await readFile(join(dir, 'cursor.json'), 'utf8')).head
    await until('the cursor to be saved', async () => (await cursorHead().catch(() => 0)) === seqs[10])
    await store.close()

    const again = await openFileSpool({ ...base, dir })
    expect(again.head()).toBe(seqs[10])
    expect(again.stats().depth).toBe(10)
    const back = texts(await readAll(again))
    expect(back).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((n) => record(n).toString()))
    await again.close()
  })

  it('deletes a segment file once all its entries are acked, and resumes past them', async () => {
    const dir = await dirs.make()
    const store = await openFileSpool({ ...base, dir, segmentBytes: 256, cursorIntervalMs: 20 })
    const seqs = (
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.append([record(2 * i), record(2 * i + 1)])),
      )
    ).flat()
    const files = await segmentFiles(dir)
    expect(files.length).toBeGreaterThanOrEqual(8)
    await store.ack(seqs.slice(0, 20))
    await until(
      'the acked segments to go',
      async () => (await segmentFiles(dir)).length <= files.length / 2 + 1,
    )
    const remaining = await segmentFiles(dir)
    expect(remaining).toEqual(files.slice(files.length - remaining.length))
    await store.ack(seqs.slice(20))
    await store.close()

    const again = await openFileSpool({ ...base, dir })
    expect(await segmentFiles(dir)).toEqual([])
    expect(again.head()).toBe(again.tail())
    expect(again.tail()).toBe(seqs.at(-1)! + 1)
    const [next] = await again.append([record(99)])
    expect(next).toBe(seqs.at(-1)! + 1)
    await again.close()
  })

  it('lets one process at a time open a directory, and takes over the lock of a dead one', async () => {
    const dir = await dirs.make()
    const first = await openFileSpool({ ...base, dir })
    await expect(openFileSpool({ ...base, dir })).rejects.toBeInstanceOf(SpoolLockedError)
    await first.close()

    // A live process that is not us holds the lock file: refused, naming that process.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      await writeFile(join(dir, 'spool.lock'), `${holder.pid}\n`)
      await expect(openFileSpool({ ...base, dir })).rejects.toThrow(new RegExp(`process ${holder.pid}`))
    } finally {
      holder.kill('SIGKILL')
      await new Promise((r) => holder.once('exit', r))
    }
    // Now it is dead: the stale lock is taken over and the spool opens with everything it had.
    const second = await openFileSpool({ ...base, dir })
    expect(second.head()).toBe(second.tail())
    await second.close()
    await writeFile(join(dir, 'spool.lock'), 'not a pid')
    await (await openFileSpool({ ...base, dir })).close()
  })

  it('keeps working after a write fails: the call is refused, later appends and earlier entries are fine', async () => {
    const dir = await dirs.make()
    const store = await openFileSpool({ ...base, dir, segmentBytes: 128 })
    const before = await store.append([record(1), record(2)])
    // Fault: the next segment file cannot be created (a directory squats on its name).
    const squat = join(dir, `${String(store.tail()).padStart(16, '0')}.seg`)
    await mkdir(squat)
    await expect(store.append([record(3), record(4)])).rejects.toThrow()
    expect(store.stats()).toMatchObject({ depth: 2, appended: 2 })
    const after = await store.append([record(5)])
    expect(after[0]).toBeGreaterThan(before[1]! + 2)
    expect(texts(await readAll(store))).toEqual([1, 2, 5].map((n) => record(n).toString()))
    await store.close()
    await rm(squat, { recursive: true })
    const again = await openFileSpool({ ...base, dir })
    expect(seqsOf(await readAll(again))).toEqual([...before, ...after])
    await again.close()
  })

  it('reads a backlog spread over thousands of segments, from anywhere, with acks in any order', async () => {
    const dir = await dirs.make()
    const opts = { ...base, dir, maxBytes: 64 << 20, segmentBytes: 1024 }
    const store = await openFileSpool(opts)
    const seqs: number[] = []
    for (let b = 0; b < 200; b++) {
      seqs.push(
        ...(await store.append(Array.from({ length: 100 }, (_, i) => record(b * 100 + i, 20 + (i % 50))))),
      )
    }
    expect((await segmentFiles(dir)).length).toBeGreaterThan(1000)
    const all = await readAll(store, 0, 500)
    expect(seqsOf(all)).toEqual(seqs)
    expect(all.every((e, n) => e.data.equals(record(n, 20 + ((n % 100) % 50))))).toBe(true)
    for (const n of [0, 7, 4999, 12345, 19998]) {
      expect(texts(await store.read(seqs[n]!, 2))).toEqual(texts(all.slice(n, n + 2)))
    }
    const acked = seqs.filter((_, n) => n % 3 === 0 || n < 5000).reverse()
    await store.ack(acked)
    await store.close()

    const again = await openFileSpool(opts)
    expect(again.head()).toBe(seqs[5000])
    const left = seqsOf(await readAll(again, 0, 777))
    // Acks above head were in memory only; every entry never acked must be back, in order.
    const unacked = seqs.filter((_, n) => !(n % 3 === 0 || n < 5000))
    const wanted = new Set(unacked)
    expect(left.filter((s) => wanted.has(s))).toEqual(unacked)
    await again.close()
  })
})
