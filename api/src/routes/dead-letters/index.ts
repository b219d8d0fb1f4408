import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { DeadLetter, STAFF_ROLES } from '@zonetrace/contracts'
import { listDeadLetters } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { bearerAuth, Id, refusals } from '../../schemas/common.ts'

const Query = Type.Object({
  gatewayId: Type.Optional(Id('Only this gateway')),
  reason: Type.Optional(DeadLetter.properties.reason),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Received at or after' })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
})

const deadLetters: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/dead-letters',
    {
      preHandler: fastify.requireRole(...STAFF_ROLES),
      schema: {
        tags: ['readings'],
        summary: 'Payloads and records the broker refused, newest first (officer or admin)',
        security: bearerAuth,
        querystring: Query,
        response: {
          200: Type.Object({ deadLetters: Type.Array(DeadLetter) }),
          ...refusals(400, 401, 403, 500),
        },
      },
    },
    async (request) => {
      const { gatewayId, reason, since, limit } = request.query
      const sinceDate = since === undefined ? undefined : new Date(since)
      // The date-time format admits a leap second (23:59:60), which Date cannot hold.
      if (sinceDate && Number.isNaN(sinceDate.getTime())) {
        throw new HttpError(400, `since "${since}" is not a time this server can represent`)
      }
      return {
        deadLetters: await listDeadLetters(fastify.db, { gatewayId, reason, since: sinceDate, limit }),
      }
    },
  )
}

export default deadLetters
