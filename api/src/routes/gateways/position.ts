// PATCH /gateways/{gatewayId}: record (or forget) where a gateway stands, for one provisioned before anyone
// noted it or moved since. The open-data stations layer shows it there instead of at its area's centre, so
// the snapshot is cleared at once. Admins, like provisioning.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { Gateway, GatewayPatch } from '@zonetrace/contracts'
import { found, getGateway, setGatewayPosition } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { authedErrors, bearerAuth, Id } from '../../schemas/common.ts'

const gatewayPosition: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.patch(
    '/gateways/:gatewayId',
    {
      preHandler: fastify.requireRole('admin'),
      schema: {
        tags: ['registry'],
        summary: 'Set or clear where a gateway stands (admin)',
        description:
          'position is a GeoJSON Point [longitude, latitude] inside the Mekong Delta, or null to forget it; ' +
          'a position outside is refused with 400 and the reason (usually latitude and longitude swapped).',
        security: bearerAuth,
        params: Type.Object({ gatewayId: Id('Gateway id') }),
        body: GatewayPatch,
        response: { 200: Gateway, ...authedErrors },
      },
    },
    async (request) => {
      const { gatewayId } = request.params
      if (!(await setGatewayPosition(fastify.db, gatewayId, request.body.position))) {
        throw new HttpError(404, `gateway "${gatewayId}" not found`)
      }
      fastify.openData.clear()
      request.log.info({ gatewayId, by: request.principal.subject }, 'gateway position set')
      return found(await getGateway(fastify.db, gatewayId), `gateway "${gatewayId}" not found`)
    },
  )
}

export default gatewayPosition
