import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { refusals } from '../../schemas/common.ts'
import { PROBE_TIMEOUT_MS, withTimeout } from '../../timeout.ts'

const Backend = Type.Union([Type.Literal('embedded'), Type.Literal('server')])
const Timescale = Type.Object({ version: Type.String(), licence: Type.String() })
const ReadReplica = Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('absent')], {
  description:
    'The read replica (DATABASE_READ_URL): `down` means its reads are answered by the primary meanwhile; ' +
    '`absent` means none is configured',
})
const ReadReplicaLag = Type.Union(
  [
    Type.Object({
      bytes: Type.Number({ description: 'WAL written on the primary and not yet replayed on the replica' }),
      seconds: Type.Number({
        description: 'since the last replayed transaction, while behind; 0 when caught up',
      }),
      replayPaused: Type.Boolean(),
    }),
    Type.Null(),
  ],
  { description: 'How far the read replica is behind; null without one or while it is down' },
)
const Healthy = Type.Object({
  status: Type.Literal('ok'),
  db: Backend,
  timescale: Timescale,
  readReplica: ReadReplica,
  readReplicaLag: ReadReplicaLag,
  uptimeSeconds: Type.Integer(),
})
const Unavailable = Type.Object(
  { status: Type.Literal('unavailable'), db: Backend, error: Type.String(), uptimeSeconds: Type.Integer() },
  { description: 'The database did not answer' },
)

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  const startedAt = Date.now()

  fastify.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: Healthy, 503: Unavailable, ...refusals(401) } } },
    async (request, reply) => {
      const uptimeSeconds = Math.floor((Date.now() - startedAt) / 1000)
      const db = fastify.db.kind
      try {
        await withTimeout(fastify.db.query('select 1'), PROBE_TIMEOUT_MS)
      } catch (err) {
        request.log.warn({ err }, 'health probe: database did not answer')
        return reply
          .code(503)
          .send({ status: 'unavailable', db, error: 'database did not answer', uptimeSeconds })
      }
      // A replica that is down is not a reason to pull the API out of a balancer: the primary answers.
      const { state: readReplica, lag: readReplicaLag } = await fastify.readReplicaStatus()
      const { timescaleVersion: version, licence } = fastify.capabilities
      return {
        status: 'ok' as const,
        db,
        timescale: { version, licence },
        readReplica,
        readReplicaLag,
        uptimeSeconds,
      }
    },
  )
}

export default health
