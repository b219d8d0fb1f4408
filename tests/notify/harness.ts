// What the notification tests share: an API whose webhook dispatcher only runs when a test ticks it, two
// cooperatives with one growing area each, alerts written the way the rules engine writes them
// (rows, then recordAlertEvents in the same transaction), a real HTTP webhook target and an SSE reader.
import { createServer, get, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AlertEvent, Severity } from '@zonetrace/contracts'
import { recordAlertEvents, upsertCooperative, upsertGrowingArea } from '@zonetrace/db'
import { type ApiHarness, startHarness } from '../api/harness.ts'

export const OTHER_COOP = 'htx-ben-tre'
export const OTHER_ZONE = 'VN-TEST-BENTRE-02'

/** An API harness whose webhook dispatcher only sends when a test calls its tick(). */
export type NotifyHarness = ApiHarness

/**
 * The webhook targets here listen on 127.0.0.1, so WEBHOOK_ALLOW_PRIVATE is on unless `env` turns it off
 * (ssrf.test.ts does).
 */
export async function startNotifyHarness(env: Record<string, string> = {}): Promise<NotifyHarness> {
  const harness = await startHarness({ WEBHOOK_ALLOW_PRIVATE: 'on', ...env }, { webhookDispatch: 'manual' })
  await upsertCooperative(harness.test.db, { id: OTHER_COOP, name: 'HTX Bến Tre', communeCode: '29335' })
  await upsertGrowingArea(harness.test.db, {
    code: OTHER_ZONE,
    name: 'Vùng tôm thử nghiệm',
    cooperativeId: OTHER_COOP,
    crop: 'shrimp',
    kind: 'shrimp_pond',
    areaHa: 3,
    communeCode: '29335',
  })
  return harness
}

/**
 * Opens one dissolved-oxygen alert in `zone` the way the rules engine does: the rule and alert rows, then
 * recordAlertEvents in the same transaction. Returns the event as recorded.
 */
export async function openAlert(
  harness: Pick<NotifyHarness, 'test'>,
  zone: string,
  opts: { severity?: Severity; historical?: boolean; value?: number } = {},
): Promise<AlertEvent> {
  const severity = opts.severity ?? 'critical'
  const value = opts.value ?? 2.1
  const at = new Date()
  return harness.test.db.transaction(async (tx) => {
    const [rule] = await tx.query<{ id: number }>(
      `insert into alert_rules (zone_code, metric, kind, min, severity, name)
       values ($1, 'dissolved_oxygen', 'threshold', 3, $2, 'DO thấp') returning id`,
      [zone, severity],
    )
    const channel = `s-${rule!.id}`
    const [alert] = await tx.query<{ id: number }>(
      `insert into alerts (rule_id, channel, sensor_id, zone_code, metric, kind, severity, historical,
                           opened_at, threshold, value, last_value, peak_value, last_triggered_at)
       values ($1, $2, $2, $3, 'dissolved_oxygen', 'threshold', $4, $5, $6::timestamptz, 3, $7, $7, $7,
               $6::timestamptz)
       returning id`,
      [rule!.id, channel, zone, severity, opts.historical ?? false, at.toISOString(), value],
    )
    const [event] = await recordAlertEvents(tx, [{ alertId: alert!.id, type: 'opened', dataTime: at, value }])
    return event!
  })
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  /** The body exactly as it arrived. */
  raw: Buffer
}

export interface WebhookTarget {
  url: string
  received: ReceivedRequest[]
  /** How the next requests are answered; the default answers 204. */
  respond(handler: (req: ReceivedRequest, res: ServerResponse) => void): void
  close(): Promise<void>
}

/** A real HTTP server on a free port that records every request it gets. */
export async function startTarget(): Promise<WebhookTarget> {
  const received: ReceivedRequest[] = []
  let handler = (_req: ReceivedRequest, res: ServerResponse): void => {
    res.writeHead(204).end()
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, raw: Buffer.concat(chunks) }
      received.push(entry)
      handler(entry, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/zonetrace`,
    received,
    respond(harness) {
      handler = harness
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface SseMessage {
  id?: string
  event?: string
  data: string
}

export interface SseReader {
  status: number
  /** The next message (comments skipped), or a rejection after timeoutMs. */
  next(timeoutMs?: number): Promise<SseMessage>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
}

/**
 * Opens an SSE stream with fetch and parses messages as they arrive (WHATWG HTML § 9.2.6). The stream
 * stays open until the server ends it: aborting a fetch makes undici open a spare connection that a
 * closing server then waits out (up to its headers timeout), so tests that hang up use hangUpClient.
 */
export async function openStream(url: string, headers: Record<string, string>): Promise<SseReader> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } })
  const queue: SseMessage[] = []
  let waiter: (() => void) | undefined
  let done = false
  let buffer = ''
  const ended = (async () => {
    if (!res.body) return
    const decoder = new TextDecoder()
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let cut = buffer.indexOf('\n\n')
        while (cut >= 0) {
          const message = parseBlock(buffer.slice(0, cut))
          buffer = buffer.slice(cut + 2)
          if (message) queue.push(message)
          cut = buffer.indexOf('\n\n')
        }
        waiter?.()
      }
    } finally {
      done = true
      waiter?.()
    }
  })()
  return {
    status: res.status,
    ended,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (queue.length === 0) {
        if (done) throw new Error('stream ended')
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no SSE message within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left)
          waiter = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
      return queue.shift()!
    },
  }
}

/** A client on its own socket that opens the stream and, when told, hangs up (the socket is destroyed). */
export async function hangUpClient(url: string, headers: Record<string, string>): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      res.once('data', () => resolve(() => req.destroy()))
      res.on('error', () => {})
    })
    req.on('error', (err) => {
      if (!req.destroyed) reject(err)
    })
  })
}

function parseBlock(block: string): SseMessage | null {
  const message: SseMessage = { data: '' }
  const data: string[] = []
  let fields = 0
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const name = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    fields += 1
    if (name === 'data') data.push(value)
    else if (name === 'id') message.id = value
    else if (name === 'event') message.event = value
  }
  if (fields === 0 || (data.length === 0 && message.event === undefined)) return null
  message.data = data.join('\n')
  return message
}
