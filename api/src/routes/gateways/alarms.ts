// The local alarms a gateway raised and cleared on site, as its edge agent reported them (the broker stores
// them: broker/src/ingest/alarm-reports.ts). Officers and admins read every gateway's; a cooperative those
// of gateways in its own growing areas, another's answering 404 like a missing one.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  ALARM_CLEAR_REASONS,
  ALARM_KINDS,
  METRIC_NAMES,
  SEVERITIES,
  SIGNED_IN_ROLES,
} from '@zonetrace/contracts'
import { found, type GatewayAlarmView, listGatewayAlarms } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { authedErrors, bearerAuth, DateTime, Id } from '../../schemas/common.ts'

const Kind = Type.Enum(ALARM_KINDS, { description: 'Whether the alarm was raised or cleared' })

const Query = Type.Object({
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Taken at or after' })),
  kind: Type.Optional(Kind),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
})

const GatewayAlarm = Type.Object({
  id: Type.Integer(),
  gatewayId: Type.String(),
  ruleId: Type.String({ description: "The rule's id in the gateway's own alarm rules, not an alert rule" }),
  sensorId: Type.String(),
  metric: Type.Enum(METRIC_NAMES),
  kind: Kind,
  value: Type.Number({ description: 'The reading that raised or cleared it' }),
  threshold: Type.Number({ description: 'The limit that was crossed' }),
  severity: Type.Enum(SEVERITIES),
  time: Type.String({ format: 'date-time', description: 'When the reading was taken, by the gateway clock' }),
  receivedAt: DateTime,
  label: Type.Object(
    { vi: Type.String(), en: Type.String() },
    { description: 'What the alarm says, Vietnamese first' },
  ),
  reason: Type.Union([Type.Enum(ALARM_CLEAR_REASONS), Type.Null()], {
    description: 'Why it cleared: back inside, or its rule removed or changed; null when raised',
  }),
})

const gatewayAlarms: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/gateways/:gatewayId/alarms',
    {
      preHandler: fastify.requireRole(...SIGNED_IN_ROLES),
      schema: {
        tags: ['alerts'],
        summary: "Local alarms a gateway raised and cleared on site, newest first by the reading's time",
        description:
          'Raised by the edge agent even with the uplink down and reported once connected, so a report ' +
          'may arrive hours after its time. A cooperative sees the gateways of its own growing areas.',
        security: bearerAuth,
        params: Type.Object({ gatewayId: Id('Gateway id') }),
        querystring: Query,
        response: {
          200: Type.Object({ alarms: Type.Array(GatewayAlarm) }),
          ...authedErrors,
        },
      },
    },
    async (request) => {
      const { gatewayId } = request.params
      const { since, kind, limit } = request.query
      const sinceDate = since === undefined ? undefined : new Date(since)
      // The date-time format admits a leap second (23:59:60), which Date cannot hold.
      if (sinceDate && Number.isNaN(sinceDate.getTime())) {
        throw new HttpError(400, `since "${since}" is not a time this server can represent`)
      }
      const actor = request.actor
      const rows = found(
        await listGatewayAlarms(fastify.db, actor, gatewayId, { since: sinceDate, kind, limit }),
        `gateway "${gatewayId}" not found`,
      )
      return { alarms: rows.map(view) }
    },
  )
}

function view(a: GatewayAlarmView) {
  return { ...a, time: a.time.toISOString(), receivedAt: a.receivedAt.toISOString() }
}

export default gatewayAlarms
