// The query parameters of OGC API – Features items (Part 1 Core § 7.15): limit, bbox, datetime, plus the
// collection's property filters, our keyset cursor and the output format. Parsing is strict, because the
// standard wants a 400 for what a server does not understand rather than a silently wider answer.
import type { Box } from '@zonetrace/contracts'

export const DEFAULT_LIMIT = 100
/** The documented maximum; a larger `limit` is lowered to it (Core, /req/core/fc-limit-response-1). */
export const MAX_LIMIT = 10_000

export class ParameterError extends Error {}

/** A closed or half-open time interval in epoch ms; null ends are open. */
export interface Interval {
  start: number | null
  end: number | null
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new ParameterError(`limit must be a whole number from 1 (at most ${MAX_LIMIT} are returned)`)
  }
  return Math.min(Number(raw), MAX_LIMIT)
}

/** `minx,miny,maxx,maxy` or `minx,miny,minz,maxx,maxy,maxz` in CRS84; heights are not used. */
export function parseBbox(raw: string | undefined): Box | null {
  if (raw === undefined) return null
  const parts = raw.split(',')
  const numbers = parts.map((p) =>
    /^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$/.test(p) ? Number(p) : Number.NaN,
  )
  if ((numbers.length !== 4 && numbers.length !== 6) || numbers.some((n) => !Number.isFinite(n))) {
    throw new ParameterError('bbox must be 4 numbers (west,south,east,north) or 6 with heights')
  }
  const [w, s, e, n] = numbers.length === 4 ? numbers : [numbers[0]!, numbers[1]!, numbers[3]!, numbers[4]!]
  if (s! < -90 || n! > 90 || s! > n!) {
    throw new ParameterError('bbox latitudes must lie in -90…90 with south ≤ north')
  }
  if (w! < -180 || e! > 180 || w! > e!) {
    // A box across the antimeridian is legal, but nothing here lies near it: refuse rather than misread.
    throw new ParameterError('bbox longitudes must lie in -180…180 with west ≤ east')
  }
  return [w!, s!, e!, n!]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/**
 * An RFC 3339 instant, or an interval `a/b` whose ends may be open (`..` or empty). A date alone is that
 * whole day in UTC, as the standard reads it; an instant is the interval of that one moment.
 */
export function parseDatetime(raw: string | undefined): Interval | null {
  if (raw === undefined) return null
  const ends = raw.split('/')
  if (ends.length === 1) {
    const one = parseEnd(ends[0]!, 'start')
    if (one === null)
      throw new ParameterError('datetime must be an RFC 3339 date or date-time, or an interval a/b')
    return DATE.test(ends[0]!) ? { start: one, end: one + 86_400_000 - 1 } : { start: one, end: one }
  }
  if (ends.length !== 2) throw new ParameterError('datetime has at most one "/"')
  const start = parseEnd(ends[0]!, 'start')
  const end = parseEnd(ends[1]!, 'end')
  if (start === null && end === null) throw new ParameterError('datetime "../.." must close at least one end')
  if (start !== null && end !== null && start > end) throw new ParameterError('datetime starts after it ends')
  return { start, end }
}

function parseEnd(text: string, side: 'start' | 'end'): number | null {
  if (text === '..' || text === '') return null
  if (DATE.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`)
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw badInstant(text)
    return side === 'start' ? ms : ms + 86_400_000 - 1
  }
  if (DATE_TIME.test(text)) {
    const ms = Date.parse(text)
    if (Number.isNaN(ms)) throw badInstant(text)
    return ms
  }
  throw badInstant(text)
}

const badInstant = (text: string) =>
  new ParameterError(`datetime "${text.slice(0, 40)}" is not an RFC 3339 date or date-time`)

export type Format = 'json' | 'html'

/** `f` wins; otherwise a browser (HTML before JSON in Accept) gets HTML and everyone else JSON. */
export function chooseFormat(f: string | undefined, accept: string | undefined): Format {
  if (f !== undefined) {
    if (f === 'json' || f === 'geojson' || f === 'html') return f === 'html' ? 'html' : 'json'
    throw new ParameterError('f must be json or html')
  }
  const header = (accept ?? '').toLowerCase()
  const htmlAt = header.indexOf('text/html')
  if (htmlAt === -1) return 'json'
  const jsonAt = header.search(/application\/(geo\+)?json/)
  return jsonAt === -1 || htmlAt < jsonAt ? 'html' : 'json'
}

/** The keyset cursor: the last key of the previous page, base64url JSON, opaque to clients. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(raw: string | undefined, parts: number): string[] | null {
  if (raw === undefined) return null
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(raw)) throw new Error('not base64url')
    const key: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key
  } catch {
    // Falls through to the refusal: a cursor is only ever one this server wrote.
  }
  throw new ParameterError('cursor is not one this server wrote; follow the "next" link of the previous page')
}
