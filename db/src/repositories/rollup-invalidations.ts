// Readings that arrive late land in rollup buckets that may already be computed. Where TimescaleDB keeps
// continuous aggregates it tracks that itself; on the Apache edition the rollup job re-aggregates the
// ranges noted here. The broker's alert engine notes one range per write, covering that write's late readings.
import type { Database } from '../database.ts'

export async function noteLateReadings(db: Pick<Database, 'query'>, from: Date, to: Date): Promise<void> {
  await db.query(`insert into rollup_invalidations (from_time, to_time) values ($1, $2)`, [from, to])
}
