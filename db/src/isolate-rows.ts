// One bad row must never block or poison a group write. Every group writer (readings, dead letters,
// presence, alarm reports, alert states, label scans) writes many rows in one statement; when the database
// refuses that statement for its data (a NUL in a text, an escape jsonb cannot hold, a number out of range,
// a constraint), retrying it unchanged can never succeed, and putting it back would hold every later row
// behind it. isolateRows splits such a batch in halves until the rows it refuses stand alone: the rest is
// written in a few statements, and each refused row is tried once more in a safe form (its text escaped)
// before it is given up alone. It only ever runs after a batch failed, so the common path costs nothing.
//
// Counts are kept per writer for the whole process (zonetrace_writer_rows_isolated_total and
// zonetrace_writer_rows_dropped_total, served from prom-client's process registry by the broker and the
// API). Nothing here logs a row's values: a refused row is described by its writer and SQLSTATE only.

/**
 * SQLSTATE classes about the data rather than the database: 22 data exception (bad encoding, escape,
 * number out of range), 23 integrity constraint violation, 54 program limit exceeded (too deep, too large).
 * PGlite is PostgreSQL compiled to WebAssembly and raises the same codes.
 */
const DATA_CLASSES = new Set(['22', '23', '54'])

/**
 * True when the statement was refused for the rows it carried: the same rows would be refused again, and
 * other rows would not. Also true for RangeError and TypeError, which the drivers throw while serialising a
 * parameter (an invalid date, a value JSON cannot hold) before anything reaches the database.
 */
export function isDataRefusal(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return DATA_CLASSES.has(code.slice(0, 2))
  return err instanceof RangeError || err instanceof TypeError
}

/**
 * What may be logged about a database error without the values it carried: PostgreSQL's messages and
 * details for a refused value quote it, and PGlite's errors hold the statement's parameters, so a data
 * refusal is described by its SQLSTATE (and constraint) alone. Other failures (an outage, a missing table)
 * keep their message, which names the problem and no row.
 */
export function errorFacts(err: unknown): ErrorFacts {
  if (typeof err !== 'object' || err === null) return { name: typeof err }
  const { name, code, constraint, message } = err as Record<string, unknown>
  const facts: ErrorFacts = {}
  if (typeof name === 'string') facts.name = name
  if (typeof code === 'string') facts.code = code
  if (typeof constraint === 'string') facts.constraint = constraint
  if (typeof message === 'string' && !isDataRefusal(err)) facts.message = message
  return facts
}

interface ErrorFacts {
  name?: string
  code?: string
  constraint?: string
  message?: string
}

interface IsolateOptions<T> {
  /** The error that refused the whole batch: its SQLSTATE is reported with the others. */
  cause?: unknown
  /** Writes some of the rows in one statement (or transaction); all of them or none. */
  write(rows: T[]): Promise<unknown>
  /** The row with whatever the database could refuse made harmless, or null when it has no such form. */
  safeForm?(row: T): T | null
}

export interface Isolation<T> {
  /** Written as they were. */
  written: T[]
  /** Refused alone, then written in their safe form. */
  safe: T[]
  /** Refused alone, in their safe form too (or they had none): not written. */
  refused: T[]
  /** The SQLSTATE (or error name) that refused each of `refused`, in the same order. */
  refusedCodes: string[]
  /**
   * Not written because a write failed for another reason than its data (the database went away, say);
   * `error` is that failure. The caller treats these as it treats a failed batch.
   */
  left: T[]
  error: unknown
  /** SQLSTATE (or error name) of each refusal met, for the log. */
  codes: string[]
}

/**
 * Writes `rows`, a batch the database just refused for its data (opts.cause), isolating the rows it
 * refuses: the batch is not tried whole again. Halves are written in
 * order, so rows keep their order; a batch of n rows with k bad ones costs about 2k·log2(n) statements.
 */
export async function isolateRows<T>(rows: readonly T[], opts: IsolateOptions<T>): Promise<Isolation<T>> {
  const out: Isolation<T> = {
    written: [],
    safe: [],
    refused: [],
    refusedCodes: [],
    left: [],
    error: null,
    codes: [],
  }
  const codes = new Set<string>()
  const cause = opts.cause === undefined ? 'unknown' : refusalCode(opts.cause)
  codes.add(cause)

  // `refusal`: the SQLSTATE that just refused this group whole, which is then split without another try.
  async function place(group: T[], refusal: string | null): Promise<void> {
    if (group.length === 0) return
    if (out.error !== null) {
      out.left.push(...group)
      return
    }
    let code = refusal
    if (code === null) {
      try {
        await opts.write(group)
        out.written.push(...group)
        return
      } catch (err) {
        if (!isDataRefusal(err)) {
          out.error = err
          out.left.push(...group)
          return
        }
        code = refusalCode(err)
        codes.add(code)
      }
    }
    if (group.length === 1) return tryAlone(group[0]!, code)
    const half = Math.ceil(group.length / 2)
    await place(group.slice(0, half), null)
    await place(group.slice(half), null)
  }

  async function tryAlone(row: T, code: string): Promise<void> {
    const safe = opts.safeForm?.(row) ?? null
    if (safe === null) return refuse(row, code)
    try {
      await opts.write([safe])
      out.safe.push(row)
    } catch (err) {
      if (!isDataRefusal(err)) {
        out.error = err
        out.left.push(row)
        return
      }
      refuse(row, refusalCode(err))
    }
  }

  function refuse(row: T, code: string): void {
    codes.add(code)
    out.refused.push(row)
    out.refusedCodes.push(code)
  }

  await place(rows.slice(), cause)
  out.codes = [...codes]
  return out
}

function refusalCode(err: unknown): string {
  const { code, name } = errorFacts(err)
  return code ?? name ?? 'unknown'
}

// --- Counts, for Prometheus -------------------------------------------------------------------------------

interface IsolationCount {
  /** Rows the database refused alone (then stored in a safe form, dead-lettered or dropped). */
  isolated: number
  /** Rows stored in no form at all. */
  dropped: number
}

const tallies = new Map<string, IsolationCount>()

/** Counts rows a writer isolated and, of those, the ones it had to drop. */
function countIsolated(writer: string, isolated: number, dropped: number): void {
  const t = tallies.get(writer) ?? { isolated: 0, dropped: 0 }
  t.isolated += isolated
  t.dropped += dropped
  tallies.set(writer, t)
}

/** Counts since the process started, per writer. */
export function isolationCounts(): ReadonlyMap<string, Readonly<IsolationCount>> {
  return tallies
}

/** The two counters, for whoever registers them (the broker's or the API's process registry). */
export const ISOLATION_METRICS = {
  isolated: {
    name: 'zonetrace_writer_rows_isolated_total',
    help: 'Rows a group writer had refused by the database for their data and wrote alone (safe form, dead letter or dropped), by writer',
  },
  dropped: {
    name: 'zonetrace_writer_rows_dropped_total',
    help: 'Rows refused by the database that a group writer could store in no form, by writer',
  },
} as const

export interface WarnLog {
  warn(obj: object, msg: string): void
}

/**
 * Counts an isolation and logs it once, at warn, with counts and SQLSTATEs only. `kept` are refused rows
 * stored elsewhere (a dead letter); the rest of the refused ones are dropped.
 */
export function reportIsolation(
  log: WarnLog | undefined,
  writer: string,
  iso: { safe: readonly unknown[]; refused: readonly unknown[]; codes: readonly string[] },
  extra: { kept?: number; [field: string]: unknown } = {},
): void {
  const { kept = 0, ...fields } = extra
  const isolated = iso.safe.length + iso.refused.length
  if (isolated === 0) return
  const dropped = Math.max(0, iso.refused.length - kept)
  countIsolated(writer, isolated, dropped)
  log?.warn(
    { writer, isolated, safeForm: iso.safe.length, kept, dropped, sqlstates: iso.codes, ...fields },
    'rows refused by the database were isolated; the rest of their batch was written',
  )
}

// --- Safe forms -------------------------------------------------------------------------------------------

// NUL (PostgreSQL text cannot hold it; jsonb refuses its \u0000 escape) and UTF-16 surrogates that are not
// part of a pair (jsonb refuses their escape; UTF-8 cannot encode them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it finds
const UNSAFE = /[\u0000]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The text with NULs and lone surrogates written out as `\u0000`-style text; unchanged when it has none. */
export function safeText(s: string, maxChars = Number.POSITIVE_INFINITY): string {
  const escaped = s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return escaped.length > maxChars ? `${escaped.slice(0, maxChars)}…` : escaped
}

/** Deeper than this, a JSON value is replaced by a marker (PGlite's stack gives out near 1,000 levels). */
export const SAFE_JSON_DEPTH = 32

/**
 * A JSON value jsonb always accepts: strings and keys through safeText, numbers JSON cannot hold as null,
 * nesting beyond maxDepth replaced by the string "[too deep]". `__proto__` keys stay plain keys.
 */
export function safeJson(value: unknown, maxDepth = SAFE_JSON_DEPTH): unknown {
  return walk(value, 0)
  function walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return safeText(v)
    if (typeof v === 'number') return Number.isFinite(v) ? v : null
    if (v === null || typeof v !== 'object') return typeof v === 'boolean' ? v : null
    if (depth >= maxDepth) return '[too deep]'
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1))
    // fromEntries defines own properties, so a "__proto__" key never sets a prototype.
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [safeText(k), walk(x, depth + 1)]))
  }
}

/** How deep a JSON value nests (a scalar is 0), counting no further than `limit`. */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  if (value === null || typeof value !== 'object') return 0
  let deepest = 0
  for (const x of Object.values(value)) {
    if (deepest >= limit) break
    deepest = Math.max(deepest, jsonDepth(x, limit - 1))
  }
  return deepest + 1
}
