// How an error appears in a log line: every zonetrace logger serialises `err` with this (cli/src/logger.ts,
// api/src/server.ts). A failed statement is logged by what it is (the SQL text with its placeholders, the
// SQLSTATE, the table, column and constraint), never by the values it carried: drivers attach those as
// `params` (PGlite, drizzle's "Failed query … params: …"), Postgres puts row values in `detail` ("Failing
// row contains (…)") and quotes bad input in data-exception messages. Those values can be a webhook
// secret, a password hash or a consumer's comment.

/** Fields no log line shows, whatever object carries them (pino redact paths). */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.secretHash',
  '*.token',
  '*.adminToken',
  '*.params',
  '*.comment',
]

/** What a logged error keeps. */
export interface SafeError {
  [key: string]: unknown
  type: string
  message: string
  stack: string
  code?: string
  statement?: string
  routine?: string
  table?: string
  column?: string
  constraint?: string
  cause?: SafeError
}

const KEPT = ['code', 'routine', 'table', 'column', 'constraint'] as const
const STATEMENT_CHARS = 160

export function logSafeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error) || depth > 4) return { type: typeof err, message: String(err), stack: '' }
  const e = err as Error & Record<string, unknown>
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined
  const statement = typeof e.query === 'string' ? statementName(e.query) : undefined
  const out: SafeError = {
    type: e.constructor?.name ?? e.name,
    message: safeMessage(e.message, sqlState),
    stack: safeMessage(e.stack ?? '', sqlState),
  }
  for (const key of KEPT) if (typeof e[key] === 'string') out[key] = e[key] as string
  if (statement) out.statement = statement
  if (e.cause !== undefined) out.cause = logSafeError(e.cause, depth + 1)
  return out
}

/** The SQL text, one line, cut short: it names the statement; its placeholders carry no values. */
function statementName(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > STATEMENT_CHARS ? `${flat.slice(0, STATEMENT_CHARS - 1)}…` : flat
}

function safeMessage(message: string, sqlState: string | undefined): string {
  // drizzle: "Failed query: <sql>\nparams: <values>"
  let text = message.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]')
  // Data exceptions (class 22) quote the value that was refused: invalid input syntax for type integer: "…"
  if (sqlState?.startsWith('22')) text = text.replace(/"[^"]*"|'[^']*'/g, '"[redacted]"')
  return text
}
