import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { Sensor } from '@zonetrace/contracts'
import { listSensors } from '@zonetrace/db'
import { Id, refusals, ZoneCode } from '../../schemas/common.ts'
import series from './series.ts'

const sensors: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/sensors',
    {
      schema: {
        tags: ['registry'],
        summary: 'Sensor channels, one per sensor and metric',
        querystring: Type.Object({
          zone: Type.Optional(ZoneCode),
          gatewayId: Type.Optional(Id('Only the sensors of this gateway')),
        }),
        response: { 200: Type.Object({ sensors: Type.Array(Sensor) }), ...refusals(400, 401, 500) },
      },
    },
    async (request) => ({ sensors: await listSensors(fastify.dbFor('lists'), request.query) }),
  )

  await fastify.register(series)
}

export default sensors
