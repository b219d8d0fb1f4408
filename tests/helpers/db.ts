// One way for every test to get a migrated database: the embedded engine in memory by default, or a fresh
// database on the TimescaleDB server named by DATABASE_URL (CI runs the suite both ways).
import { randomBytes } from 'node:crypto'
import { type Capabilities, type Database, openDatabase } from '@zonetrace/db'
import pg from 'pg'

export interface TestDB {
  db: Database
  capabilities: Capabilities
  /** The URL of this test's own database on the server backend; undefined on embedded. */
  url: string | undefined
  close(): Promise<void>
}

export const serverUrl = process.env.DATABASE_URL || undefined
export const backendName = serverUrl ? 'server' : 'embedded'

export async function getTestDB(): Promise<TestDB> {
  if (!serverUrl) {
    const { db, capabilities } = await openDatabase({ dataDir: undefined })
    return { db, capabilities: capabilities!, url: undefined, close: () => db.close() }
  }
  const name = `zt_test_${randomBytes(5).toString('hex')}`
  await admin(serverUrl, `create database ${name}`)
  const url = withDatabase(serverUrl, name)
  const { db, capabilities } = await openDatabase({ databaseUrl: url, poolSize: 5 })
  return {
    db,
    capabilities: capabilities!,
    url,
    async close() {
      await db.close()
      await admin(serverUrl, `drop database if exists ${name} with (force)`)
    },
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
