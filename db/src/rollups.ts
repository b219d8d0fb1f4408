// The hourly rollup of readings: a TimescaleDB continuous aggregate, which needs the `timescale` licence.
// Real-time (materialized_only = false): hours past the last refresh are aggregated from readings at query
// time. Readings backfilled into hours already materialized show after the next refresh (the policy runs
// every 15 minutes on a server).
import type { Capabilities } from './capabilities.ts'
import type { Database } from './database.ts'

export const READINGS_ROLLUP = 'readings_hourly'

// `count` is every reading of the channel in the hour; the statistics are over good readings only
// (quality 0), the only ones the platform averages or alerts on. Hours holding only flagged readings
// keep a row with good = 0 and null statistics.
const CREATE_ROLLUP = `
  create materialized view if not exists ${READINGS_ROLLUP}
    with (timescaledb.continuous, timescaledb.materialized_only = false) as
  select time_bucket(interval '1 hour', time) as bucket, sensor_id, metric,
         count(*) as count,
         count(*) filter (where quality = 0) as good,
         sum(value) filter (where quality = 0) as sum,
         avg(value) filter (where quality = 0) as avg,
         min(value) filter (where quality = 0) as min,
         max(value) filter (where quality = 0) as max
    from readings
   group by 1, 2, 3
  with no data`

// start_offset null: every invalidated hour is refreshed, however old, because edge agents backfill days
// and ingest accepts readings up to 400 days old. Refreshing walks only the invalidated ranges. The hour
// still filling is left to the real-time part.
const REFRESH_POLICY = `
  select add_continuous_aggregate_policy('${READINGS_ROLLUP}',
    start_offset => null, end_offset => interval '1 hour',
    schedule_interval => interval '15 minutes', if_not_exists => true)`

/**
 * Creates the rollup and its refresh policy when the licence allows; returns the names of what it applied.
 * No data is materialized here, so a migration never waits on a large readings table.
 */
export async function applyReadingsRollup(
  db: Pick<Database, 'query'>,
  caps: Capabilities,
  log: (msg: string) => void,
): Promise<string[]> {
  if (!caps.continuousAggregates) {
    log(`timescaledb licence is "${caps.licence}": no hourly rollup, lot evidence aggregates raw readings`)
    return []
  }
  await db.query(CREATE_ROLLUP)
  await db.query(REFRESH_POLICY)
  return [READINGS_ROLLUP, `${READINGS_ROLLUP} refresh policy`]
}

/**
 * Whether the rollup exists and holds materialized hours. Before its first refresh every hour is answered
 * by the real-time part, which aggregates the readings again and is slower than reading them directly; an
 * embedded database nobody refreshes stays in that state.
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
 * Materializes the rollup up to the last whole hour; false when there is no rollup (Apache licence). The
 * policy job does this on a server. The embedded engine has no background workers, so its job is
 * registered but never runs, and whoever keeps the embedded database open calls this instead. Only hours
 * with new or changed readings are recomputed. Must not run inside a transaction.
 */
export async function refreshReadingsRollup(db: Pick<Database, 'query'>): Promise<boolean> {
  const [row] = await db.query<{ oid: string | null }>('select to_regclass($1)::text as oid', [
    READINGS_ROLLUP,
  ])
  if (!row?.oid) return false
  await db.query(`call refresh_continuous_aggregate($1, null, date_trunc('hour', now()))`, [READINGS_ROLLUP])
  return true
}
