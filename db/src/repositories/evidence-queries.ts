// SQL behind lot evidence. Both sources reduce to the same hourly rows of good readings (metric, hour, n,
// sum, min, max, within), so everything after that is one query whichever source answered.
import type { Database } from '../database.ts'
import { READINGS_ROLLUP } from '../rollups.ts'

const HOUR_MS = 3_600_000

/** The window cut into whole UTC hours; Vietnam (UTC+7) shares them. */
interface HourGrid {
  from: Date
  to: Date
  /** Start of the hour holding `from`: hours and series buckets count from here. */
  origin: Date
  hours: number
  bucketSeconds: number
  /** Whole hours inside [from, to): the only ones the rollup may answer, since an hour row cannot be cut. */
  innerFrom: Date
  innerTo: Date
}

export function hourGrid(from: Date, to: Date, maxPoints: number): HourGrid {
  const origin = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS
  const end = Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS
  const hours = (end - origin) / HOUR_MS
  const innerFrom = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS
  const innerTo = Math.max(Math.floor(to.getTime() / HOUR_MS) * HOUR_MS, innerFrom)
  return {
    from,
    to,
    origin: new Date(origin),
    hours,
    bucketSeconds: Math.max(1, Math.ceil(hours / maxPoints)) * 3600,
    innerFrom: new Date(innerFrom),
    innerTo: new Date(innerTo),
  }
}

export interface Band {
  metric: string
  min: number | null
  max: number | null
}

export interface BucketRow {
  /** null on the per-bucket rows across all metrics (the grouping set that gives overall coverage). */
  metric: string | null
  t: Date
  n: number
  s: number
  lo: number
  hi: number
  /** Readings inside the metric's band (all of them when it has none). */
  w: number
  /** Distinct hours in the bucket holding a good reading. */
  hours: number
  [k: string]: unknown
}

interface Channel {
  id: string
  metric: string
}

/** The measuring channels of the areas, looked up first so the rollup can be filtered by a constant list. */
export function listChannels(db: Pick<Database, 'query'>, areaCodes: string[]): Promise<Channel[]> {
  return db.query<Channel & Record<string, unknown>>(
    'select id, metric from sensors where zone_code = any($1::text[]) order by id, metric',
    [areaCodes],
  )
}

// Each channel carries its band, so the within-limits count needs no second pass over the readings.
const CHANNELS = `channels as (
  select c.id, c.metric, coalesce(b.lo, '-infinity') as lo, coalesce(b.hi, 'infinity') as hi
    from unnest($1::text[], $2::text[]) as c(id, metric)
    left join unnest($3::text[], $4::float8[], $5::float8[]) as b(metric, lo, hi) on b.metric = c.metric)`

// LATERAL per channel keeps every scan on the (sensor_id, metric, time) key, however many other sensors exist.
function rawHours(from: string, to: string): string {
  return `select c.metric, h.* from channels c cross join lateral (
            select time_bucket(interval '1 hour', r.time) as hour, count(*) as n, sum(r.value) as s,
                   min(r.value) as lo, max(r.value) as hi,
                   count(*) filter (where r.value >= c.lo and r.value <= c.hi) as w
              from readings r
             where r.sensor_id = c.id and r.metric = c.metric and r.quality = 0
               and r.time >= ${from} and r.time < ${to}
             group by 1) h`
}

// Whole hours inside the window come from the rollup, the cut hours at either edge from readings. The
// constant sensor list (not a join) is what reaches inside the rollup view, into its real-time part too;
// a join would aggregate every sensor's unmaterialized hours first. An hour's min and max decide its
// within-limits count, except for an hour straddling a limit: only those are counted from readings.
const ROLLUP_HOURS = `
  select c.metric, h.bucket as hour, h.good as n, h.sum as s, h.min as lo, h.max as hi,
         case when h.min >= c.lo and h.max <= c.hi then h.good
              when h.max < c.lo or h.min > c.hi then 0
              else (select count(*) from readings r
                     where r.sensor_id = c.id and r.metric = c.metric and r.quality = 0
                       and r.time >= h.bucket and r.time < h.bucket + interval '1 hour'
                       and r.value >= c.lo and r.value <= c.hi)
         end as w
    from ${READINGS_ROLLUP} h join channels c on c.id = h.sensor_id and c.metric = h.metric
   where h.sensor_id = any($1::text[]) and h.good > 0
     and h.bucket >= $10::timestamptz and h.bucket < $11::timestamptz
  union all ${rawHours('$6::timestamptz', 'least($10::timestamptz, $7::timestamptz)')}
  union all ${rawHours('$11::timestamptz', '$7::timestamptz')}`

/**
 * One row per (metric, series bucket) plus one per bucket across metrics. Buckets are whole-hour multiples
 * aligned on grid.origin, so every hour row falls in exactly one bucket and sums regroup exactly.
 */
export function queryBuckets(
  db: Pick<Database, 'transaction'>,
  channels: Channel[],
  bands: Band[],
  grid: HourGrid,
  fromRollup: boolean,
): Promise<BucketRow[]> {
  const params: unknown[] = [
    channels.map((c) => c.id),
    channels.map((c) => c.metric),
    bands.map((b) => b.metric),
    bands.map((b) => b.min),
    bands.map((b) => b.max),
    grid.from.toISOString(),
    grid.to.toISOString(),
    grid.origin.toISOString(),
    grid.bucketSeconds,
  ]
  if (fromRollup) params.push(grid.innerFrom.toISOString(), grid.innerTo.toISOString())
  const hourly = fromRollup ? ROLLUP_HOURS : rawHours('$6::timestamptz', '$7::timestamptz')
  // JIT would compile every chunk scan (one-day chunks: 480 for four channels over 120 days) and costs
  // three times the aggregation itself (measured 1.3 s against 0.4 s on the server); scans this simple gain
  // nothing from it.
  return db.transaction(async (tx) => {
    await tx.query('set local jit = off')
    // Each straddling hour is one small per-hour count; split per chunk it set up a partial aggregate
    // under every chunk of the hypertable on each run, several times slower (3.7 ms a lookup embedded).
    if (fromRollup) await tx.query('set local timescaledb.enable_chunkwise_aggregation = off')
    return tx.query<BucketRow>(
      `with ${CHANNELS}, hourly as (${hourly}),
          bucketed as (
            select metric, hour, n, s, lo, hi, w,
                   time_bucket(make_interval(secs => $9::float8), hour, $8::timestamptz) as t
              from hourly)
     select metric, t, sum(n)::float8 as n, sum(s) as s, min(lo) as lo, max(hi) as hi, sum(w)::float8 as w,
            count(distinct hour)::int as hours
       from bucketed
      group by grouping sets ((metric, t), (t))
      order by metric nulls first, t`,
      params,
    )
  })
}
