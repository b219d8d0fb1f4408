// MQTT over TCP. The listener keeps its sockets so close() can end ones that never sent CONNECT: aedes only
// knows registered clients, and net.Server.close() waits for every socket.
import { createServer, type Server, type Socket } from 'node:net'
import type { Logger } from 'pino'
import { type Served, serve } from './listen.ts'

export interface TcpListener extends Served {
  /** Destroys sockets still open (after aedes has closed its clients). */
  dropRemaining(): void
}

export async function listenTcp(
  handle: (socket: Socket) => void,
  port: number,
  host: string | undefined,
  log: Logger,
): Promise<TcpListener> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    // A reset from a gateway on a bad link is routine; aedes handles the teardown.
    socket.on('error', () => {})
    handle(socket)
  })
  const served = await serve(server, port, host, log, 'mqtt listener')
  return {
    ...served,
    dropRemaining() {
      for (const s of sockets) s.destroy()
    },
  }
}
