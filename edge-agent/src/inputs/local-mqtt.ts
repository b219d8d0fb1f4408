// The agent's own MQTT broker for sensor nodes on the gateway's LAN (aedes 1.2, MQTT 3.1.1 over TCP).
// Nodes publish SenML packs, the same format the agent sends upstream; hooks in local-mqtt-hooks.ts hold
// each PUBACK until the spool has the readings.
import { createServer, type Server, type Socket } from 'node:net'
import type { LocalNodeSettings } from '@zonetrace/contracts'
import { Aedes } from 'aedes'
import type { AgentLogger } from '../logger.ts'
import type { ReadingSink } from '../reading.ts'
import {
  LOCAL_CONFIG_TOPIC,
  type LocalMqttStats,
  type NodeHookContext,
  nodeHooks,
} from './local-mqtt-hooks.ts'

export {
  LOCAL_CONFIG_TOPIC,
  LOCAL_TOPIC_ROOT,
  type LocalMqttStats,
  localReadingsTopic,
} from './local-mqtt-hooks.ts'

export interface LocalMqttOptions {
  /** Default 127.0.0.1; nodes on the LAN need the gateway's LAN address or 0.0.0.0. */
  host?: string
  /** Default 1884; 0 picks a free port. */
  port?: number
  sink: ReadingSink
  /** When set, every node must log in with it. */
  auth?: { username: string; password: string }
  log: AgentLogger
  /** Resolves SenML relative times (a node without a clock); pass the clock watch's now(). */
  now?: () => number
  /** Larger packs are acknowledged and dropped as malformed (default 256 KiB). */
  maxPayloadBytes?: number
  /** How long close() lets spool writes in progress finish and acknowledge (default 5 s). */
  closeTimeoutMs?: number
}

export interface LocalMqttInput {
  port: number
  /** Publishes settings for the nodes, retained on LOCAL_CONFIG_TOPIC so a node connecting later gets them. */
  announceConfig(settings: LocalNodeSettings): Promise<void>
  close(): Promise<void>
  stats(): LocalMqttStats
}

export async function startLocalMqttInput(opts: LocalMqttOptions): Promise<LocalMqttInput> {
  const ctx: NodeHookContext = {
    sink: opts.sink,
    auth: opts.auth,
    log: opts.log,
    now: opts.now ?? Date.now,
    maxPayloadBytes: opts.maxPayloadBytes ?? 256 * 1024,
    inflight: new Set(),
    stats: {
      packsAccepted: 0,
      readingsAccepted: 0,
      malformedPacks: 0,
      rejectedRecords: 0,
      refusedPacks: 0,
      aclDenials: 0,
      authFailures: 0,
    },
  }
  const aedes = await Aedes.createBroker(nodeHooks(ctx))
  // Errors are logged where they are decided (hooks); a node dropping off the LAN is routine.
  aedes.on('clientError', () => {})
  aedes.on('connectionError', () => {})

  const server = createServer((socket) => aedes.handle(socket))
  const sockets = openSockets(server)
  const host = opts.host ?? '127.0.0.1'
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 1884, host, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : (opts.port ?? 1884))
    })
  }).catch(async (err) => {
    await new Promise<void>((resolve) => aedes.close(() => resolve()))
    throw err
  })
  server.on('error', (err) => opts.log.error({ err: String(err) }, 'local mqtt listener error'))
  opts.log.info({ host, port }, 'local mqtt input listening')

  let closing: Promise<void> | undefined
  return {
    port,
    stats: () => ({ connectedNodes: aedes.connectedClients, ...ctx.stats }),
    announceConfig: (settings) =>
      new Promise<void>((resolve, reject) =>
        aedes.publish(
          {
            cmd: 'publish',
            topic: LOCAL_CONFIG_TOPIC,
            payload: Buffer.from(JSON.stringify(settings)),
            qos: 1,
            retain: true,
            dup: false,
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      ),
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        // Packs already on their way into the spool get their PUBACK before the connections go.
        let timer: NodeJS.Timeout | undefined
        await Promise.race([
          Promise.allSettled([...ctx.inflight]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, opts.closeTimeoutMs ?? 5000)
          }),
        ])
        clearTimeout(timer)
        // mqtt-packet corks the socket while writing a packet and uncorks on the next tick: a PUBACK sent
        // in the settling above is still in the cork until then, and closing now would discard it.
        await new Promise((resolve) => setImmediate(resolve))
        await new Promise<void>((resolve) => aedes.close(() => resolve()))
        for (const socket of sockets) socket.destroy()
        await serverClosed
        opts.log.info({ port }, 'local mqtt input closed')
      })()
      return closing
    },
  }
}

/** The server's sockets still open, so close() can end them; a node dropping off the LAN is routine. */
function openSockets(server: Server): ReadonlySet<Socket> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  })
  return sockets
}
