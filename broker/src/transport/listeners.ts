// Every socket the broker serves, opened together and closed together: MQTT over TCP, MQTT over WebSocket
// when asked for, and /metrics with /health when asked for. Either all open or none stays open.
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { type BrokerHealth, listenMetrics, type MetricsListener } from './metrics-listener.ts'
import { listenTcp, type TcpListener } from './tcp-listener.ts'
import { listenWebSocket, type WsListener } from './ws-listener.ts'

interface ListenSpec {
  port: number
  wsPort?: number | undefined
  metricsPort?: number | undefined
  host?: string | undefined
  /** Largest WebSocket message; the MQTT packet cap (MQTT_MAX_PACKET_BYTES) is the natural value. */
  wsMaxMessageBytes?: number | undefined
}

interface MqttTransport {
  handle(conn: Socket | Duplex, req?: IncomingMessage): unknown
}

interface Listeners {
  port: number
  wsPort: number | undefined
  metricsPort: number | undefined
  /** Stops accepting; resolves when every MQTT connection has closed. */
  close(): Promise<void>
  /** Ends MQTT connections still open (after aedes has closed its clients). */
  dropRemaining(): void
}

export async function openListeners(
  mqtt: MqttTransport,
  spec: ListenSpec,
  metrics: { registry: Registry; health: () => BrokerHealth },
  log: Logger,
): Promise<Listeners> {
  const { host } = spec
  let tcp: TcpListener | undefined
  let ws: WsListener | undefined
  let scrape: MetricsListener | undefined
  try {
    tcp = await listenTcp((socket) => mqtt.handle(socket), spec.port, host, log)
    if (spec.wsPort !== undefined) {
      const handle = (stream: Duplex, req: IncomingMessage) => mqtt.handle(stream, req)
      ws = await listenWebSocket(handle, spec.wsPort, host, log, spec.wsMaxMessageBytes)
    }
    if (spec.metricsPort !== undefined) {
      scrape = await listenMetrics(metrics.registry, metrics.health, spec.metricsPort, host, log)
    }
  } catch (err) {
    // Nothing was accepted yet that deserves a graceful goodbye.
    tcp?.dropRemaining()
    ws?.dropRemaining()
    await Promise.all([tcp?.close(), ws?.close(), scrape?.close()])
    throw err
  }
  const open = { tcp, ws, scrape }
  return {
    port: open.tcp.port,
    wsPort: open.ws?.port,
    metricsPort: open.scrape?.port,
    async close() {
      await Promise.all([open.tcp.close(), open.ws?.close(), open.scrape?.close()])
    },
    dropRemaining() {
      open.tcp.dropRemaining()
      open.ws?.dropRemaining()
    },
  }
}
