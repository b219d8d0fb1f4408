// The one interface both backends implement. Code above db/ sees only this.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema/index.ts'

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>

export type Row = Record<string, unknown>

export interface Database {
  readonly kind: 'server' | 'embedded'
  /** drizzle for typed queries. */
  readonly orm: Orm
  /**
   * Raw SQL with $1… parameters. Rows are normalised the same way on both backends: timestamps are Date,
   * int8 and numeric are number, json is parsed.
   */
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>
  /**
   * Bulk load with `COPY table (cols) FROM STDIN WITH (FORMAT csv|binary)`; data is CSV text or binary
   * COPY bytes. Resolves with the number of rows copied.
   */
  copyFrom(statement: string, data: string | Uint8Array): Promise<number>
  /** Runs fn in one transaction on one connection; the same query() contract inside. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>
  /**
   * Runs fn while holding a Postgres session advisory lock, so only one process in a deployment does it.
   * With `wait: false` it returns `{ acquired: false }` at once when another holder has the lock.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>, opts?: { wait?: boolean }): Promise<LockResult<T>>
  close(): Promise<void>
}

/** What runs inside Database.transaction: the same query() and copyFrom() contracts, on one connection. */
export type Transaction = Pick<Database, 'query' | 'copyFrom'>

export type LockResult<T> = { acquired: true; value: T } | { acquired: false }
