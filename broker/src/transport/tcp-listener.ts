// MQTT over TCP. The listener keeps its sockets so close() can end ones that never sent CONNECT: aedes only
// knows registered clients, and net.Server.close() waits for every socket.
import { createServer, type Server, type Socket } from 'node:net'
import type { Logger } from 'pino'
import { listen } from './listen.ts'

export interface TcpListener {
  port: number
  /** Stops accepting; resolves when every socket has closed. */
  close(): Promise<void>
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
  server.on('error', (err) => log.error({ err }, 'mqtt listener error'))
  const bound = await listen(server, port, host)

  let closed: Promise<void> | null = null
  return {
    port: bound,
    close() {
      closed ??= new Promise<void>((resolve) => server.close(() => resolve()))
      return closed
    },
    dropRemaining() {
      for (const s of sockets) s.destroy()
    },
  }
}
