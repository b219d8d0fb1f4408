import { encodeReadingsBinary } from '../copy-binary.ts'
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

const COPY_READINGS =
  'COPY readings (time, sensor_id, metric, value, quality) FROM STDIN WITH (FORMAT binary)'
const UNIQUE_VIOLATION = '23505'

/**
 * Stores a batch; a reading already stored (same sensor, metric and time) is skipped, which is what makes
 * redelivery harmless. Returns the number of new rows.
 *
 * Fast path: binary COPY, close to the server's own load speed. COPY cannot skip duplicates, so a batch
 * holding one (a redelivered pack, an edge backfill overlapping stored data) fails whole and atomically,
 * and is then written with INSERT … ON CONFLICT DO NOTHING. After such a conflict the next batches go
 * straight to the slow path for a while, since backfills tend to overlap in runs.
 */
export async function insertReadings(
  db: Pick<Database, 'query' | 'copyFrom'>,
  b: ReadingBatch,
): Promise<number> {
  if (b.time.length === 0) return 0
  const state = conflictState.get(db) ?? { slowBatches: 0 }
  conflictState.set(db, state)
  if (state.slowBatches > 0) {
    state.slowBatches--
    return insertSkippingDuplicates(db, b)
  }
  try {
    return await db.copyFrom(COPY_READINGS, encodeReadingsBinary(b))
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err
    state.slowBatches = SLOW_BATCHES_AFTER_CONFLICT
    return insertSkippingDuplicates(db, b)
  }
}

const SLOW_BATCHES_AFTER_CONFLICT = 20
const conflictState = new WeakMap<object, { slowBatches: number }>()

/** One multi-row insert through unnest: five array parameters whatever the batch size. */
export async function insertSkippingDuplicates(
  db: Pick<Database, 'query'>,
  b: ReadingBatch,
): Promise<number> {
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
