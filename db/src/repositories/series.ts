// A sensor series from the coarsest source that can answer it exactly. When the bucket is a whole number
// of days (or hours), every daily (or hourly) rollup row falls inside exactly one series bucket, since both
// align on Vietnamese midnight; the rows regroup by summing counts and sums and taking the min of minima
// and the max of maxima. The cut bucket ends of the window come from readings, so the answer is the one
// querySeries gives from readings alone.
import type { SeriesSource } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { alignToGrain, GRAINS, type RollupGrain } from '../rollup-grains.ts'
import { VIETNAM_ORIGIN } from '../vietnam-day.ts'
import { querySeries, type SeriesPoint, type SeriesQuery } from './readings.ts'
import { type RollupStore, rollupReady, rollupRowsSql, rollupStore, rollupWatermark } from './rollup-query.ts'

export interface SeriesAnswer {
  source: SeriesSource
  points: SeriesPoint[]
}

export interface SeriesOptions {
  /** `raw` reads the readings whatever the bucket (to hold the rollups against them). */
  source?: 'auto' | 'raw'
  /** The rollups to read; by default the ones of this database. */
  store?: RollupStore
}

const SOURCE_OF: Record<RollupGrain, SeriesSource> = { hour: 'hourly', day: 'daily' }

export async function readSeries(
  db: Pick<Database, 'query'>,
  q: SeriesQuery,
  opts: SeriesOptions = {},
): Promise<SeriesAnswer> {
  const store = opts.source === 'raw' ? null : (opts.store ?? (await rollupStore(db)))
  if (store) {
    for (const grain of ['day', 'hour'] as const) {
      if ((q.bucketSeconds * 1000) % GRAINS[grain].ms !== 0) continue
      // Whole rollup buckets inside the window; an empty span leaves nothing for the rollup to answer.
      const inner = {
        from: alignToGrain(grain, q.from.getTime(), 'ceil'),
        to: alignToGrain(grain, q.to.getTime(), 'floor'),
      }
      if (inner.from >= inner.to || !(await rollupReady(db, grain, store))) continue
      return { source: SOURCE_OF[grain], points: await fromRollup(db, q, grain, store, inner) }
    }
  }
  return { source: 'raw', points: await querySeries(db, q) }
}

async function fromRollup(
  db: Pick<Database, 'query'>,
  q: SeriesQuery,
  grain: RollupGrain,
  store: RollupStore,
  inner: { from: number; to: number },
): Promise<SeriesPoint[]> {
  const until = await rollupWatermark(db, grain, store)
  const rows = rollupRowsSql(store, grain, {
    sensorId: '$1',
    metric: '$2',
    from: '$6',
    to: '$7',
    until: until === null ? undefined : '$9',
  })
  return db.query<SeriesPoint & Record<string, unknown>>(
    `with parts as (
       select r.bucket as at, r.good as n, r.sum as s, r.min as lo, r.max as hi
         from (${rows}) r
        where r.good > 0
       union all
       -- The raw edges before and after the whole rollup buckets, as two plain ranges: an OR of the two
       -- would keep TimescaleDB from excluding chunks, and probe every chunk of the year.
       select time, 1, value, value, value from readings
        where sensor_id = $1 and metric = $2 and quality = 0 and time >= $3::timestamptz and time < $6::timestamptz
       union all
       select time, 1, value, value, value from readings
        where sensor_id = $1 and metric = $2 and quality = 0 and time >= $7::timestamptz and time < $4::timestamptz)
     select time_bucket(make_interval(secs => $5), at, $8::timestamptz) as t,
            sum(s) / sum(n)::float8 as avg, min(lo) as min, max(hi) as max, sum(n)::int as count
       from parts
      group by 1 order by 1`,
    [
      q.sensorId,
      q.metric,
      q.from.toISOString(),
      q.to.toISOString(),
      q.bucketSeconds,
      new Date(inner.from).toISOString(),
      new Date(inner.to).toISOString(),
      VIETNAM_ORIGIN,
      ...(until === null ? [] : [until]),
    ],
  )
}
