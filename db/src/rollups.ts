// Hourly and daily rollups of readings, `readings_hourly` and `readings_daily`, with the same columns on
// both TimescaleDB editions. Under the `timescale` licence they are continuous aggregates, real-time
// (materialized_only = false): buckets past the last refresh are aggregated from readings at query time.
// Under the Apache licence they are plain tables the rollups job keeps (rollup-tables.ts), and readers add
// the tail past the job's watermark themselves (repositories/rollup-query.ts). Either way a query answers
// the same numbers.
import type { Capabilities } from './capabilities.ts'
import type { Database } from './database.ts'
import {
  alignToGrain,
  GRAINS,
  READINGS_DAILY,
  READINGS_ROLLUP,
  type RollupGrain,
  rollupSelect,
} from './rollup-grains.ts'
import { createRollupTables } from './rollup-tables.ts'

export { READINGS_ROLLUP } from './rollup-grains.ts'

const createView = (grain: RollupGrain) => `
  create materialized view if not exists ${GRAINS[grain].relation}
    with (timescaledb.continuous, timescaledb.materialized_only = false) as
  ${rollupSelect(grain)}
   group by 1, 2, 3
  with no data`

// start_offset null: every invalidated bucket is refreshed, however old, because edge agents backfill days
// and ingest accepts readings up to 400 days old. Refreshing walks only the invalidated ranges. The bucket
// still filling is left to the real-time part. A server runs these policies; the embedded engine has no
// background workers, so there the rollups job refreshes instead (refreshReadingsRollup).
const refreshPolicy = (grain: RollupGrain, endOffset: string, every: string) => `
  select add_continuous_aggregate_policy('${GRAINS[grain].relation}',
    start_offset => null, end_offset => interval '${endOffset}',
    schedule_interval => interval '${every}', if_not_exists => true)`

/**
 * Creates the rollups: continuous aggregates with refresh policies when the licence allows, else the job's
 * tables. Returns the names of the licensed features it applied. No data is aggregated here, so a
 * migration never waits on a large readings table.
 */
export async function applyReadingsRollup(
  db: Pick<Database, 'query'>,
  caps: Capabilities,
  log: (msg: string) => void,
): Promise<string[]> {
  if (!caps.continuousAggregates) {
    await createRollupTables(db)
    log(
      `timescaledb licence is "${caps.licence}": no continuous aggregates; ${READINGS_ROLLUP} and ` +
        `${READINGS_DAILY} are tables kept by the rollups job, lot evidence aggregates raw readings`,
    )
    return []
  }
  await db.query(createView('hour'))
  await db.query(refreshPolicy('hour', '1 hour', '15 minutes'))
  await db.query(createView('day'))
  await db.query(refreshPolicy('day', '1 day', '1 hour'))
  return [
    READINGS_ROLLUP,
    `${READINGS_ROLLUP} refresh policy`,
    READINGS_DAILY,
    `${READINGS_DAILY} refresh policy`,
  ]
}

/** Whether `name` is a continuous aggregate in the current schema. */
export async function isContinuousAggregate(db: Pick<Database, 'query'>, name: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from timescaledb_information.continuous_aggregates
      where view_name = $1 and view_schema = current_schema()`,
    [name],
  )
  return rows.length > 0
}

/**
 * Whether the hourly continuous aggregate exists and holds materialized hours. Before its first refresh
 * every hour is answered by the real-time part, which aggregates the readings again and is slower than
 * reading them directly; an embedded database nobody refreshes stays in that state.
 */
export async function readingsRollupReady(db: Pick<Database, 'query'>): Promise<boolean> {
  const [cagg] = await db.query<{ mat: string }>(
    `select format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) as mat
       from timescaledb_information.continuous_aggregates
      where view_name = $1 and view_schema = current_schema()`,
    [READINGS_ROLLUP],
  )
  if (!cagg) return false
  const [row] = await db.query<{ ready: boolean }>(`select exists (select from ${cagg.mat}) as ready`)
  return row?.ready === true
}

/**
 * Materializes both continuous aggregates up to the last whole hour and the last whole Vietnamese day;
 * false when there are none (Apache licence: the rollups job keeps tables instead). Only buckets with new
 * or changed readings are recomputed. Must not run inside a transaction.
 */
export async function refreshReadingsRollup(
  db: Pick<Database, 'query'>,
  now: Date = new Date(),
): Promise<boolean> {
  if (!(await isContinuousAggregate(db, READINGS_ROLLUP))) return false
  const ms = now.getTime()
  await db.query(`call refresh_continuous_aggregate($1, null, $2::timestamptz)`, [
    READINGS_ROLLUP,
    new Date(alignToGrain('hour', ms, 'floor')).toISOString(),
  ])
  if (await isContinuousAggregate(db, READINGS_DAILY)) {
    await db.query(`call refresh_continuous_aggregate($1, null, $2::timestamptz)`, [
      READINGS_DAILY,
      new Date(alignToGrain('day', ms, 'floor')).toISOString(),
    ])
  }
  return true
}
