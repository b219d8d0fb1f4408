// The time window and bucket size of a series request, checked before any query runs: every bad value is a
// 400 with a message, never a database error.
import { IMPLAUSIBLE_INSTANT, isPlausibleInstant } from '@zonetrace/contracts'
import { formatDuration, parseDuration } from '../../duration.ts'
import { HttpError } from '../../errors.ts'

const MAX_BUCKETS = 10_000
const TARGET_POINTS = 300
const DEFAULT_SPAN_MS = 24 * 3600 * 1000
const MAX_BUCKET_SECONDS = 10_000 * 86_400

// Bucket sizes a person would choose; the automatic one is the step nearest to span / 300.
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]

interface SeriesWindow {
  from: Date
  to: Date
  bucketSeconds: number
}

export function resolveWindow(q: { from?: string; to?: string; bucket?: string }, now: Date): SeriesWindow {
  const to = q.to === undefined ? now : parseTime('to', q.to)
  const from = q.from === undefined ? new Date(to.getTime() - DEFAULT_SPAN_MS) : parseTime('from', q.from)
  if (from.getTime() >= to.getTime()) {
    throw new HttpError(400, `from (${from.toISOString()}) must be before to (${to.toISOString()})`)
  }
  const spanSeconds = (to.getTime() - from.getTime()) / 1000
  const bucketSeconds = q.bucket === undefined ? autoBucket(spanSeconds) : parseBucket(q.bucket)
  const buckets = Math.ceil(spanSeconds / bucketSeconds)
  if (buckets > MAX_BUCKETS) {
    const smallest = formatDuration(Math.ceil(spanSeconds / MAX_BUCKETS))
    throw new HttpError(
      400,
      `bucket ${formatDuration(bucketSeconds)} gives ${buckets} buckets; at most ${MAX_BUCKETS} are allowed, ` +
        `so use a bucket of at least ${smallest}`,
    )
  }
  return { from, to, bucketSeconds }
}

function parseTime(name: string, text: string): Date {
  const date = new Date(text)
  const ms = date.getTime()
  if (Number.isNaN(ms)) throw new HttpError(400, `${name} "${text}" is not an ISO 8601 date-time`)
  if (!isPlausibleInstant(ms)) throw new HttpError(400, `${name} ${IMPLAUSIBLE_INSTANT}`)
  return date
}

function parseBucket(text: string): number {
  const seconds = parseDuration(text)
  if (seconds === null) {
    throw new HttpError(
      400,
      'bucket must be a duration such as 30s, 5m, 1h or 1d, or a whole number of seconds',
    )
  }
  if (seconds < 1) throw new HttpError(400, 'bucket must be at least 1 second')
  if (seconds > MAX_BUCKET_SECONDS) throw new HttpError(400, 'bucket must be at most 10000d')
  return seconds
}

function autoBucket(spanSeconds: number): number {
  const ideal = spanSeconds / TARGET_POINTS
  const day = STEPS[STEPS.length - 1]!
  if (ideal > day) return Math.min(Math.round(ideal / day), MAX_BUCKET_SECONDS / day) * day
  let best = STEPS[0]!
  for (const step of STEPS) {
    if (Math.abs(Math.log(step / ideal)) < Math.abs(Math.log(best / ideal))) best = step
  }
  return best
}
