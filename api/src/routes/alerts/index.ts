// Alerts: list and filter, one with its history, acknowledge, export as CSV. Officers and admins see every
// alert, a cooperative those of its own growing areas (another's answers 404 like a missing one), the
// public none. The live stream is a separate plugin in this folder.
import { Readable } from 'node:stream'
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  AckBody,
  AlertFilterQuery,
  AlertView,
  AlertWithHistory,
  IdParams,
  SIGNED_IN_ROLES,
} from '@zonetrace/contracts'
import {
  type AlertFilter,
  acknowledgeAlert,
  alertsCsv,
  getAlert,
  listAlerts,
  MAX_ALERTS_PAGE,
  vietnamDate,
} from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { authedErrors, bearerAuth, described, refusals, writeErrors } from '../../schemas/common.ts'
import stream from './stream.ts'

const ListQuery = Type.Object({
  ...AlertFilterQuery,
  limit: Type.Integer({ minimum: 1, maximum: MAX_ALERTS_PAGE, default: 100, description: 'Page size' }),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
})
const ExportQuery = Type.Object(AlertFilterQuery)

type FilterQuery = { from?: string; to?: string } & Omit<AlertFilter, 'from' | 'to'>

const alerts: FastifyPluginAsyncTypebox = async (fastify) => {
  const readers = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.get(
    '/alerts',
    {
      preHandler: readers,
      schema: {
        tags: ['alerts'],
        summary: 'Alerts, newest first by data time, with filters and a keyset cursor',
        description: 'GET /api/v1/alerts?state=active lists the open ones. Filters combine with AND.',
        security: bearerAuth,
        querystring: ListQuery,
        response: {
          200: Type.Object(
            {
              alerts: Type.Array(AlertView),
              nextCursor: Type.Union([Type.String(), Type.Null()], {
                description: 'Pass as cursor for the next page; null on the last page',
              }),
            },
            { description: 'One page of alerts' },
          ),
          ...refusals(400, 401, 403, 500),
        },
      },
    },
    async (request) => listAlerts(fastify.dbFor('lists'), request.actor, filterOf(request.query)),
  )

  fastify.get(
    '/alerts/export.csv',
    {
      preHandler: readers,
      schema: {
        tags: ['alerts'],
        summary: 'Every alert the filters match as CSV (RFC 4180, UTF-8 with BOM), newest first',
        description:
          'Columns: id, ruleId, zone, sensorId, gatewayId, metric, severity, state, historical, acknowledged, ' +
          'openedAt, clearedAt, value, peakValue, threshold, triggerCount, message_vi, message_en. Text cells ' +
          "starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.",
        security: bearerAuth,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'One header row, then one row per alert',
            content: { 'text/csv': { schema: Type.String() } },
          },
          ...refusals(400, 401, 403, 500),
        },
      },
    },
    async (request, reply) => {
      const actor = request.actor
      const filter = filterOf(request.query)
      // Pull the first chunk before answering, so a bad filter is still a 400 and not a broken download.
      const rows = alertsCsv(fastify.dbFor('lists'), actor, filter)
      const first = await rows.next()
      const body = Readable.from(
        (async function* () {
          if (!first.done) yield first.value
          yield* rows
        })(),
      )
      const day = vietnamDate(Date.now())
      return (
        reply
          .type('text/csv; charset=utf-8; header=present')
          .header('content-disposition', `attachment; filename="zonetrace-alerts-${day}.csv"`)
          // Fastify streams a Readable as it is; the typed reply only knows the documented schema (a string).
          .send(body as unknown as string)
      )
    },
  )

  fastify.get(
    '/alerts/:id',
    {
      preHandler: readers,
      schema: {
        tags: ['alerts'],
        summary: 'One alert with its full history (opened, retriggered, cleared, acknowledged)',
        security: bearerAuth,
        params: IdParams,
        response: { 200: AlertWithHistory, ...authedErrors },
      },
    },
    async (request) => getAlert(fastify.db, request.actor, request.params.id),
  )

  fastify.post(
    '/alerts/:id/ack',
    {
      preHandler: readers,
      // A POST without a body acknowledges without a note.
      preValidation: async (request) => {
        request.body ??= {}
      },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert: records who, when and the note, and an acknowledged event',
        description:
          'An alert is acknowledged once; a second acknowledgement answers 409 and changes nothing.',
        security: bearerAuth,
        params: IdParams,
        body: AckBody,
        response: { 200: described(AlertView, 'The acknowledged alert'), ...writeErrors },
      },
    },
    async (request) => {
      const alert = await acknowledgeAlert(fastify.db, request.actor, request.params.id, request.body.note)
      // Its webhook deliveries are committed: send them now rather than on the next poll.
      fastify.webhookDispatcher.nudge()
      return alert
    },
  )

  // The live stream of these alerts: same prefix, same tag.
  await fastify.register(stream)
}

// The date-time format admits a leap second (23:59:60), which Date cannot hold.
function filterOf(query: FilterQuery): AlertFilter {
  const { from, to, ...rest } = query
  return { ...rest, from: dateOf('from', from), to: dateOf('to', to) }
}

function dateOf(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime()))
    throw new HttpError(400, `${name} "${value}" is not a time this server can represent`)
  return date
}

export default alerts
