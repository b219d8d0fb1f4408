// Chooses the backend from configuration: a server when DATABASE_URL is set, embedded otherwise.
import { join } from 'node:path'
import { openEmbedded } from './backends/embedded.ts'
import { openServer } from './backends/server.ts'
import type { Capabilities } from './capabilities.ts'
import type { Database } from './database.ts'
import { migrate } from './migrate.ts'

export interface OpenOptions {
  databaseUrl?: string | undefined
  /** DATA_DIR; the embedded database lives in DATA_DIR/db. Undefined means in memory. */
  dataDir?: string | undefined
  /** Run migrations before returning (default true). */
  migrate?: boolean
  poolSize?: number
  log?: (msg: string) => void
}

export interface OpenDatabase {
  db: Database
  capabilities: Capabilities | undefined
}

export async function openDatabase(opts: OpenOptions): Promise<OpenDatabase> {
  const db = opts.databaseUrl
    ? await openServer({ url: opts.databaseUrl, max: opts.poolSize })
    : await openEmbedded({ dataDir: opts.dataDir === undefined ? undefined : join(opts.dataDir, 'db') })
  if (opts.migrate === false) return { db, capabilities: undefined }
  try {
    const report = await migrate(db, opts.log)
    return { db, capabilities: report.capabilities }
  } catch (err) {
    await db.close().catch(() => {})
    throw err
  }
}
