// Opens thousands of gateway connections from one process without a thundering herd: connections start at
// a steady rate with a cap on how many are still handshaking, and progress is logged while it lasts.
import type { SimLogger } from './logger.ts'

interface StaggerOptions<T> {
  /** Connections started per second. */
  ratePerSecond: number
  /** Handshakes in progress at once. */
  maxPending: number
  logger: SimLogger
  close: (opened: T) => Promise<void>
  /** Real milliseconds between progress lines (default 1000). */
  progressEveryMs?: number
}

/** Opens `count` things in order; on the first failure stops, closes what was opened and rethrows. */
export async function openStaggered<T>(
  count: number,
  open: (index: number) => Promise<T>,
  opts: StaggerOptions<T>,
): Promise<T[]> {
  const opened: (T | undefined)[] = new Array(count)
  const started = performance.now()
  let next = 0
  let done = 0
  let failure: { err: unknown } | undefined
  const progress = setInterval(
    () => opts.logger.info({ connected: done, total: count }, 'connecting gateways'),
    opts.progressEveryMs ?? 1000,
  )

  const worker = async () => {
    while (failure === undefined && next < count) {
      const i = next++
      const wait = started + (i * 1000) / opts.ratePerSecond - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      if (failure !== undefined) return
      try {
        opened[i] = await open(i)
        done++
      } catch (err) {
        failure ??= { err }
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(opts.maxPending, count) }, worker))
  } finally {
    clearInterval(progress)
  }
  if (failure !== undefined) {
    await Promise.all(opened.map((o) => (o === undefined ? undefined : opts.close(o).catch(() => {}))))
    throw failure.err
  }
  if (count > 1) {
    const seconds = Math.round((performance.now() - started) / 100) / 10
    opts.logger.info({ connected: count, seconds }, 'all gateways connected')
  }
  return opened as T[]
}
