// GET /api/v1/alerts/stream: alert events as Server-Sent Events for live dashboards. Every connection
// hangs off the instance's one AlertFeed; a reconnecting client names the last id it saw and is replayed
// what it missed (bounded). Wire format: docs/notifications.md.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { type AlertEvent, SEVERITIES, type Severity, SIGNED_IN_ROLES } from '@zonetrace/contracts'
import { type AlertEventFilter, alertEventBacklog, type ScopedAlertEvent } from '@zonetrace/db'
import type { FastifyRequest } from 'fastify'
import { errorBody, HttpError } from '../../errors.ts'
import { bearerAuth, ErrorBody, refusals, ZoneCode } from '../../schemas/common.ts'

/** Most events replayed to a resuming client; past that it is told to reload (event: resync). */
const BACKLOG_LIMIT = 1000
const HEARTBEAT_MS = 15_000
/** What EventSource waits before reconnecting. */
const RETRY_MS = 2000
/** A client this far behind has stopped reading: it is dropped and resumes by Last-Event-ID. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

const StreamQuery = Type.Object({
  severity: Type.Optional(Type.Enum(SEVERITIES, { description: 'Lowest severity streamed' })),
  zone: Type.Optional(ZoneCode),
  since: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Replay events after this event id; the Last-Event-ID header takes precedence',
    }),
  ),
})

const stream: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/alerts/stream',
    {
      preHandler: fastify.requireRole(...SIGNED_IN_ROLES),
      schema: {
        tags: ['alerts'],
        summary:
          "Alert events as Server-Sent Events: all for officers and admins, a cooperative's own areas for it",
        security: bearerAuth,
        querystring: StreamQuery,
        response: {
          200: {
            description: 'text/event-stream: `id: <eventId>`, `event: alert`, `data: <AlertEvent JSON>`',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...refusals(400, 401, 403, 500),
          503: ErrorBody('The server is shutting down; reconnect to another instance'),
        },
      },
    },
    async (request, reply) => {
      const since = resumePoint(request.headers['last-event-id'], request.query.since)
      const filter: AlertEventFilter = {
        cooperativeId: scopeOf(request),
        minSeverity: request.query.severity,
        zone: request.query.zone,
      }
      const passes = matcher(filter)
      const raw = reply.raw
      const metrics = fastify.notifyMetrics
      // Events the feed hands over while the backlog is read wait here; ids already replayed are skipped.
      const early: AlertEvent[] = []
      const replayed = new Set<number>()
      let state: 'starting' | 'live' | 'ended' = 'starting'
      let heartbeat: NodeJS.Timeout | undefined
      let unsubscribe: (() => void) | undefined

      const end = () => {
        if (state === 'ended') return
        const wasLive = state === 'live'
        state = 'ended'
        clearInterval(heartbeat)
        unsubscribe?.()
        if (wasLive) {
          metrics.streams.dec()
          raw.end()
        }
      }
      const write = (chunk: string) => {
        raw.write(chunk)
        if (raw.writableLength > MAX_BUFFERED_BYTES) {
          request.log.info('alert stream client stopped reading; dropping it')
          raw.destroy()
          end()
        }
      }
      // A resuming client has everything up to `since`; the feed may still hand over such events when
      // it had not polled them yet as this client joined.
      const send = (event: AlertEvent) => {
        if (state !== 'live' || replayed.has(event.eventId)) return
        if (since !== undefined && event.eventId <= since) return
        write(`id: ${event.eventId}\nevent: alert\ndata: ${JSON.stringify(event)}\n\n`)
      }

      // 'close' on the response fires when the client goes away, before or after the stream started.
      raw.on('close', end)
      const subscription = await fastify.alertFeed.subscribe({
        onEvent: (scoped) => {
          if (!passes(scoped)) return
          if (state === 'live') send(scoped.event)
          else if (state === 'starting') early.push(scoped.event)
        },
        onClose: end,
      })
      unsubscribe = subscription.unsubscribe
      const gone = () => {
        if (request.socket.destroyed) end()
        if (state !== 'ended') return false
        unsubscribe?.()
        return true
      }
      const shuttingDown = () => reply.code(503).send(errorBody(503, 'the server is shutting down'))
      if (gone()) return shuttingDown()
      let backlog: Awaited<ReturnType<typeof alertEventBacklog>> | null = null
      try {
        if (since !== undefined) backlog = await alertEventBacklog(fastify.db, since, filter, BACKLOG_LIMIT)
      } catch (err) {
        end()
        throw err
      }
      if (gone()) return shuttingDown()

      reply.hijack()
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // The connection ends with the stream: a closing server need not wait for it to fall idle.
        connection: 'close',
        // nginx would otherwise hold events back to fill its buffer.
        'x-accel-buffering': 'no',
      })
      state = 'live'
      metrics.streams.inc()
      write(`retry: ${RETRY_MS}\n: zonetrace alert stream\n\n`)
      if (backlog?.truncated) {
        const oldest = backlog.events[0]?.event.eventId ?? null
        write(`event: resync\ndata: ${JSON.stringify({ reason: 'backlog', oldestEventId: oldest })}\n\n`)
      }
      for (const { event } of backlog?.events ?? []) {
        send(event)
        replayed.add(event.eventId)
      }
      for (const event of early.splice(0)) send(event)
      // A client too slow for its own backlog is already dropped.
      if (state !== 'live') return
      heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS)
      heartbeat.unref()
    },
  )
}

/** Where a reconnecting client resumes: its Last-Event-ID header, else ?since=, else now. */
function resumePoint(header: string | string[] | undefined, since: number | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value.trim() === '') return since
  const trimmed = value.trim()
  if (!/^\d{1,15}$/.test(trimmed)) {
    throw new HttpError(400, `Last-Event-ID "${trimmed.slice(0, 40)}" is not an alert event id`)
  }
  return Number(trimmed)
}

function scopeOf(request: FastifyRequest): string | null {
  const { role, cooperativeId } = request.principal
  if (role !== 'cooperative') return null
  // Tokens always carry it for this role; without it the caller would see everything.
  if (!cooperativeId) throw new HttpError(403, 'this cooperative token names no cooperative')
  return cooperativeId
}

const rank = (s: Severity) => SEVERITIES.indexOf(s)

function matcher(filter: AlertEventFilter): (scoped: ScopedAlertEvent) => boolean {
  const min = filter.minSeverity === undefined ? 0 : rank(filter.minSeverity)
  return ({ event, cooperativeId }) =>
    (filter.cooperativeId == null || cooperativeId === filter.cooperativeId) &&
    rank(event.alert.severity) >= min &&
    (filter.zone === undefined || event.alert.zone === filter.zone)
}

export default stream
