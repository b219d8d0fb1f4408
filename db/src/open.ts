// Chooses the backend from configuration: a server when DATABASE_URL is set, embedded otherwise.
import { join } from 'node:path'
import { openEmbedded } from './backends/embedded.ts'
import { openReadReplica, type ReadReplica } from './backends/read-replica.ts'
import { databaseOn, openServerPool } from './backends/server.ts'
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
  /** What the server's pg_stat_activity names these sessions (server backend; `zonetrace` by default). */
  applicationName?: string
  /**
   * DATABASE_READ_URL: a streaming replica for the reads the caller routes there (server backend only; the
   * embedded database has no replica, and the caller warns when it is set without DATABASE_URL).
   */
  readUrl?: string | undefined
  /** pg_stat_activity's name for the replica's sessions. */
  readApplicationName?: string
  log?: (msg: string) => void
  /** The replica going down and coming back (once each time); `log` when not given. */
  warn?: (msg: string) => void
}

export interface OpenDatabase {
  db: Database
  capabilities: Capabilities | undefined
  /** Present when readUrl was given on the server backend; close it before db. */
  reads?: ReadReplica
}

export async function openDatabase(opts: OpenOptions): Promise<OpenDatabase> {
  let db: Database
  let reads: ReadReplica | undefined
  if (opts.databaseUrl) {
    const url = opts.databaseUrl
    const pool = await openServerPool({ url, max: opts.poolSize, applicationName: opts.applicationName })
    db = databaseOn(pool)
    // Not probed here: a replica that is down at start is only a slower day, and reads fall back.
    if (opts.readUrl) {
      const { readUrl: replicaUrl, poolSize: max, readApplicationName: applicationName } = opts
      const log = opts.warn ?? opts.log
      reads = openReadReplica({ url: replicaUrl, primaryPool: pool, primary: db, max, applicationName, log })
    }
  } else {
    db = await openEmbedded({ dataDir: opts.dataDir === undefined ? undefined : join(opts.dataDir, 'db') })
  }
  const withReads = reads ? { reads } : {}
  if (opts.migrate === false) return { db, capabilities: undefined, ...withReads }
  try {
    const report = await migrate(db, opts.log)
    return { db, capabilities: report.capabilities, ...withReads }
  } catch (err) {
    await reads?.close().catch(() => {})
    await db.close().catch(() => {})
    throw err
  }
}
