// Dropping unsent readings is data loss the operator must hear about, but a gateway cut off for days drops
// on every append; one line a minute with the running count says it without flooding the log.
import type { SpoolLog } from './log.ts'

export function createDropWarner(
  log: SpoolLog | undefined,
  everyMs = 60_000,
): (dropped: number, depth: number) => void {
  let lastWarn = -Infinity
  let unreported = 0
  return (dropped, depth) => {
    unreported += dropped
    const now = Date.now()
    if (!log || now - lastWarn < everyMs) return
    log.warn({ dropped: unreported, depth }, 'spool full: dropped the oldest unsent entries to make room')
    lastWarn = now
    unreported = 0
  }
}
