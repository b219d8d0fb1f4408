// /metrics and /health of a broker running on its own (`zonetrace broker`), where no API shares its process.
// Deliberately tiny: two GET routes on node:http, nothing a scraper or a load balancer probe does not need.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { type Served, serve } from './listen.ts'

export interface BrokerHealth {
  connectedGateways: number
  pendingRows: number
  /** The writer is retrying an unreachable database: publishes are held, not acknowledged. */
  databaseRetrying: boolean
}

export type MetricsListener = Served

export async function listenMetrics(
  registry: Registry,
  health: () => BrokerHealth,
  port: number,
  host: string | undefined,
  log: Logger,
): Promise<MetricsListener> {
  const server = createServer((req, res) => {
    answer(req, res, registry, health).catch((err: unknown) => {
      log.error({ err }, 'metrics request failed')
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('internal error\n')
    })
  })
  // A scraper's keep-alive connection would otherwise hold the close for its idle timeout.
  return serve(server, port, host, log, 'metrics listener', () => server.closeAllConnections())
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  health: () => BrokerHealth,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n')
  if (path === '/metrics') return send(res, 200, registry.contentType, await registry.metrics())
  // Liveness: the process serves MQTT. A database outage is reported, not failed: every broker shares the
  // database, so a load balancer pulling them all would only turn held publishes into refused connects.
  if (path === '/health') {
    const { databaseRetrying, ...counts } = health()
    const body = { status: 'ok', database: databaseRetrying ? 'retrying' : 'ok', ...counts }
    return send(res, 200, 'application/json', JSON.stringify(body))
  }
  send(res, 404, 'text/plain', 'not found: try /metrics or /health\n')
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type })
  res.end(body)
}
