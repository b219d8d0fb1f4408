// The zonetrace MQTT broker: aedes with gateway authentication, a per-gateway ACL and readings written to
// the database before they are acknowledged. Wiring only; each hook lives in its own file.
import { randomUUID } from 'node:crypto'
import { type IngestLimits, resolveIngestLimits } from '@zonetrace/contracts'
import { type Database, gatewayHolders } from '@zonetrace/db'
import { Aedes, type Client } from 'aedes'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { authorizeForward } from './acl/authorize-forward.ts'
import { authorizeSubscribe } from './acl/authorize-subscribe.ts'
import { liveSessions } from './aedes-internals.ts'
import { authenticateGateway } from './auth/authenticate.ts'
import { createGatewayDirectory, type GatewayDirectoryOptions } from './auth/gateway-directory.ts'
import { createBatchedLookup } from './batched-lookup.ts'
import { connectRedisEngines, type RedisEngines } from './cluster.ts'
import { type BrokerContext, type BrokerCounters, emptyCounters } from './context.ts'
import {
  createDeadLetterWriter,
  type DeadLetterStats,
  type DeadLetterWriter,
  type DeadLetterWriterOptions,
} from './ingest/dead-letters.ts'
import { createLateReadingNotes } from './ingest/late-readings.ts'
import {
  createReadingWriter,
  type ReadingWriter,
  type ReadingWriterOptions,
  type ReadingWriterStats,
} from './ingest/reading-writer.ts'
import { createBrokerMetrics } from './metrics.ts'
import { type NodePresence, startNodePresence } from './node-presence.ts'
import { observeBroker } from './observe.ts'
import { limitPacketSize } from './packet-limit.ts'
import { createPresence, type Presence } from './presence.ts'
import { resetPresence, watchPresence } from './presence-events.ts'
import { authorizePublish } from './publish/authorize-publish.ts'
import { readRetained } from './retained.ts'
import { type AlertEngine, type AlertEngineOptions, startAlertEngine } from './rules/engine.ts'
import { noTakeovers, watchTakeovers } from './takeovers.ts'
import { openListeners } from './transport/listeners.ts'

export type { GatewayDirectoryOptions } from './auth/gateway-directory.ts'
export {
  CommitError,
  createReadingWriter,
  type ReadingWriter,
  type ReadingWriterOptions,
  type ReadingWriterStats,
} from './ingest/reading-writer.ts'
export { type ChannelState, initialState, type Outcome, step } from './rules/channel-state.ts'
export {
  type AlertEngine,
  type AlertEngineOptions,
  type AlertEngineStats,
  startAlertEngine,
} from './rules/engine.ts'

export interface BrokerOptions {
  db: Database
  /** 0 picks a free port; RunningBroker.port tells which. */
  port: number
  host?: string
  logger: Logger
  batch?: ReadingWriterOptions
  /** Registry cache timings; the defaults suit production, tests shorten them. */
  registryCache?: GatewayDirectoryOptions
  /**
   * How often presence (last_seen, status, and this node's claims on its gateways) is written for the
   * gateways that changed (default: heartbeatMs).
   */
  presenceFlushMs?: number
  /** How often this node heartbeats, takes over lost nodes and delivers configs (BROKER_HEARTBEAT_MS, 5 s). */
  heartbeatMs?: number
  /** A node whose heartbeat is older than this is lost and its gateways go offline (3 × heartbeatMs). */
  nodeTtlMs?: number
  /** Payload, packet and time limits (README § Ingest rules); Config.ingest, defaults for what is missing. */
  ingest?: Partial<IngestLimits>
  deadLetters?: DeadLetterWriterOptions
  /** Alert rules evaluated on committed readings (issue 6); false runs the broker without them. */
  alerts?: AlertEngineOptions | false
  /** MQTT over WebSocket; 0 picks a free port, undefined serves none. */
  wsPort?: number
  /** Shares subscriptions, retained messages and sessions with the other brokers on this Redis. */
  redisUrl?: string
  /** /metrics and /health over HTTP, for a broker without an API in its process; undefined serves none. */
  metricsPort?: number
}

export interface BrokerStats extends BrokerCounters, ReadingWriterStats {
  connectedClients: number
  deadLetters: DeadLetterStats
}

export interface PlatformMessage {
  topic: string
  payload: string | Buffer
  qos?: 0 | 1
  retain?: boolean
}

export interface RunningBroker {
  /** The alert engine, when BrokerOptions.alerts was given. */
  alerts: AlertEngine | null
  port: number
  /** Set when BrokerOptions.wsPort was. */
  wsPort: number | undefined
  /** Set when BrokerOptions.metricsPort was. */
  metricsPort: number | undefined
  /** Prometheus registry of this broker and of the process, for an API in the same process to serve. */
  metrics: Registry
  /**
   * Platform → gateway messages (config, command). Sent as the broker itself, so the gateway ACL does not
   * apply to the sender; delivery still goes only to the gateway owning the topic.
   */
  publish(message: PlatformMessage): Promise<void>
  /** Retained messages matching a topic filter, as a subscriber would receive them (status topics). */
  retained(topicFilter: string): Promise<PlatformMessage[]>
  /** Stops accepting, commits what was accepted, closes every client; resolves when all is down. */
  close(): Promise<void>
  stats(): BrokerStats
}

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const log = opts.logger.child({ component: 'broker' })
  const metrics = createBrokerMetrics()
  const writer = createReadingWriter(opts.db, log, {
    ...opts.batch,
    onCommit: (rows, ms) => {
      metrics.onCommit(rows, ms)
      opts.batch?.onCommit?.(rows, ms)
    },
    onDbError: () => {
      metrics.onDbError()
      opts.batch?.onDbError?.()
    },
  })
  const presence = createPresence(opts.db, log, opts.presenceFlushMs ?? opts.heartbeatMs)
  const deadLetters = createDeadLetterWriter(opts.db, log, opts.deadLetters)
  const lateReadings = await createLateReadingNotes(opts.db, log)
  const alerts = opts.alerts
    ? await startAlertEngine(opts.db, log.child({ component: 'alerts' }), opts.alerts)
    : null
  const { maxPacketBytes, ...ingest } = resolveIngestLimits(opts.ingest)
  let sessions: Record<string, Client> = {}
  const ctx: BrokerContext = {
    db: opts.db,
    log,
    directory: createGatewayDirectory(opts.db, opts.registryCache),
    writer,
    deadLetters,
    ingest,
    presence,
    alerts,
    lateReadings,
    counters: emptyCounters(),
    // aedes' id, chosen here so the takeover watch knows it before aedes exists.
    nodeId: randomUUID(),
    takeovers: noTakeovers,
    holderOf: createBatchedLookup((ids) => gatewayHolders(opts.db, ids)),
    sessionOf: (clientId) => sessions[clientId],
  }

  const cluster = opts.redisUrl ? await connectRedisEngines(opts.redisUrl, log) : undefined
  if (cluster) ctx.takeovers = watchTakeovers(cluster.mq, ctx.nodeId)
  const aedes = await Aedes.createBroker({
    id: ctx.nodeId,
    authenticate: authenticateGateway(ctx),
    authorizePublish: authorizePublish(ctx),
    authorizeSubscribe: authorizeSubscribe(ctx),
    authorizeForward,
    ...(cluster ? { mq: cluster.mq, persistence: cluster.persistence } : {}),
  }).catch(async (err) => {
    await cluster?.close(async () => {})
    await alerts?.close()
    await lateReadings.close()
    throw err
  })
  sessions = liveSessions(aedes)
  observeBroker(aedes, ctx)
  limitPacketSize(aedes, ctx, maxPacketBytes)
  watchPresence(aedes, ctx)
  // Alone on its database, nobody is connected before this broker listens.
  if (!cluster) await resetPresence(ctx)
  const node = await startNodePresence(aedes, ctx, { heartbeatMs: opts.heartbeatMs, ttlMs: opts.nodeTtlMs })
  metrics.watch(aedes, ctx)

  const health = () => ({
    connectedGateways: aedes.connectedClients,
    pendingRows: writer.stats().pendingRows,
    databaseRetrying: writer.stats().retrying,
  })
  // MQTT 3.1.1 and 3.1. aedes 1.2 refuses protocol level 5 with CONNACK 1 (unacceptable protocol version).
  const listener = await openListeners(
    aedes,
    { ...opts, wsMaxMessageBytes: maxPacketBytes },
    { registry: metrics.registry, health },
    log,
  ).catch(async (err) => {
    await shutdown(aedes, writer, presence, node, cluster, deadLetters)
    await alerts?.close()
    await lateReadings.close()
    throw err
  })
  const { port, wsPort, metricsPort } = listener
  log.info({ port, wsPort, metricsPort, host: opts.host }, 'mqtt broker listening')

  let closing: Promise<void> | null = null
  return {
    alerts,
    port,
    wsPort,
    metricsPort,
    metrics: metrics.registry,
    publish: (m) =>
      new Promise<void>((resolve, reject) =>
        aedes.publish(
          {
            cmd: 'publish',
            topic: m.topic,
            payload: m.payload,
            qos: m.qos ?? 1,
            retain: m.retain ?? false,
            dup: false,
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      ),
    retained: (topicFilter) => readRetained(aedes, topicFilter),
    stats: () => ({
      connectedClients: aedes.connectedClients,
      ...ctx.counters,
      ...writer.stats(),
      deadLetters: deadLetters.stats(),
    }),
    close() {
      closing ??= (async () => {
        const listenerClosed = listener.close()
        // Packs already accepted get committed and acknowledged while their clients are still connected;
        // in a database outage the writer stops waiting after its closeTimeoutMs and they stay unacknowledged.
        await writer.close()
        await shutdown(aedes, writer, presence, node, cluster, deadLetters)
        // After the writer: the last commits' readings are evaluated and noted before these stop.
        await alerts?.close()
        await lateReadings.close()
        listener.dropRemaining()
        await listenerClosed
        log.info('mqtt broker closed')
      })()
      return closing
    },
  }
}

async function shutdown(
  aedes: Aedes,
  writer: ReadingWriter,
  presence: Presence,
  node: NodePresence,
  cluster: RedisEngines | undefined,
  deadLetters: DeadLetterWriter,
): Promise<void> {
  const closeAedes = () => new Promise<void>((resolve) => aedes.close(() => resolve()))
  await (cluster ? cluster.close(closeAedes) : closeAedes())
  await writer.close()
  // Every client is closed now: the last flush releases this node's gateways, then the node leaves.
  await presence.close()
  await node.close()
  await deadLetters.close()
}
