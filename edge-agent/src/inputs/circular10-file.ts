// One station file from folder to spool: read, parse, hand the readings over, and only once the spool has
// them move the file out of the way. A file leaves the folder in exactly two ways: to processed/ (or
// deleted) after accept() resolved, or to rejected/ with a reason when nothing in it can be read.
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AgentLogger } from '../logger.ts'
import type { ReadingSink } from '../reading.ts'
import { type Circular10Options, type Circular10Problem, parseCircular10File } from './circular10.ts'
import { decodeStationText } from './station-text.ts'

export interface StationFileContext {
  dir: string
  parse: Circular10Options
  sink: ReadingSink
  log: AgentLogger
  deleteProcessed: boolean
  maxFileBytes: number
  stats: Circular10WatcherStats
}

export interface Circular10WatcherStats {
  filesProcessed: number
  filesRejected: number
  readings: number
  lineProblems: number
  /** accept() calls that rejected (spool full); the file stayed for a later scan. */
  acceptRefusals: number
  /** Files or the folder that could not be read, moved or listed this time (permissions, I/O). */
  fsErrors: number
}

/** refused: the sink said no, so later files must wait too (they would overtake this one). */
type FileOutcome = 'done' | 'refused'

export async function processStationFile(
  ctx: StationFileContext,
  name: string,
  size: number,
): Promise<FileOutcome> {
  const path = join(ctx.dir, name)
  if (size > ctx.maxFileBytes) {
    await rejectFile(ctx, name, `file is ${size} bytes; the limit is ${ctx.maxFileBytes}`)
    return 'done'
  }
  // Errors here (vanished, permissions) propagate: the watcher logs them and tries again next scan.
  const text = decodeStationText(await readFile(path))
  const file = parseCircular10File(name, text, ctx.parse)
  if (!file.ok) {
    await rejectFile(ctx, name, file.reason)
    return 'done'
  }
  if (file.readings.length === 0) {
    await rejectFile(ctx, name, `no readable line: ${summarize(file.problems)}`)
    return 'done'
  }
  try {
    await ctx.sink.accept(file.readings)
  } catch (err) {
    ctx.stats.acceptRefusals++
    ctx.log.warn({ file: name, err: String(err) }, 'station file refused by the spool; kept for a later try')
    return 'refused'
  }
  ctx.stats.filesProcessed++
  ctx.stats.readings += file.readings.length
  ctx.stats.lineProblems += file.problems.length
  if (file.problems.length > 0) {
    ctx.log.warn(
      {
        file: name,
        readings: file.readings.length,
        problems: countByReason(file.problems),
        first: file.problems.slice(0, 3),
      },
      'station file had lines that could not be used',
    )
  }
  await finishFile(ctx, name)
  return 'done'
}

/** Moves (or deletes) a file whose readings are spooled. Throws when it cannot, so the watcher retries. */
export async function finishFile(ctx: StationFileContext, name: string): Promise<void> {
  const path = join(ctx.dir, name)
  try {
    if (ctx.deleteProcessed) return await unlink(path)
    await makeSubfolder(join(ctx.dir, 'processed'))
    await rename(path, join(ctx.dir, 'processed', name))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw Object.assign(err as Error, { spooled: true })
  }
}

async function rejectFile(ctx: StationFileContext, name: string, reason: string): Promise<void> {
  const rejected = join(ctx.dir, 'rejected')
  await makeSubfolder(rejected)
  await rename(join(ctx.dir, name), join(rejected, name))
  ctx.stats.filesRejected++
  ctx.log.warn({ file: name, reason }, 'station file rejected')
  // Read by the technician on site: Vietnamese first.
  const note = `Không đọc được tệp trạm ${name}.\nLý do: ${reason}\n\nStation file could not be read: ${reason}\n`
  await writeFile(join(rejected, `${name}.reason.txt`), note).catch((err: unknown) =>
    ctx.log.warn({ file: name, err: String(err) }, 'could not write the reason file'),
  )
}

/**
 * One level, never `recursive`: the station folder itself exists, and Node 20's recursive mkdir can wait
 * forever when the path is a file that someone removes meanwhile (seen once in CI: the watcher stalled until
 * its stop timed out). A plain mkdir answers EEXIST, and the rename after it reports what is in the way.
 */
async function makeSubfolder(path: string): Promise<void> {
  await mkdir(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err
  })
}

function countByReason(problems: Circular10Problem[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const p of problems) counts[p.reason] = (counts[p.reason] ?? 0) + 1
  return counts
}

function summarize(problems: Circular10Problem[]): string {
  if (problems.length === 0) return 'the file is empty'
  return problems
    .slice(0, 5)
    .map((p) => `line ${p.line} ${p.reason} (${p.detail})`)
    .join('; ')
}
