// Watches the folder a station logger drops its Circular 10 files into. fs.watch only triggers a scan:
// it misses events on network and some embedded filesystems, so a periodic rescan is the real loop.
//
// Order: files go to the spool oldest first (time in the name, then name), so readings of one sensor
// arrive in time order and the clock screen has no reason to flag them. A file still being written, or
// refused by a full spool, holds back the files after it. A file that cannot be read (permissions) is
// skipped for now rather than holding back the whole station.
//
// A file is settled when its size and mtime have not changed for settleMs by the monotonic clock, so
// neither a half-written file nor a jump of the wall clock fools the watcher.
import { type FSWatcher, watch } from 'node:fs'
import { mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { AgentLogger } from '../logger.ts'
import type { ReadingSink } from '../reading.ts'
import {
  type Circular10WatcherStats,
  finishFile,
  processStationFile,
  type StationFileContext,
} from './circular10-file.ts'
import { CIRCULAR10_NAME_PATTERN, parseCircular10Name } from './circular10-name.ts'
import { circular10Names } from './circular10-names.ts'

export type { Circular10WatcherStats } from './circular10-file.ts'

export interface Circular10WatcherOptions {
  dir: string
  sink: ReadingSink
  log: AgentLogger
  /** Station parameter name → metric, merged over DEFAULT_CIRCULAR10_NAMES. */
  names?: Readonly<Record<string, string>>
  station?: string
  sensorId?: string
  utcOffsetHours?: number
  /** Delete a file once spooled instead of moving it to processed/. */
  deleteProcessed?: boolean
  scanIntervalMs?: number
  settleMs?: number
  maxFileBytes?: number
}

export interface Circular10Watcher {
  start(): Promise<void>
  /** Stops watching; resolves once the file in progress is finished. */
  stop(): Promise<void>
  stats(): Circular10WatcherStats
}

export function createCircular10Watcher(opts: Circular10WatcherOptions): Circular10Watcher {
  const { dir, log } = opts
  const settleMs = opts.settleMs ?? 1000
  const ctx: StationFileContext = {
    dir,
    log,
    sink: opts.sink,
    parse: { names: circular10Names(opts.names), station: opts.station, sensorId: opts.sensorId },
    deleteProcessed: opts.deleteProcessed ?? false,
    maxFileBytes: opts.maxFileBytes ?? 1024 * 1024,
    stats: {
      filesProcessed: 0,
      filesRejected: 0,
      readings: 0,
      lineProblems: 0,
      acceptRefusals: 0,
      fsErrors: 0,
    },
  }
  if (opts.utcOffsetHours !== undefined) ctx.parse.utcOffsetHours = opts.utcOffsetHours
  const sightings = new Map<string, { key: string; since: number }>()
  /** Spooled but not yet moved away (the move failed): only the move is retried. */
  const spooled = new Map<string, string>()
  const failing = new Map<string, string>()
  let watcher: FSWatcher | undefined
  let timer: NodeJS.Timeout | undefined
  let settleTimer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopping = false

  function requestScan(): void {
    if (stopping) return
    if (running) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        await scan().catch((err: unknown) => trouble(dir, err))
      } while (again && !stopping)
    })().finally(() => {
      running = undefined
    })
  }

  async function scan(): Promise<void> {
    const names = await listStationFiles()
    // Every file is sighted before any is processed, so a backlog settles together, not one per settleMs.
    const files: { name: string; key: string; size: number }[] = []
    for (const name of names) {
      const st = await stat(join(dir, name)).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') trouble(name, err)
      })
      if (!st?.isFile()) continue
      const key = `${st.size}:${st.mtimeMs}`
      if (sightings.get(name)?.key !== key) sightings.set(name, { key, since: performance.now() })
      files.push({ name, key, size: st.size })
    }
    const present = new Set(names)
    for (const name of sightings.keys()) if (!present.has(name)) sightings.delete(name)
    for (const name of failing.keys()) if (name !== dir && !present.has(name)) failing.delete(name)

    for (const file of files) {
      if (stopping) return
      const next = await step(file).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') trouble(file.name, err)
        return 'skip' as const
      })
      if (next === 'hold') return
    }
  }

  async function step({ name, key, size }: { name: string; key: string; size: number }) {
    if (spooled.get(name) === key) {
      await finishFile(ctx, name)
      return settled(name)
    }
    const since = sightings.get(name)?.since ?? performance.now()
    if (performance.now() - since < settleMs) {
      if (!stopping) {
        settleTimer ??= setTimeout(() => {
          settleTimer = undefined
          requestScan()
        }, settleMs)
      }
      return 'hold'
    }
    try {
      if ((await processStationFile(ctx, name, size)) === 'refused') return 'hold'
    } catch (err) {
      if ((err as { spooled?: boolean }).spooled) spooled.set(name, key)
      throw err
    }
    return settled(name)
  }

  function settled(name: string): 'done' {
    sightings.delete(name)
    spooled.delete(name)
    failing.delete(name)
    return 'done'
  }

  async function listStationFiles(): Promise<string[]> {
    let entries: string[]
    try {
      entries = await readdir(dir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      // Gone (or never made): a watch on a removed folder sees nothing more, so watch the new one.
      watcher?.close()
      watcher = undefined
      await mkdir(dir, { recursive: true })
      return []
    }
    if (!watcher && !stopping) watchFolder()
    failing.delete(dir)
    const files = entries.flatMap((name) => {
      if (!CIRCULAR10_NAME_PATTERN.test(name)) return []
      const parsed = parseCircular10Name(name, ctx.parse.utcOffsetHours)
      // A name with an impossible time sorts first and is rejected at once.
      return [{ name, time: parsed.ok ? parsed.fileTime : Number.NEGATIVE_INFINITY }]
    })
    files.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return files.map((f) => f.name)
  }

  function watchFolder(): void {
    try {
      watcher = watch(dir, () => requestScan())
      watcher.on('error', () => {
        watcher?.close()
        watcher = undefined
      })
    } catch {
      // The periodic rescan still runs; the next one tries to watch again.
      watcher = undefined
    }
  }

  /** Logs a failing file or folder once, not at every rescan; it is logged again after it recovers. */
  function trouble(what: string, err: unknown): void {
    ctx.stats.fsErrors++
    const code = (err as NodeJS.ErrnoException).code ?? String(err)
    if (failing.get(what) === code) return
    failing.set(what, code)
    log.warn({ file: what, dir, err: String(err) }, 'station folder: cannot handle, will retry')
  }

  return {
    async start() {
      stopping = false
      timer = setInterval(requestScan, opts.scanIntervalMs ?? 2000)
      requestScan()
    },
    async stop() {
      stopping = true
      clearInterval(timer)
      clearTimeout(settleTimer)
      settleTimer = undefined
      watcher?.close()
      watcher = undefined
      await running
    },
    stats: () => ({ ...ctx.stats }),
  }
}
