// Which reads may come from the read replica (DATABASE_READ_URL): the one place that decides. A route asks
// fastify.dbFor('<use>') for the Database of a read listed here; fastify.db is always the primary, for writes
// and for every read not listed. docs/scale-out.md#reads-from-a-replica shows this table (a test compares).
import type { Database, ReadReplica, ReplicaLag } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { PROBE_TIMEOUT_MS, withTimeout } from '../../timeout.ts'

type Source = 'replica' | 'primary'

/**
 * Replica reads may be a moment behind the primary (see `why`); primary reads must see a write just made.
 * Only `replica` rows change where a query goes; `primary` rows are here so the choice is written down.
 */
export const READ_ROUTING = {
  series: {
    from: 'replica',
    why: 'readings are committed by the brokers, never by the API request reading them; a point a moment late is drawn at the next refresh',
  },
  evidence: {
    from: 'replica',
    why: 'the charts of the growing season behind a lot: readings weeks old, cached for seconds anyway',
  },
  'open data': {
    from: 'replica',
    why: 'public areas, stations, daily water and downloads, already served from snapshots that live for minutes',
  },
  lists: {
    from: 'replica',
    why: 'zones, sensors, gateways, alerts (and their CSV), lots, compliance days, reading counts: overviews a person refreshes',
  },
  lot: {
    from: 'primary',
    why: 'GET /lots/{id} and the lot facts behind the consumer page, /check and exports: a lot read right after it was created, changed, recalled or labelled must show that',
  },
  'label check': {
    from: 'primary',
    why: 'the resolver and /check look a serial up: a label printed a second ago must verify',
  },
  alert: {
    from: 'primary',
    why: 'GET /alerts/{id} is how a client reads back its acknowledgement',
  },
  'sign-in and tokens': {
    from: 'primary',
    why: 'accounts, sessions and revocations: a signed-out session must stop at once',
  },
  'console and workspace pages': {
    from: 'primary',
    why: 'they redirect to a page after each form post, and that page must show the post',
  },
  writes: { from: 'primary', why: 'a replica takes no writes; jobs, locks and webhooks write too' },
} as const satisfies Record<string, { from: Source; why: string }>

export type ReadUse = keyof typeof READ_ROUTING
export type ReadReplicaHealth = 'ok' | 'down' | 'absent'

declare module 'fastify' {
  interface FastifyInstance {
    /** The Database for one use in READ_ROUTING: the replica (with fallback) or the primary. */
    dbFor(use: ReadUse): Database
    /** What /health reports: `absent` without DATABASE_READ_URL, else whether the replica answers. */
    readReplicaHealth(): Promise<ReadReplicaHealth>
    /** How far the replica is behind; null without one, while it is down, or when it is not a standby. */
    readReplicaLag(): Promise<ReplicaLag | null>
    /**
     * Both, each within PROBE_TIMEOUT_MS, for /health and /metrics: a replica that does not answer in time
     * is `down`, and a lag that does not is null.
     */
    readReplicaStatus(): Promise<{ state: ReadReplicaHealth; lag: ReplicaLag | null }>
  }
}

const readDb: FastifyPluginAsync<{ db: Database; reads?: ReadReplica | undefined }> = async (
  fastify,
  opts,
) => {
  const { db, reads } = opts
  fastify.decorate('dbFor', (use: ReadUse) => (reads && READ_ROUTING[use].from === 'replica' ? reads.db : db))
  fastify.decorate('readReplicaHealth', async () => (reads ? reads.check() : 'absent'))
  fastify.decorate('readReplicaLag', async () => (reads ? reads.lag() : null))
  fastify.decorate('readReplicaStatus', async () => {
    const state = await withTimeout(fastify.readReplicaHealth(), PROBE_TIMEOUT_MS).catch(
      () => 'down' as const,
    )
    const lag =
      state === 'ok' ? await withTimeout(fastify.readReplicaLag(), PROBE_TIMEOUT_MS).catch(() => null) : null
    return { state, lag }
  })
}

export default fp(readDb, { name: 'read-db' })
