// Embedded backend: PGlite (Postgres in WebAssembly) with the TimescaleDB extension, persisted on disk.
// This is the only file that knows about PGlite, so it can be swapped for another embedded engine.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { timescaledb } from '@electric-sql/pglite/timescaledb'
import { drizzle } from 'drizzle-orm/pglite'
import type { Database } from '../database.ts'
import { normaliseRows } from '../normalise.ts'
import * as schema from '../schema/index.ts'
import { acquireLock } from './lockfile.ts'

interface EmbeddedOptions {
  /** Folder for the database files; undefined keeps everything in memory (tests). */
  dataDir: string | undefined
}

export async function openEmbedded({ dataDir }: EmbeddedOptions): Promise<Database> {
  let release = () => {}
  let pgDir: string | undefined
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true })
    // PGlite is single-process: a second process opening the same files would corrupt them.
    release = acquireLock(join(dataDir, 'embedded-db.lock'))
    pgDir = join(dataDir, 'pgdata')
  }
  let pg: PGlite
  try {
    pg = await PGlite.create({ dataDir: pgDir, extensions: { timescaledb } })
    // PGlite has no shared_preload_libraries. Without an explicit LOAD, a reopened database does not
    // know the timescaledb.* settings and refuses licensed features until something happens to load it.
    await pg.exec(`LOAD 'timescaledb'`)
  } catch (err) {
    release()
    throw err
  }

  const query: Database['query'] = async (text, params) => {
    const res = await pg.query<Record<string, unknown>>(text, params as unknown[])
    return normaliseRows(res.rows, res.fields)
  }

  return {
    kind: 'embedded',
    orm: drizzle(pg, { schema }),
    query,
    copyFrom: (statement, data) => copyOn(pg, statement, data),
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({
          query: async (text, params) => {
            const res = await tx.query<Record<string, unknown>>(text, params as unknown[])
            return normaliseRows(res.rows, res.fields)
          },
          copyFrom: (statement, data) => copyOn(tx, statement, data),
        }),
      ),
    async withAdvisoryLock(key, fn, { wait = true } = {}) {
      // One process owns the embedded database, but jobs inside it must still not overlap.
      const sqlText = wait
        ? 'select pg_advisory_lock($1), true as ok'
        : 'select pg_try_advisory_lock($1) as ok'
      const res = await pg.query<{ ok: boolean }>(sqlText, [key])
      if (!res.rows[0]?.ok) return { acquired: false }
      try {
        return { acquired: true, value: await fn() }
      } finally {
        await pg.query('select pg_advisory_unlock($1)', [key])
      }
    },
    async close() {
      try {
        await pg.close()
      } finally {
        release()
      }
    },
  }
}

/** PGlite reads COPY input from a virtual file instead of the STDIN protocol. */
async function copyOn(
  target: Pick<PGlite, 'query'>,
  statement: string,
  data: string | Uint8Array,
): Promise<number> {
  const res = await target.query(statement.replace(/\bFROM\s+STDIN\b/i, `FROM '/dev/blob'`), [], {
    blob: new Blob([data]),
  })
  return res.affectedRows ?? 0
}
