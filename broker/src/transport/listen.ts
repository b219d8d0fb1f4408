import type { Server } from 'node:net'
import type { Logger } from 'pino'

/** A listening server: the port it bound, and its close. */
export interface Served {
  port: number
  /** Stops accepting; resolves once every connection has ended. Calling it again returns the same promise. */
  close(): Promise<void>
}

/**
 * Listens and resolves with the port actually bound (port 0 asks the OS for a free one). Errors after that
 * are logged as `{what} error`. `stopping` runs once the server stops accepting, for connections that would
 * otherwise hold the close open (keep-alive sockets, say).
 */
export async function serve(
  server: Server,
  port: number,
  host: string | undefined,
  log: Logger,
  what: string,
  stopping?: () => void,
): Promise<Served> {
  server.on('error', (err) => log.error({ err }, `${what} error`))
  const bound = await listen(server, port, host)
  let closed: Promise<void> | null = null
  return {
    port: bound,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        stopping?.()
      })
      return closed
    },
  }
}

/**
 * The accept queue's length (the kernel caps it at net.core.somaxconn). Node's default of 511 overflows when
 * thousands of gateways reconnect within a second (bench:reconnect); each SYN dropped then costs its gateway
 * a retransmit 1, 3, 7… s later, far more than the wait in a longer queue.
 */
const LISTEN_BACKLOG = 8192

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}
