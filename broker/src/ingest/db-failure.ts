// Whether a failed insert is worth trying again unchanged. The writer holds acknowledgements and retries
// while the database cannot be reached, so a batch is only given up (and its gateways disconnected to
// resend) when the statement itself is refused, which no retry would change.

/** Socket errors from connecting to or talking with the server (node:net, through pg). */
const NETWORK_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
])

// SQLSTATE (PostgreSQL appendix A). Whole classes: 08 connection exception, 53 insufficient resources
// (too many connections, disk full: an operator fixes them), 40 transaction rollback (serialization,
// deadlock). Single codes: the server shutting down, crashed or still starting (57P01-57P03), a query
// cancelled by an operator or a timeout (57014), a lock timeout (55P03), an I/O error (58030), and a
// write on a standby while a failover is under way (25006).
const RETRYABLE_CLASSES = new Set(['08', '53', '40'])
const RETRYABLE_CODES = new Set(['57P01', '57P02', '57P03', '57014', '55P03', '58030', '25006'])

// node-postgres and pg-pool raise these without a code when a connection dies or cannot be had.
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|timeout expired|Query read timeout|Client has encountered a connection error)/

/** True when the database was unreachable: the same statement may well succeed later. */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const { code, message, errors } = err as { code?: unknown; message?: unknown; errors?: unknown }
  if (typeof code === 'string') {
    if (NETWORK_ERRNO.has(code)) return true
    if (/^[0-9A-Z]{5}$/.test(code))
      return RETRYABLE_CODES.has(code) || RETRYABLE_CLASSES.has(code.slice(0, 2))
  }
  // Connecting to a name with several addresses fails with one error per address (AggregateError).
  if (Array.isArray(errors) && errors.length > 0) return errors.every(isDatabaseUnreachable)
  return typeof message === 'string' && LOST_CONNECTION.test(message)
}

/** Delay before retry number `attempt` (0 first): doubling from baseMs up to maxMs, jittered to 50-100 %. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  // Brokers restarted together after an outage must not hit the recovering server in lockstep.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
