import { pino } from 'pino'

export type Logger = pino.Logger

/** JSON lines on stderr, written synchronously: stdout stays clean for JSON a script may parse
 *  (`gateway add`, `token create`), and nothing is lost when the process exits. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }))
}

/** Fastify builds its own pino from options: the same JSON lines on stderr, tagged as the API's. */
export function apiLoggerOptions() {
  return { stream: pino.destination({ fd: 2, sync: true }), base: { pid: process.pid, component: 'api' } }
}
