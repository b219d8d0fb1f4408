// Server backend: a TimescaleDB server through node-postgres.

import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { from as copyStream } from 'pg-copy-streams'
import type { Database, Transaction } from '../database.ts'
import { normaliseRows } from '../normalise.ts'
import * as schema from '../schema/index.ts'

export interface ServerOptions {
  url: string
  /** Pool size. Ingest uses one connection per commit in flight; the API shares the rest. */
  max?: number
  /** What the server's pg_stat_activity shows for these sessions (`zonetrace` by default). */
  applicationName?: string
}

/** A pool to the server, checked once; databaseOn turns it into a Database. */
export async function openServerPool(opts: ServerOptions): Promise<pg.Pool> {
  const pool = newPool(opts)
  // Fail fast with a clear message if the server is not there at all.
  const probe = await pool.connect().catch(async (err: Error) => {
    await pool.end().catch(() => {})
    throw new Error(`cannot reach the database at ${redact(opts.url)}: ${err.message}`)
  })
  probe.release()
  return pool
}

/** A pool that survives its server going away; extra pg options (timeouts) pass through. */
export function newPool(
  { url, max = 10, applicationName = 'zonetrace' }: ServerOptions,
  extra: pg.PoolConfig = {},
) {
  const pool = new pg.Pool({ connectionString: url, max, application_name: applicationName, ...extra })
  // An idle client that loses its server emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => {})
  return pool
}

/** The Database contract over a pool (or anything shaped like one, such as the replica router). */
export function databaseOn(pool: pg.Pool): Database {
  // A checked-out client has no pool listener: if the server goes away mid-statement, pg emits 'error' on
  // the client and an unhandled one ends the process. The statement itself rejects with the same failure,
  // so the listener only has to exist; a client that failed is destroyed instead of going back to the pool.
  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    const ignore = () => {}
    client.on('error', ignore)
    let failed: Error | undefined
    try {
      return await fn(client)
    } catch (err) {
      if (!isStatementError(err)) failed = err as Error
      throw err
    } finally {
      client.off('error', ignore)
      client.release(failed)
    }
  }

  const query: Database['query'] = async (text, params) => {
    const res = await pool.query(text, params as unknown[])
    return normaliseRows(res.rows, res.fields)
  }

  return {
    kind: 'server',
    orm: drizzle(pool, { schema }),
    query,
    copyFrom: (statement, data) => withClient((client) => copyOn(client, statement, data)),
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query('BEGIN')
        try {
          const tx: Transaction = {
            query: async (text, params) => {
              const res = await client.query(text, params as unknown[])
              return normaliseRows(res.rows, res.fields)
            },
            copyFrom: (statement, data) => copyOn(client, statement, data),
          }
          const result = await fn(tx)
          await client.query('COMMIT')
          return result
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {})
          throw err
        }
      }),
    // A session lock lives on one connection, so hold a dedicated client for its whole life.
    withAdvisoryLock: (key, fn, { wait = true } = {}) =>
      withClient(async (client) => {
        if (wait) await client.query('select pg_advisory_lock($1)', [key])
        else {
          const res = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key])
          if (!res.rows[0]?.ok) return { acquired: false as const }
        }
        try {
          return { acquired: true as const, value: await fn() }
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key])
        }
      }),
    close: () => pool.end(),
  }
}

/** Never print a password from a connection string. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable DATABASE_URL)'
  }
}

async function copyOn(client: pg.PoolClient, statement: string, data: string | Uint8Array): Promise<number> {
  const copy = client.query(copyStream(statement))
  await pipeline(Readable.from([data]), copy)
  return copy.rowCount ?? 0
}

/**
 * The server refused one statement (a constraint, bad data) and the session is fine: the connection goes
 * back to the pool. Anything else (the socket, a shutdown, a lost session) and it is destroyed instead.
 */
function isStatementError(err: unknown): boolean {
  if (!(err instanceof pg.DatabaseError) || !err.code) return false
  const sqlClass = err.code.slice(0, 2)
  return sqlClass !== '08' && sqlClass !== '57' && sqlClass !== 'XX'
}
