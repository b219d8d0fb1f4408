import type { Database } from '../database.ts'

/** Column-oriented so one statement carries a whole batch as five array parameters. */
export interface ReadingBatch {
  time: number[] // ms since epoch
  sensorId: string[]
  metric: string[]
  value: number[]
  quality: number[]
}

export function emptyBatch(): ReadingBatch {
  return { time: [], sensorId: [], metric: [], value: [], quality: [] }
}

/**
 * One multi-row insert through unnest. A reading already stored (same sensor, metric and time) is skipped,
 * which is what makes redelivery harmless. Returns the number of new rows.
 */
export async function insertReadings(db: Pick<Database, 'query'>, b: ReadingBatch): Promise<number> {
  if (b.time.length === 0) return 0
  const rows = await db.query<{ n: number }>(
    `with ins as (
       insert into readings (time, sensor_id, metric, value, quality)
       select to_timestamp(t / 1000.0), s, m, v, q
         from unnest($1::float8[], $2::text[], $3::text[], $4::float8[], $5::int2[]) as r(t, s, m, v, q)
       on conflict do nothing
       returning 1)
     select count(*)::int as n from ins`,
    [b.time, b.sensorId, b.metric, b.value, b.quality],
  )
  return rows[0]?.n ?? 0
}

export interface SeriesQuery {
  sensorId: string
  metric: string
  from: Date
  to: Date
  bucketSeconds: number
}

export interface SeriesPoint {
  t: Date
  avg: number
  min: number
  max: number
  count: number
}

/** Time-bucketed aggregates of good-quality readings; flagged readings are kept but not averaged in. */
export async function querySeries(db: Pick<Database, 'query'>, q: SeriesQuery): Promise<SeriesPoint[]> {
  return db.query<SeriesPoint & Record<string, unknown>>(
    `select time_bucket(make_interval(secs => $5), time) as t,
            avg(value) as avg, min(value) as min, max(value) as max, count(*)::int as count
       from readings
      where sensor_id = $1 and metric = $2 and time >= $3 and time < $4 and quality = 0
      group by 1 order by 1`,
    [q.sensorId, q.metric, q.from.toISOString(), q.to.toISOString(), q.bucketSeconds],
  )
}
