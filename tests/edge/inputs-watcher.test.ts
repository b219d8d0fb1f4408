// The station folder watcher on a real temporary folder: order, hand-over to the spool before a file
// moves, retries when the spool refuses, rejected files with their reason, and files it must leave alone.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AgentReading, type Circular10Watcher, createCircular10Watcher } from '@zonetrace/edge-agent'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sleep, until } from '../helpers/wait.ts'

let root: string
let dir: string
let watcher: Circular10Watcher | undefined

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'zt-c10-'))
  dir = join(root, 'station')
})

afterEach(async () => {
  await watcher?.stop()
  watcher = undefined
  await rm(root, { recursive: true, force: true })
})

interface Call {
  readings: AgentReading[]
  resolve(): void
  reject(err: Error): void
}

/** A spool stand-in whose every accept() waits for the test to resolve or reject it. */
function heldSink() {
  const calls: Call[] = []
  return {
    calls,
    accept: (readings: AgentReading[]) =>
      new Promise<void>((resolve, reject) => calls.push({ readings, resolve, reject })),
  }
}

function recordingLog() {
  const lines: { level: string; msg: string | undefined; obj: Record<string, unknown> }[] = []
  const at = (level: string) => (obj: object, msg?: string) =>
    lines.push({ level, msg, obj: obj as Record<string, unknown> })
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } }
}

const line = (name: string, value: string, unit: string, time: string, status = '00') =>
  `${name} ${value} ${unit} ${time} ${status}\r\n`

function start(sink: { accept(r: AgentReading[]): Promise<void> }, log = recordingLog().log, extra = {}) {
  watcher = createCircular10Watcher({ dir, sink, log, scanIntervalMs: 50, settleMs: 100, ...extra })
  return watcher.start()
}

const ls = async (sub = '') => (existsSync(join(dir, sub)) ? (await readdir(join(dir, sub))).sort() : [])

describe('createCircular10Watcher', () => {
  it('hands files over oldest first and moves each to processed/ only after accept() resolves', async () => {
    await mkdir(dir)
    const files = {
      'TV01_20250315090000.txt': line('DO', '4,0', 'mg/L', '20250315090000'),
      'TV01_20250315083000.txt': line('DO', '3,0', 'mg/L', '20250315083000'),
      'TV01_20250315084500.txt': `${line('DO', '3,5', 'mg/L', '20250315084500')}COD 12 mg/L 20250315084500 00\r\n`,
    }
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    const sink = heldSink()
    const { lines, log } = recordingLog()
    await start(sink, log)

    const oldestFirst = ['TV01_20250315083000.txt', 'TV01_20250315084500.txt', 'TV01_20250315090000.txt']
    for (const [i, name] of oldestFirst.entries()) {
      await until(`accept call ${i + 1}`, () => sink.calls.length === i + 1)
      const call = sink.calls[i]!
      expect(call.readings[0]!.time).toBe(
        Date.UTC(2025, 2, 15, Number(name.slice(13, 15)) - 7, Number(name.slice(15, 17))),
      )
      // Still in the folder while the spool has not said yes.
      expect(await ls()).toContain(name)
      expect(await ls('processed')).not.toContain(name)
      call.resolve()
    }
    await until('three processed files', async () => (await ls('processed')).length === 3)
    expect((await ls()).filter((n) => n.endsWith('.txt'))).toEqual([])
    const warn = lines.filter((l) => l.msg === 'station file had lines that could not be used')
    expect(warn).toEqual([
      expect.objectContaining({ obj: expect.objectContaining({ problems: { unmapped_parameter: 1 } }) }),
    ])
    expect(watcher!.stats()).toMatchObject({ filesProcessed: 3, readings: 3, lineProblems: 1 })
  })

  it('keeps a file the spool refuses and retries it until it is accepted', async () => {
    // Fault injected: accept() rejects (spool full) twice. What must survive: the file, then its readings.
    await mkdir(dir)
    const name = 'TV01_20250315083000.txt'
    await writeFile(join(dir, name), line('pH', '7.9', 'pH', '20250315083000'))
    const sink = heldSink()
    await start(sink)
    for (let i = 0; i < 2; i++) {
      await until(`attempt ${i + 1}`, () => sink.calls.length === i + 1)
      sink.calls[i]!.reject(new Error('spool full'))
    }
    await until('third attempt', () => sink.calls.length === 3)
    expect(await ls()).toContain(name)
    expect(await ls('processed')).toEqual([])
    sink.calls[2]!.resolve()
    await until('processed after the retry', async () => (await ls('processed')).includes(name))
    expect(watcher!.stats()).toMatchObject({ acceptRefusals: 2, filesProcessed: 1 })
  })

  it('when the move fails after spooling, retries only the move and never spools the file twice', async () => {
    // Fault injected: processed/ cannot be created (a plain file holds its name). What must survive: the
    // station file, spooled exactly once, moved once the way is clear.
    await mkdir(dir)
    await writeFile(join(dir, 'processed'), 'in the way')
    const name = 'TV01_20250315083000.txt'
    await writeFile(join(dir, name), line('DO', '4', 'mg/L', '20250315083000'))
    const sink = heldSink()
    const { lines, log } = recordingLog()
    await start(sink, log)
    await until('the accept call', () => sink.calls.length === 1)
    sink.calls[0]!.resolve()
    await until('a few failed moves', () => watcher!.stats().fsErrors >= 3)
    expect(await ls()).toContain(name)
    expect(lines.filter((l) => l.msg === 'station folder: cannot handle, will retry')).toHaveLength(1)
    await rm(join(dir, 'processed'))
    await until('the move', async () => (await ls('processed')).includes(name))
    expect(sink.calls).toHaveLength(1)
  })

  it('moves a file it cannot read at all to rejected/ with a reason next to it', async () => {
    await mkdir(dir)
    await writeFile(join(dir, 'TV01_20251340000000.txt'), line('DO', '4', 'mg/L', '20250315083000'))
    await writeFile(join(dir, 'TV01_20250315083000.txt'), 'hello\nworld\n')
    const sink = heldSink()
    await start(sink)
    await until('two rejected files and their reasons', async () => (await ls('rejected')).length === 4)
    expect(await ls('rejected')).toEqual([
      'TV01_20250315083000.txt',
      'TV01_20250315083000.txt.reason.txt',
      'TV01_20251340000000.txt',
      'TV01_20251340000000.txt.reason.txt',
    ])
    const reason = await readFile(join(dir, 'rejected', 'TV01_20250315083000.txt.reason.txt'), 'utf8')
    expect(reason).toMatch(/^Không đọc được tệp trạm/)
    expect(reason).toContain('malformed_line')
    expect(sink.calls).toEqual([])
  })

  it('creates a missing folder, picks up a file dropped while running and leaves temp files and folders alone', async () => {
    const sink = heldSink()
    await start(sink)
    await until('the folder to be created', () => existsSync(dir))
    const ignored = ['TV01_20250315083000.txt.tmp', '.TV01_20250315083000.txt', 'notes.txt']
    for (const name of ignored) await writeFile(join(dir, name), line('DO', '4', 'mg/L', '20250315083000'))
    // A folder with a station file's name is not a file: skipped, and it holds nothing back.
    ignored.push('TV01_20250315080000.txt')
    await mkdir(join(dir, 'TV01_20250315080000.txt'))
    await writeFile(join(dir, 'TV01_20250315083000.txt'), line('Temp', '29.5', '°C', '20250315083000'))
    await until('the dropped file', () => sink.calls.length === 1)
    sink.calls[0]!.resolve()
    await until('the file to be processed', async () => (await ls('processed')).length === 1)
    expect(sink.calls).toHaveLength(1)
    expect((await ls()).filter((n) => n !== 'processed')).toEqual(ignored.sort())
  })

  it('deletes a spooled file when so configured, and stop() waits for the file in progress', async () => {
    await mkdir(dir)
    const name = 'TV01_20250315083000.txt'
    await writeFile(join(dir, name), line('DO', '4', 'mg/L', '20250315083000'))
    const sink = heldSink()
    await start(sink, undefined, { deleteProcessed: true })
    await until('the accept call', () => sink.calls.length === 1)
    let stopped = false
    const stopping = watcher!.stop().then(() => {
      stopped = true
    })
    await sleep(50)
    expect(stopped).toBe(false)
    sink.calls[0]!.resolve()
    await stopping
    expect(await ls()).toEqual([])
  })
})
