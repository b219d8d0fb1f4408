// The local alarms a gateway raised and cleared on site, as its edge agent reported them (the broker stores
// them: broker/src/ingest/alarm-reports.ts). Officers and admins read every gateway's; a cooperative those
// of gateways in its own growing areas, another's answering 404 like a missing one.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { GatewayAlarm, GatewayAlarmQuery, SIGNED_IN_ROLES } from '@zonetrace/contracts'
import { found, listGatewayAlarms } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { authedErrors, bearerAuth, Id } from '../../schemas/common.ts'

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
        querystring: GatewayAlarmQuery,
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
      const alarms = found(
        await listGatewayAlarms(fastify.db, actor, gatewayId, { since: sinceDate, kind, limit }),
        `gateway "${gatewayId}" not found`,
      )
      return { alarms }
    },
  )
}

export default gatewayAlarms
