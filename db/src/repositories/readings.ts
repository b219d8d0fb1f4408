import { binaryCopyOf, type EncodedReadings, encodeReadingTuples } from '../copy-binary.ts'
import type { Database } from '../database.ts'
import { VIETNAM_ORIGIN } from '../vietnam-day.ts'
import { KEEP_LATEST_OF_INSERTED, keepLatest, mergeLatest, QUIET_TRIGGER } from './channel-latest.ts'

export { type EncodedReadings, encodeReadingTuples } from '../copy-binary.ts'
export { type LatestReadings, latestOf } from './channel-latest.ts'

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

const COLUMNS = '(time, sensor_id, metric, value, quality)'
const COPY_READINGS = `COPY readings ${COLUMNS} FROM STDIN WITH (FORMAT binary)`
const COPY_INCOMING = `COPY readings_incoming ${COLUMNS} FROM STDIN WITH (FORMAT binary)`
const UNIQUE_VIOLATION = '23505'

/**
 * Stores a batch; a reading already stored (same sensor, metric and time) is skipped, which is what makes
 * redelivery harmless. Returns the number of new rows.
 */
export function insertReadings(
  db: Pick<Database, 'copyFrom' | 'transaction'>,
  b: ReadingBatch,
): Promise<number> {
  return insertEncodedReadings(db, [encodeReadingTuples(b)])
}

/**
 * insertReadings for readings encoded already, in one statement whatever the number of parts.
 *
 * Fast path: binary COPY, close to the server's own load speed. COPY cannot skip duplicates, so a batch
 * holding one (a redelivered pack, an edge backfill overlapping stored data) fails whole and atomically,
 * and is then loaded into a session temp table and moved with INSERT … ON CONFLICT DO NOTHING. After such
 * a conflict the next batches go straight to that path for a while, since backfills overlap in runs.
 *
 * Either way each channel's newest good reading is upserted into channel_latest in the same transaction
 * (channel-latest.ts), so the latest value never names a reading that was not stored.
 */
export async function insertEncodedReadings(
  db: Pick<Database, 'copyFrom' | 'transaction'>,
  parts: readonly EncodedReadings[],
): Promise<number> {
  if (!parts.some((p) => p.count > 0)) return 0
  const data = binaryCopyOf(parts)
  const state = conflictState.get(db) ?? { slowBatches: 0 }
  conflictState.set(db, state)
  if (state.slowBatches > 0) {
    state.slowBatches--
    return insertSkippingDuplicates(db, data)
  }
  const latest = mergeLatest(parts.map((p) => p.latest))
  try {
    // No good reading: nothing for channel_latest, and the row trigger skips flagged rows anyway.
    if (latest.time.length === 0) return await db.copyFrom(COPY_READINGS, data)
    return await db.transaction(async (tx) => {
      await keepLatest(tx, latest)
      return tx.copyFrom(COPY_READINGS, data)
    })
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err
    state.slowBatches = SLOW_BATCHES_AFTER_CONFLICT
    return insertSkippingDuplicates(db, data)
  }
}

const SLOW_BATCHES_AFTER_CONFLICT = 20
const conflictState = new WeakMap<object, { slowBatches: number }>()

/** The same binary COPY into a per-session temp table, then one INSERT that skips stored readings. */
async function insertSkippingDuplicates(db: Pick<Database, 'transaction'>, data: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(
      `create temp table if not exists readings_incoming
         (like readings including defaults) on commit delete rows`,
    )
    await tx.copyFrom(COPY_INCOMING, data)
    await tx.query(QUIET_TRIGGER)
    // channel_latest from the rows actually inserted: a resent reading must not replace what is kept.
    const rows = await tx.query<{ n: number }>(
      `with ins as (
         insert into readings ${COLUMNS}
         select time, sensor_id, metric, value, quality from readings_incoming
         on conflict do nothing
         returning sensor_id, metric, time, value, quality),
       ${KEEP_LATEST_OF_INSERTED}
       select count(*)::int as n from ins`,
    )
    return rows[0]?.n ?? 0
  })
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

/**
 * Time-bucketed aggregates of good-quality readings straight from the readings; flagged readings are kept
 * but not averaged in. Buckets are aligned on Vietnamese midnight (a whole-day bucket is a Vietnamese
 * calendar day); `count` is the number of good readings in the bucket. readSeries (series.ts) answers the
 * same from the rollups when the bucket allows.
 */
export async function querySeries(db: Pick<Database, 'query'>, q: SeriesQuery): Promise<SeriesPoint[]> {
  return db.query<SeriesPoint & Record<string, unknown>>(
    `select time_bucket(make_interval(secs => $5), time, $6::timestamptz) as t,
            avg(value) as avg, min(value) as min, max(value) as max, count(*)::int as count
       from readings
      where sensor_id = $1 and metric = $2 and time >= $3 and time < $4 and quality = 0
      group by 1 order by 1`,
    [q.sensorId, q.metric, q.from.toISOString(), q.to.toISOString(), q.bucketSeconds, VIETNAM_ORIGIN],
  )
}
