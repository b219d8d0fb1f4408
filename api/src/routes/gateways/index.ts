import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { METRIC_NAMES, type Metric } from '@zonetrace/contracts'
import { listGateways, provisionGateway } from '@zonetrace/db'
import {
  bearerAuth,
  DateTime,
  Id,
  NullableDateTime,
  readErrors,
  writeErrors,
  ZoneCode,
} from '../../schemas/common.ts'
import gatewayAlarms from './alarms.ts'
import readingCount from './reading-count.ts'

const Gateway = Type.Object({
  id: Type.String(),
  zone: Type.String(),
  online: Type.Boolean({
    description: 'Holds an MQTT connection to the broker (updated within a few seconds of a change)',
  }),
  lastSeenAt: NullableDateTime,
  status: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
    description: 'The last status object the gateway published, e.g. {"state":"online","spool":0}',
  }),
  createdAt: DateTime,
  sensorCount: Type.Integer({ description: 'Sensor channels (one per sensor and metric)' }),
})

const Channel = Type.Object({ sensorId: Id('Sensor id'), metric: Type.String({ maxLength: 64 }) })

const ProvisionBody = Type.Object({
  id: Id('Gateway id: letters, digits, ".", "_" or "-"; also its MQTT username'),
  zone: ZoneCode,
  sensors: Type.Optional(
    Type.Array(Type.Union([Type.String({ maxLength: 64 }), Channel]), {
      maxItems: 256,
      description:
        `Metric names for one probe named "{id}-s1", or explicit {sensorId, metric} channels. ` +
        `Metrics: ${METRIC_NAMES.join(', ')}`,
    }),
  ),
})

// Exactly what `zonetrace gateway add` prints (docs/interfaces.md); the schema also strips anything extra.
const Credentials = Type.Object(
  {
    gatewayId: Type.String(),
    username: Type.String(),
    password: Type.String({ description: 'Shown once; only its hash is stored' }),
    sensors: Type.Array(Type.Object({ sensorId: Type.String(), metric: Type.String() })),
  },
  { description: 'Gateway provisioned' },
)

const gateways: FastifyPluginAsyncTypebox = async (fastify) => {
  await fastify.register(gatewayAlarms)
  await fastify.register(readingCount)

  fastify.get(
    '/gateways',
    {
      schema: {
        tags: ['registry'],
        summary: 'Gateways with online state, last seen time and last status',
        response: { 200: Type.Object({ gateways: Type.Array(Gateway) }), ...readErrors },
      },
    },
    async () => {
      const rows = await listGateways(fastify.db)
      return {
        gateways: rows.map((g) => ({
          id: g.id,
          zone: g.zone,
          online: g.online,
          lastSeenAt: g.lastSeenAt?.toISOString() ?? null,
          status: g.status,
          createdAt: g.createdAt.toISOString(),
          sensorCount: g.sensorCount,
        })),
      }
    },
  )

  fastify.post(
    '/gateways',
    {
      preHandler: fastify.requireRole('admin'),
      schema: {
        tags: ['registry'],
        summary: 'Provision a gateway and its sensors (admin)',
        security: bearerAuth,
        body: ProvisionBody,
        response: {
          201: Credentials,
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { id, zone, sensors = [] } = request.body
      // provisionGateway checks every metric name itself and answers RegistryError('invalid') for a bad one.
      const channels = sensors.map((s) =>
        typeof s === 'string' ? s : { sensorId: s.sensorId, metric: s.metric as Metric },
      )
      const credentials = await provisionGateway(fastify.db, { id, zone, sensors: channels })
      request.log.info({ gatewayId: id, zone, by: request.principal.subject }, 'gateway provisioned')
      return reply.code(201).send(credentials)
    },
  )
}

export default gateways
