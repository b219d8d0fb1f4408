// The two rollup grains and the one aggregate both editions compute per bucket (rollups.ts explains why
// there are two storage forms).
import { DAY_MS, HOUR_MS, VIETNAM_ORIGIN } from './vietnam-day.ts'

export const READINGS_ROLLUP = 'readings_hourly'
export const READINGS_DAILY = 'readings_daily'

export type RollupGrain = 'hour' | 'day'

interface GrainInfo {
  relation: string
  ms: number
  /** The bucket of a reading's `time`, as SQL. Days are Vietnamese calendar days (vietnam-day.ts). */
  bucket: string
}

export const GRAINS: Record<RollupGrain, GrainInfo> = {
  hour: { relation: READINGS_ROLLUP, ms: HOUR_MS, bucket: `time_bucket(interval '1 hour', time)` },
  day: {
    relation: READINGS_DAILY,
    ms: DAY_MS,
    bucket: `time_bucket(interval '1 day', time, origin => '${VIETNAM_ORIGIN}'::timestamptz)`,
  },
}

/** First bucket start at or after `ms` (`ceil`) or at or before it (`floor`). Both grains align on the origin. */
export function alignToGrain(grain: RollupGrain, ms: number, how: 'floor' | 'ceil'): number {
  const size = GRAINS[grain].ms
  const origin = Date.parse(VIETNAM_ORIGIN)
  const steps = (ms - origin) / size
  return origin + (how === 'floor' ? Math.floor(steps) : Math.ceil(steps)) * size
}

// `count` is every reading of the channel in the bucket; the statistics are over good readings only
// (quality 0), the only ones the platform averages or alerts on. Buckets holding only flagged readings
// keep a row with good = 0 and null statistics.
export function rollupSelect(grain: RollupGrain): string {
  return `select ${GRAINS[grain].bucket} as bucket, sensor_id, metric,
         count(*) as count,
         count(*) filter (where quality = 0) as good,
         sum(value) filter (where quality = 0) as sum,
         avg(value) filter (where quality = 0) as avg,
         min(value) filter (where quality = 0) as min,
         max(value) filter (where quality = 0) as max
    from readings`
}
