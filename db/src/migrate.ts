// Migrations: drizzle-kit SQL files in db/migrations, then reference data, then the storage policies the
// TimescaleDB licence allows. Safe to run on every start and from several processes at once.
import { fileURLToPath } from 'node:url'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { seedAdminUnits } from './admin-units.ts'
import { type Capabilities, detectCapabilities } from './capabilities.ts'
import type { Database } from './database.ts'
import { applyReadingsRollup } from './rollups.ts'

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url))
// Any constant works; it only has to be the same in every zonetrace process.
const MIGRATION_LOCK = 7_262_001

interface MigrationReport {
  capabilities: Capabilities
  policies: string[]
}

export async function migrate(db: Database, log: (msg: string) => void = () => {}): Promise<MigrationReport> {
  // Broker and API may start together against one server; the advisory lock serialises them.
  const run = await db.withAdvisoryLock(MIGRATION_LOCK, async () => {
    if (db.kind === 'server') {
      await migrateNodePg(db.orm as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS })
    } else {
      await migratePglite(db.orm as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS })
    }
    await seedAdminUnits(db)
    const capabilities = await detectCapabilities(db)
    const policies = await applyStoragePolicies(db, capabilities, log)
    return { capabilities, policies }
  })
  if (!run.acquired) throw new Error('migration lock not acquired')
  return run.value
}

/**
 * Compression and the hourly rollup need the `timescale` licence. On the Apache edition the readings stay
 * uncompressed, evidence is aggregated from raw readings and everything else works; this is reported, not thrown.
 */
export async function applyStoragePolicies(
  db: Pick<Database, 'query'>,
  caps: Capabilities,
  log: (msg: string) => void,
): Promise<string[]> {
  const applied: string[] = []
  if (caps.compression) {
    await db.query(
      `alter table readings set (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id, metric',
                                 timescaledb.compress_orderby = 'time desc')`,
    )
    await db.query(`select add_compression_policy('readings', interval '7 days', if_not_exists => true)`)
    applied.push('compression')
  } else {
    log(`timescaledb licence is "${caps.licence}": compression is off, readings are stored uncompressed`)
  }
  applied.push(...(await applyReadingsRollup(db, caps, log)))
  return applied
}
