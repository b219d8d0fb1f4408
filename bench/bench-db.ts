// A throwaway database for one benchmark run: a fresh database on the server named by DATABASE_URL, or an
// embedded one in a temp folder. Dropped at the end either way.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Capabilities, type Database, openDatabase } from '@zonetrace/db'
import pg from 'pg'

export interface BenchDB {
  db: Database
  capabilities: Capabilities
  label: string
  /** Closes this process's handle and returns the environment a child process needs to open the same DB. */
  detach(): Promise<Record<string, string>>
  close(): Promise<void>
}

export async function openBenchDB(poolSize = 10): Promise<BenchDB> {
  const url = process.env.DATABASE_URL || undefined
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), 'zt-bench-'))
    const { db, capabilities } = await openDatabase({ dataDir: dir })
    let open = true
    return {
      db,
      capabilities: capabilities!,
      label: 'embedded (PGlite + TimescaleDB)',
      async detach() {
        if (open) await db.close()
        open = false
        return { DATA_DIR: dir }
      },
      async close() {
        if (open) await db.close()
        await rm(dir, { recursive: true, force: true })
      },
    }
  }
  await warnOfDormantSlots(url)
  const name = `zt_bench_${randomBytes(4).toString('hex')}`
  await admin(url, `create database ${name}`)
  const u = new URL(url)
  u.pathname = `/${name}`
  const { db, capabilities } = await openDatabase({ databaseUrl: u.toString(), poolSize })
  let open = true
  return {
    db,
    capabilities: capabilities!,
    label: `server (TimescaleDB ${capabilities!.timescaleVersion}, ${capabilities!.licence})`,
    async detach() {
      if (open) await db.close()
      open = false
      return { DATABASE_URL: u.toString() }
    },
    async close() {
      if (open) await db.close()
      await admin(url, `drop database if exists ${name} with (force)`)
    },
  }
}

/** One statement on the server's `postgres` database (creating and dropping bench databases, server-wide views). */
async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  statement: string,
): Promise<T[]> {
  const u = new URL(url)
  u.pathname = '/postgres'
  const client = new pg.Client({ connectionString: u.toString() })
  await client.connect()
  try {
    return (await client.query<T>(statement)).rows
  } finally {
    await client.end()
  }
}

export function benchSeconds(fallback: number): number {
  const n = Number(process.env.BENCH_SECONDS)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const round = (x: number, digits = 0) => Number(x.toFixed(digits))

/**
 * A replication slot nobody reads (a replica stopped with `timescaledb-dev.sh replica down`) keeps the
 * server's WAL, and writes then run several times slower (bench:ingest p99 738 ms against 134 ms once the
 * slot was dropped, same code, same hour): worth a line before any figure is taken.
 */
async function warnOfDormantSlots(url: string): Promise<void> {
  const slots = await admin<{ slot: string; retained: string }>(
    url,
    `select slot_name as slot, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) as retained
       from pg_replication_slots where not active`,
  )
  for (const r of slots) {
    console.warn(
      `warning: replication slot ${r.slot} is not in use and keeps ${r.retained} of WAL; writes will measure ` +
        'slow (start its replica, or drop it: scripts/timescaledb-dev.sh replica destroy)',
    )
  }
}
