// The pieces the writer-isolation tests share: a NUL (refused in a PostgreSQL text), loggers, and the
// change of one writer's isolation counters (zonetrace_writer_rows_isolated_total / _dropped_total).
import { isolationCounts } from '@zonetrace/db'
import pino from 'pino'

export const NUL = '\u0000'
export const silent = pino({ level: 'silent' })

/** A logger that keeps its lines, to check what an isolation logs (and that no value is in it). */
export function recordingLog(): { log: pino.Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  const log = pino(
    { level: 'debug' },
    {
      write(line: string) {
        raw.push(line)
        lines.push(JSON.parse(line))
      },
    },
  )
  return { log, lines, raw }
}

/** Change of the isolation counters of one writer since `before`. */
export function counted(writer: string, before: { isolated: number; dropped: number }) {
  const now = isolationCounts().get(writer) ?? { isolated: 0, dropped: 0 }
  return { isolated: now.isolated - before.isolated, dropped: now.dropped - before.dropped }
}
export const snapshot = (writer: string) => ({
  ...(isolationCounts().get(writer) ?? { isolated: 0, dropped: 0 }),
})
