// The time ranges an area's charts offer, and the bucket each is read in: the finest step that still puts
// at most two points on each pixel of a 320-wide chart, so a year draws as fast as a day. Whole hours and
// days let readSeries answer from the hourly and daily rollups.
import { CHART_WIDTH } from '@zonetrace/api'

const HOUR = 3600
const DAY = 24 * HOUR

export const RANGES = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '1y': 365 * DAY } as const
export type RangeId = keyof typeof RANGES
export const RANGE_IDS = Object.keys(RANGES) as RangeId[]
export const DEFAULT_RANGE: RangeId = '24h'

const MAX_POINTS = 2 * CHART_WIDTH
const STEPS = [60, 120, 300, 600, 900, 1800, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY]

export function isRangeId(value: unknown): value is RangeId {
  return typeof value === 'string' && Object.hasOwn(RANGES, value)
}

/** The smallest bucket giving at most MAX_POINTS over the span; whole days past a day. */
export function bucketFor(spanSeconds: number): number {
  const least = spanSeconds / MAX_POINTS
  return STEPS.find((s) => s >= least) ?? Math.ceil(least / DAY) * DAY
}

export interface RangeWindow {
  id: RangeId
  from: Date
  to: Date
  bucketSeconds: number
}

export function rangeWindow(id: RangeId, now: Date): RangeWindow {
  const span = RANGES[id]
  return { id, from: new Date(now.getTime() - span * 1000), to: now, bucketSeconds: bucketFor(span) }
}
