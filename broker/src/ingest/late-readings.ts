// Readings that arrive well after their data time (an edge gateway emptying its spool) may land in rollup
// buckets the rollups job has already aggregated. Continuous aggregates notice that themselves; the rollup
// tables of TimescaleDB's Apache edition do not, so the broker notes the range of late data times after
// each commit, coalesced to one row every few seconds (db/src/rollup-tables.ts).
import {
  type Database,
  detectCapabilities,
  lateForRollups,
  noteLateReadings,
  type ReadingBatch,
} from '@zonetrace/db'
import type { Logger } from 'pino'

export interface LateReadingNotes {
  committed(rows: ReadingBatch, arrival: number): void
  close(): Promise<void>
}

const FLUSH_MS = 2_000

export async function createLateReadingNotes(db: Database, log: Logger): Promise<LateReadingNotes> {
  const caps = await detectCapabilities(db)
  if (caps.continuousAggregates) return { committed() {}, close: async () => {} }
  let from = Number.POSITIVE_INFINITY
  let to = Number.NEGATIVE_INFINITY
  let writing: Promise<void> = Promise.resolve()

  const flush = () => {
    if (from > to) return writing
    const range = [new Date(from), new Date(to)] as const
    from = Number.POSITIVE_INFINITY
    to = Number.NEGATIVE_INFINITY
    writing = writing
      .then(() => noteLateReadings(db, ...range))
      .catch((err) => {
        // Keep the range for the next try: a missed range would leave a rollup short for good.
        from = Math.min(from, range[0].getTime())
        to = Math.max(to, range[1].getTime())
        log.warn({ err }, 'could not note late readings for the rollups; retrying')
      })
    return writing
  }
  const timer = setInterval(() => void flush(), FLUSH_MS)
  timer.unref()

  return {
    committed(rows, arrival) {
      for (const t of rows.time) {
        if (!lateForRollups(t, arrival)) continue
        if (t < from) from = t
        if (t > to) to = t
      }
    },
    async close() {
      clearInterval(timer)
      await flush()
    },
  }
}
