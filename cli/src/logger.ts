import { LOG_REDACT_PATHS, logSafeError } from '@zonetrace/db'
import { pino } from 'pino'

export type Logger = pino.Logger

/** JSON lines on stderr, written synchronously: stdout stays clean for JSON a script may parse
 *  (`gateway add`, `token create`), and nothing is lost when the process exits. */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    { level, base: { pid: process.pid }, serializers: SERIALIZERS, redact: LOG_REDACT_PATHS },
    destination,
  )
}

/** Fastify builds its own pino from options: the same JSON lines on stderr, tagged as the API's. */
export function apiLoggerOptions() {
  return { stream: pino.destination({ fd: 2, sync: true }), base: { pid: process.pid, component: 'api' } }
}

/** Errors keep what names a failure, never the values a failed statement carried (db/src/log-safe-error.ts). */
const SERIALIZERS = { err: logSafeError, error: logSafeError }
