// A bare aedes broker on a free loopback port, standing in for the edge agent's local MQTT input (no auth),
// recording what arrives.
import { createServer, type Socket } from 'node:net'
import type { SimLogger } from '@zonetrace/firmware-sim'
import { Aedes } from 'aedes'

export interface Received {
  topic: string
  clientId: string
  payload: string
}

export interface LocalBroker {
  url: string
  received: Received[]
  /** Client ids in order of CONNECT, one entry per connection. */
  connects: string[]
  /** Real time (performance.now()) of each CONNECT. */
  connectTimes: number[]
  close(): Promise<void>
}

export async function startLocalBroker(): Promise<LocalBroker> {
  const aedes = await Aedes.createBroker()
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    aedes.handle(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const broker: LocalBroker = {
    url: `mqtt://127.0.0.1:${port}`,
    received: [],
    connects: [],
    connectTimes: [],
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
    },
  }
  aedes.on('client', (client) => {
    broker.connects.push(client.id)
    broker.connectTimes.push(performance.now())
  })
  aedes.on('publish', (packet, client) => {
    if (client)
      broker.received.push({ topic: packet.topic, clientId: client.id, payload: packet.payload.toString() })
  })
  return broker
}

export interface LogEntry {
  level: string
  msg: string | undefined
  obj: Record<string, unknown>
}

/** A SimLogger that keeps every line, for tests that check what the simulator reports. */
export function recordingLogger(): SimLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = []
  const at = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, msg, obj: obj as Record<string, unknown> })
  }
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
