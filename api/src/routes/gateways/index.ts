import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { Gateway, GatewayBody, GatewayCredentials, type Metric } from '@zonetrace/contracts'
import { listGateways, provisionGateway } from '@zonetrace/db'
import { bearerAuth, readErrors, writeErrors } from '../../schemas/common.ts'
import gatewayAlarms from './alarms.ts'
import gatewayConfig from './config.ts'
import gatewayPosition from './position.ts'
import readingCount from './reading-count.ts'

const gateways: FastifyPluginAsyncTypebox = async (fastify) => {
  await fastify.register(gatewayAlarms)
  await fastify.register(readingCount)
  await fastify.register(gatewayPosition)
  await fastify.register(gatewayConfig)

  fastify.get(
    '/gateways',
    {
      schema: {
        tags: ['registry'],
        summary: 'Gateways with online state, last seen time and last status',
        response: { 200: Type.Object({ gateways: Type.Array(Gateway) }), ...readErrors },
      },
    },
    async () => ({ gateways: await listGateways(fastify.dbFor('lists')) }),
  )

  fastify.post(
    '/gateways',
    {
      preHandler: fastify.requireRole('admin'),
      schema: {
        tags: ['registry'],
        summary: 'Provision a gateway and its sensors, and where it stands (admin)',
        security: bearerAuth,
        body: GatewayBody,
        response: {
          201: GatewayCredentials,
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { id, zone, sensors = [], position } = request.body
      // provisionGateway checks every metric name itself and answers RegistryError('invalid') for a bad one.
      const channels = sensors.map((s) =>
        typeof s === 'string' ? s : { sensorId: s.sensorId, metric: s.metric as Metric },
      )
      // A position outside the Mekong Delta is refused there too, with the reason (400).
      const credentials = await provisionGateway(fastify.db, { id, zone, sensors: channels, position })
      // The stations layer shows a new gateway of a public area at once.
      fastify.openData.clear()
      request.log.info({ gatewayId: id, zone, by: request.principal.subject }, 'gateway provisioned')
      return reply.code(201).send(credentials)
    },
  )
}

export default gateways
