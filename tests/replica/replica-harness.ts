// An API over a fresh test database on the primary (DATABASE_URL) with its reads routed to the streaming
// replica of .ci/run (TEST_REPLICA_URL, from `scripts/timescaledb-dev.sh replica up`). Physical replication
// carries the new database over; the harness waits for the replica to have replayed it before opening it.
import { rm } from 'node:fs/promises'
import { buildApp, createToken, loadOrCreateAuthKeys, type TokenClaims } from '@zonetrace/api'
import { loadConfig } from '@zonetrace/contracts'
import { type Database, openDatabase, type ReadReplica } from '@zonetrace/db'
import pg from 'pg'
import { makeDataDir } from '../api/harness.ts'
import { getTestDB, serverUrl, withDatabase } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'
import { until } from '../helpers/wait.ts'
import type { TraceHarness } from '../trace/trace-harness.ts'

export const replicaUrl = process.env.TEST_REPLICA_URL || undefined

/**
 * Why these tests cannot run here, or undefined when they can. On the embedded database there is no replica
 * to have; on the server, CI provides one (CI_REQUIRE_TOOLS), so there its absence is a failure, not a skip.
 */
export function replicaSkipReason(): string | undefined {
  if (!serverUrl) return 'the embedded database has no replica (set DATABASE_URL and TEST_REPLICA_URL)'
  if (replicaUrl) return undefined
  const reason = 'TEST_REPLICA_URL is unset (scripts/timescaledb-dev.sh replica up prints it)'
  if (process.env.CI_REQUIRE_TOOLS) throw new Error(`${reason}; CI_REQUIRE_TOOLS is set, so this fails`)
  return reason
}

export interface ReplicaHarness extends TraceHarness {
  /** The test database's name, the same on both servers. */
  name: string
  reads: ReadReplica
  /** Runs one statement on the replica's `postgres` database (replay control, pg_stat_activity). */
  onReplica<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>
}

/** `readUrl` overrides where the reads go (a closed port, for the replica-down tests). */
export async function startReplicaHarness(readUrl?: string): Promise<ReplicaHarness> {
  const test = await getTestDB()
  const name = new URL(test.url!).pathname.slice(1)
  const zone = await seedZone(test.db)
  await seedTraceRegistry(test.db)
  const onReplica = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: withDatabase(replicaUrl!, 'postgres') })
    await client.connect()
    try {
      return (await client.query<T>(sql, params)).rows
    } finally {
      await client.end()
    }
  }
  const caughtUp = async () => {
    const [wrote] = await test.db.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')
    const lsn = wrote!.lsn
    await until(
      'the replica to replay the primary',
      async () =>
        (await onReplica<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn]))[0]
          ?.ok,
      { timeoutMs: 60_000, intervalMs: 100 },
    )
  }
  await caughtUp()

  // The API's own handles, as `zonetrace api` opens them: named sessions on both servers.
  const opened = await openDatabase({
    databaseUrl: test.url,
    readUrl: readUrl ?? withDatabase(replicaUrl!, name),
    applicationName: 'zonetrace-api',
    readApplicationName: 'zonetrace-api-read',
    migrate: false,
    poolSize: 4,
  })
  const db: Database = opened.db
  const reads = opened.reads!
  const dataDir = await makeDataDir()
  const keys = await loadOrCreateAuthKeys(dataDir)
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'off' })
  const app = await buildApp({ db, reads, capabilities: test.capabilities, config, keys })
  const auth = async (claims: TokenClaims) => ({
    authorization: `Bearer ${await createToken(keys, claims)}`,
  })
  return {
    app,
    test,
    keys,
    config,
    dataDir,
    zone,
    name,
    reads,
    onReplica,
    caughtUp,
    auth,
    vicosap: await auth({ role: 'cooperative', cooperativeId: 'vicosap' }),
    hoaTan: await auth({ role: 'cooperative', cooperativeId: 'htx-hoa-tan' }),
    officer: await auth({ role: 'officer' }),
    post: (url, as, payload) => app.inject({ method: 'POST', url, headers: as, payload }),
    async close() {
      await app.close()
      await reads.close()
      await db.close()
      await test.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
