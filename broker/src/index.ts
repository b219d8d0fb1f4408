// The zonetrace MQTT broker: aedes with gateway authentication, a per-gateway ACL and readings written to
// the database before they are acknowledged. Wiring only; each hook lives in its own file.
import type { Socket } from 'node:net'
import type { Database } from '@zonetrace/db'
import { Aedes, type Client } from 'aedes'
import type { Logger } from 'pino'
import { authorizeForward } from './acl/authorize-forward.ts'
import { authorizeSubscribe } from './acl/authorize-subscribe.ts'
import { authenticateGateway } from './auth/authenticate.ts'
import { createGatewayDirectory, type GatewayDirectoryOptions } from './auth/gateway-directory.ts'
import { type BrokerContext, type BrokerCounters, emptyCounters } from './context.ts'
import { createReadingWriter, type ReadingWriter, type ReadingWriterStats } from './ingest/reading-writer.ts'
import { observeBroker } from './observe.ts'
import { createPresence, type Presence } from './presence.ts'
import { authorizePublish } from './publish/authorize-publish.ts'
import { listenTcp } from './transport/tcp-listener.ts'

export type { GatewayDirectoryOptions } from './auth/gateway-directory.ts'
export {
  CommitError,
  createReadingWriter,
  type ReadingWriter,
  type ReadingWriterOptions,
  type ReadingWriterStats,
} from './ingest/reading-writer.ts'

export interface BrokerOptions {
  db: Database
  /** 0 picks a free port; RunningBroker.port tells which. */
  port: number
  host?: string
  logger: Logger
  batch?: { maxRows?: number; maxDelayMs?: number; maxPendingRows?: number }
  /** Registry cache timings; the defaults suit production, tests shorten them. */
  registryCache?: GatewayDirectoryOptions
  /** How often last_seen is written for the gateways seen since the previous write (default 5 s). */
  presenceFlushMs?: number
}

export interface BrokerStats extends BrokerCounters, ReadingWriterStats {
  connectedClients: number
}

export interface PlatformMessage {
  topic: string
  payload: string | Buffer
  qos?: 0 | 1
  retain?: boolean
}

export interface RunningBroker {
  port: number
  /**
   * Platform → gateway messages (config, command). Sent as the broker itself, so the gateway ACL does not
   * apply to the sender; delivery still goes only to the gateway owning the topic.
   */
  publish(message: PlatformMessage): Promise<void>
  /** Stops accepting, commits what was accepted, closes every client; resolves when all is down. */
  close(): Promise<void>
  stats(): BrokerStats
}

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const log = opts.logger.child({ component: 'broker' })
  const writer = createReadingWriter(opts.db, log, opts.batch)
  const presence = createPresence(opts.db, log, opts.presenceFlushMs)
  let sessions: Record<string, Client> = {}
  const ctx: BrokerContext = {
    db: opts.db,
    log,
    directory: createGatewayDirectory(opts.db, opts.registryCache),
    writer,
    presence,
    counters: emptyCounters(),
    sessionOf: (clientId) => sessions[clientId],
  }

  const aedes = await Aedes.createBroker({
    authenticate: authenticateGateway(ctx),
    authorizePublish: authorizePublish(ctx),
    authorizeSubscribe: authorizeSubscribe(ctx),
    authorizeForward,
  })
  // aedes keeps live sessions in `clients` by client id (aedes.js constructor) without typing it.
  sessions = (aedes as unknown as { clients: Record<string, Client> }).clients
  observeBroker(aedes, ctx)

  // MQTT 3.1.1 and 3.1. aedes 1.2 refuses protocol level 5 with CONNACK 1 (unacceptable protocol version).
  const accept = (socket: Socket) => aedes.handle(socket)
  const listener = await listenTcp(accept, opts.port, opts.host, log).catch(async (err) => {
    await shutdown(aedes, writer, presence)
    throw err
  })
  log.info({ port: listener.port, host: opts.host }, 'mqtt broker listening')

  let closing: Promise<void> | null = null
  return {
    port: listener.port,
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
    stats: () => ({ connectedClients: aedes.connectedClients, ...ctx.counters, ...writer.stats() }),
    close() {
      closing ??= (async () => {
        const listenerClosed = listener.close()
        // Packs already accepted get committed and acknowledged while their clients are still connected.
        await writer.flush()
        await shutdown(aedes, writer, presence)
        listener.dropRemaining()
        await listenerClosed
        log.info('mqtt broker closed')
      })()
      return closing
    },
  }
}

async function shutdown(aedes: Aedes, writer: ReadingWriter, presence: Presence): Promise<void> {
  await new Promise<void>((resolve) => aedes.close(() => resolve()))
  await writer.close()
  await presence.close()
}
