// Reads from a streaming replica (DATABASE_READ_URL), falling back to the primary whenever the replica
// cannot answer. The API picks which reads may come from here (api/src/plugins/app/read-db.ts); this file
// only routes them and keeps them answering.
import pg from 'pg'
import type { Database } from '../database.ts'
import { databaseOn, newPool, redact } from './server.ts'

/** A replica that is down is tried again after this long; meanwhile its reads go to the primary. */
const RETRY_AFTER_MS = 5_000
/** A replica that does not accept a connection this fast is treated as down for this query. */
const CONNECT_TIMEOUT_MS = 1_000
/** A replica that stops answering mid-query (a hung host) is given up on after this long. */
const QUERY_TIMEOUT_MS = 15_000

export type ReplicaState = 'ok' | 'down'

/** How far the replica is behind the primary. */
export interface ReplicaLag {
  /** WAL the primary has written that the replica has not replayed. */
  bytes: number
  /** Since the last transaction the replica replayed, while it is behind (0 when caught up). */
  seconds: number
  /** Replay stopped on purpose (pg_wal_replay_pause): lag will grow until it is resumed. */
  replayPaused: boolean
}

export interface ReadReplica {
  /** Reads routed to the replica, each answered by the primary instead when the replica cannot. */
  readonly db: Database
  /** The last thing seen of the replica, without asking it. */
  state(): ReplicaState
  /** Asks the replica (when due) and returns what it found: /health uses this. */
  check(): Promise<ReplicaState>
  /** Asks both servers how far the replica is behind; null while it is down or is not a standby. */
  lag(): Promise<ReplicaLag | null>
  close(): Promise<void>
}

export interface ReadReplicaOptions {
  url: string
  /** The primary's pool and Database: fallback for reads, and the only place for writes and locks. */
  primaryPool: pg.Pool
  primary: Database
  max?: number
  applicationName?: string
  log?: (msg: string) => void
}

export function openReadReplica(opts: ReadReplicaOptions): ReadReplica {
  const { primaryPool, primary, log = () => {} } = opts
  const replica = newPool(
    { url: opts.url, max: opts.max ?? 10, applicationName: opts.applicationName ?? 'zonetrace-read' },
    { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS },
  )
  const circuit = new Circuit(redact(opts.url), log)
  const router = routingPool(replica, primaryPool, circuit)
  const routed = databaseOn(router)
  return {
    db: {
      ...routed,
      // A replica takes no writes and holds no locks that the primary's holders could see.
      copyFrom: primary.copyFrom,
      withAdvisoryLock: primary.withAdvisoryLock,
      close: () => replica.end(),
    },
    state: () => circuit.state,
    async check() {
      if (!circuit.due(Date.now())) return circuit.state
      try {
        await replica.query('select 1')
        circuit.succeeded()
      } catch (err) {
        circuit.failed(err)
      }
      return circuit.state
    },
    async lag() {
      if (circuit.state === 'down') return null
      const [standby] = (
        await replica.query<{ lsn: string | null; paused: boolean | null; since: number | null }>(
          `select pg_last_wal_replay_lsn()::text as lsn,
                  case when pg_is_in_recovery() then pg_is_wal_replay_paused() end as paused,
                  extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as since`,
        )
      ).rows
      if (!standby?.lsn) return null
      // Measured in WAL position, not time: an idle primary commits nothing, and the time since the last
      // replayed commit would grow as if the replica fell behind.
      const [behind] = (
        await primaryPool.query<{ bytes: number }>(
          'select greatest(pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn), 0)::float8 as bytes',
          [standby.lsn],
        )
      ).rows
      const bytes = Number(behind?.bytes ?? 0)
      return {
        bytes,
        seconds: bytes > 0 ? Math.max(0, Math.round((standby.since ?? 0) * 10) / 10) : 0,
        replayPaused: standby.paused === true,
      }
    },
    close: () => replica.end(),
  }
}

/**
 * Open after a failure, closed after a success, one log line per change. While open, one query every
 * RETRY_AFTER_MS tries the replica again; the others go straight to the primary without waiting.
 */
class Circuit {
  state: ReplicaState = 'ok'
  #retryAt = 0

  readonly #where: string
  readonly #log: (msg: string) => void

  constructor(where: string, log: (msg: string) => void) {
    this.#where = where
    this.#log = log
  }

  due(now: number): boolean {
    if (this.state === 'ok') return true
    if (now < this.#retryAt) return false
    this.#retryAt = now + RETRY_AFTER_MS
    return true
  }

  succeeded(): void {
    if (this.state === 'down') this.#log(`read replica at ${this.#where} answers again; reads go back to it`)
    this.state = 'ok'
  }

  failed(err: unknown): void {
    if (this.state === 'ok') {
      this.#log(
        `read replica at ${this.#where} unavailable (${(err as Error).message}); reads go to the primary, ` +
          `retrying every ${RETRY_AFTER_MS / 1000} s`,
      )
    }
    this.state = 'down'
    this.#retryAt = Date.now() + RETRY_AFTER_MS
  }
}

/**
 * A pg.Pool to hand drizzle and databaseOn: query() and connect() go to the replica while the circuit is
 * closed, and to the primary when it is open or the replica fails to answer. A subclass, not a lookalike,
 * because drizzle only checks a transaction's connection out of something that is a Pool.
 */
function routingPool(replica: pg.Pool, primary: pg.Pool, circuit: Circuit): pg.Pool {
  const router = new pg.Pool()
  const viaReplica = async <T>(onReplica: () => Promise<T>, onPrimary: () => Promise<T>): Promise<T> => {
    if (!circuit.due(Date.now())) return onPrimary()
    try {
      const result = await onReplica()
      circuit.succeeded()
      return result
    } catch (err) {
      if (isRecoveryConflict(err)) return onPrimary()
      if (!replicaUnavailable(err)) throw err
      circuit.failed(err)
      return onPrimary()
    }
  }
  // Promise forms only: databaseOn and drizzle never pass callbacks.
  router.query = ((...args: Parameters<pg.Pool['query']>) =>
    viaReplica(
      () => (replica.query as (...a: unknown[]) => Promise<unknown>)(...args),
      () => (primary.query as (...a: unknown[]) => Promise<unknown>)(...args),
    )) as pg.Pool['query']
  router.connect = (() =>
    viaReplica(
      () => replica.connect(),
      () => primary.connect(),
    )) as pg.Pool['connect']
  router.end = (() => replica.end()) as pg.Pool['end']
  return router
}

/** A standby cancels a query whose rows replay is about to remove; the primary has no such conflict. */
function isRecoveryConflict(err: unknown): boolean {
  return err instanceof pg.DatabaseError && err.code === '40001'
}

/**
 * The replica could not answer (refused, timed out, shutting down, lost the connection, does not have the
 * database yet), as opposed to refusing the statement itself, which the primary would refuse too.
 */
function replicaUnavailable(err: unknown): boolean {
  if (err instanceof pg.DatabaseError) return UNAVAILABLE_CLASSES.has(err.code?.slice(0, 2) ?? '')
  // Sockets and timeouts; a TypeError is a bad argument, which the primary would refuse as well.
  return err instanceof Error && !(err instanceof TypeError)
}

/** Connection, operator intervention, resources, no such database, authorisation, internal. */
const UNAVAILABLE_CLASSES = new Set(['08', '57', '53', '3D', '28', 'XX'])
