// MQTT over WebSocket, for browsers and gateways behind HTTP-only proxies. Each WebSocket becomes a byte
// stream handed to the same aedes instance as TCP, so authentication, ACL and ingest are the same.
// Packets need not align with messages [MQTT-6.0.0-2]: aedes' parser reassembles them like split TCP reads.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { createWebSocketStream, type WebSocket, WebSocketServer } from 'ws'
import { type Served, serve } from './listen.ts'

/** MQTT 3.1.1 names the subprotocol `mqtt` [MQTT-6.0.0-3]; MQTT 3.1 clients ask for `mqttv3.1`. */
const SUBPROTOCOLS = ['mqtt', 'mqttv3.1']

/**
 * One WebSocket message is buffered whole before aedes sees a byte of it, so it is bounded like an MQTT
 * packet (the packet cap itself is enforced on the byte stream, whatever the framing).
 */
const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024

export interface WsListener extends Served {
  /** Ends connections still open (after aedes has closed its clients). */
  dropRemaining(): void
}

export async function listenWebSocket(
  handle: (stream: Duplex, req: IncomingMessage) => void,
  port: number,
  host: string | undefined,
  log: Logger,
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
): Promise<WsListener> {
  // A plain HTTP request is not an MQTT client: answer it instead of leaving it hanging.
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' })
    res.end('MQTT over WebSocket: connect with the "mqtt" subprotocol\n')
  })
  const wss = new WebSocketServer({
    server,
    maxPayload: maxMessageBytes,
    // No offer we recognise: no Sec-WebSocket-Protocol in the answer, and the client fails the handshake
    // (RFC 6455 §4.1), as it should when it expected another protocol.
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  })
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    // [MQTT-6.0.0-1]: MQTT travels in binary messages only; anything else ends the connection. Registered
    // before the stream's own listener, so the socket is already closing when the bytes reach aedes.
    ws.on('message', (_data, isBinary) => {
      if (!isBinary) ws.terminate()
    })
    const stream = createWebSocketStream(ws)
    // Resets and oversized messages end the socket; aedes sees the close and tears the client down.
    stream.on('error', () => {})
    handle(stream, req)
  })
  const what = 'mqtt websocket listener'
  wss.on('error', (err) => log.error({ err }, `${what} error`))
  const served = await serve(server, port, host, log, what, () => {
    wss.close()
    // Keep-alive HTTP sockets that never upgraded would hold server.close() open.
    server.closeIdleConnections()
  })
  return {
    ...served,
    dropRemaining() {
      for (const ws of wss.clients) ws.terminate()
      server.closeAllConnections()
    },
  }
}
