// The time ranges an area's charts offer, and the bucket each is read in: the finest step that still puts
// at most two points on each pixel of a 320-wide chart (islands/lib/bucket.ts, the rule the chart island's
// zoom follows too), so a year draws as fast as a day. Besides the fixed ranges, any span of Vietnamese
// calendar days up to two years (range=custom&from=YYYY-MM-DD&to=YYYY-MM-DD, both days included) that
// does not reach past today; a bad one is a problem to say on the page, never an error.
import { CHART_WIDTH } from '@zonetrace/api'
import { vietnamDate, vietnamDayStartOf } from '@zonetrace/db'
import { bucketFor as bucketRule, DAY } from '../../islands/lib/bucket.ts'

export const RANGES = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '1y': 365 * DAY } as const
export type RangeId = keyof typeof RANGES
export const RANGE_IDS = Object.keys(RANGES) as RangeId[]
export const DEFAULT_RANGE: RangeId = '24h'
/** Two years and a leap day: the longest custom range. */
export const MAX_CUSTOM_DAYS = 731

const MAX_POINTS = 2 * CHART_WIDTH
const DAY_MS = DAY * 1000

export function isRangeId(value: unknown): value is RangeId {
  return typeof value === 'string' && Object.hasOwn(RANGES, value)
}

/** The smallest bucket giving at most two points a pixel of the SVG chart over the span. */
export function bucketFor(spanSeconds: number): number {
  return bucketRule(spanSeconds, MAX_POINTS)
}

export interface RangeWindow {
  id: RangeId | 'custom'
  from: Date
  to: Date
  bucketSeconds: number
}

export function rangeWindow(id: RangeId, now: Date): RangeWindow {
  const span = RANGES[id]
  return { id, from: new Date(now.getTime() - span * 1000), to: now, bucketSeconds: bucketFor(span) }
}

/** Why a range asked for was not drawn; the page says it in words. */
export type RangeProblem = 'unknown' | 'missing' | 'badDay' | 'order' | 'future' | 'tooLong'

export interface RangeQuery {
  range?: string
  from?: string
  to?: string
}

export interface ParsedRange {
  window: RangeWindow
  problem: RangeProblem | null
  /** The custom form's days as the person left them, or the shown window's days. */
  form: { from: string; to: string }
}

/** A Vietnamese calendar day (YYYY-MM-DD) of an instant. */
export function vietnamDay(instant: Date): string {
  return vietnamDate(instant.getTime())
}

/** The start of a Vietnamese calendar day, or null when `day` is not one (2025-02-30 included). */
function dayStart(day: string): Date | null {
  const start = vietnamDayStartOf(day)
  return start === null ? null : new Date(start)
}

function customWindow(from: string, to: string, now: Date): RangeWindow | RangeProblem {
  if (!from || !to) return 'missing'
  const start = dayStart(from)
  const last = dayStart(to)
  if (!start || !last) return 'badDay'
  if (start.getTime() > last.getTime()) return 'order'
  if (to > vietnamDay(now)) return 'future'
  const days = Math.round((last.getTime() - start.getTime()) / DAY_MS) + 1
  if (days > MAX_CUSTOM_DAYS) return 'tooLong'
  // The last day is included, up to now when it is today.
  const end = new Date(Math.min(last.getTime() + DAY_MS, now.getTime()))
  const span = (end.getTime() - start.getTime()) / 1000
  return { id: 'custom', from: start, to: end, bucketSeconds: bucketFor(span) }
}

const field = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 32) : '')

/** The window a query asks for: a fixed range, a custom span of days, or the default with the problem. */
export function parseRange(query: RangeQuery, now: Date): ParsedRange {
  const asked = field(query.range)
  const days = { from: field(query.from), to: field(query.to) }
  const fallback = rangeWindow(DEFAULT_RANGE, now)
  const shownDays = (w: RangeWindow) => ({ from: vietnamDay(w.from), to: vietnamDay(w.to) })
  if (asked === 'custom') {
    const custom = customWindow(days.from, days.to, now)
    return typeof custom === 'string'
      ? { window: fallback, problem: custom, form: days }
      : { window: custom, problem: null, form: days }
  }
  if (asked === '' || isRangeId(asked)) {
    const window = rangeWindow(asked === '' ? DEFAULT_RANGE : asked, now)
    return { window, problem: null, form: shownDays(window) }
  }
  return { window: fallback, problem: 'unknown', form: shownDays(fallback) }
}
