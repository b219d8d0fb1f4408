import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { DEAD_LETTER_REASONS, STAFF_ROLES } from '@zonetrace/contracts'
import { type DeadLetterView, listDeadLetters } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { bearerAuth, DateTime, Id, refusals } from '../../schemas/common.ts'

const Reason = Type.Enum(DEAD_LETTER_REASONS, {
  description:
    'malformed_senml: the payload is not a SenML pack, refused whole. invalid_record, non_finite_value, ' +
    'time_out_of_bounds, unknown_sensor, foreign_sensor: one or more records refused, the rest of the ' +
    'pack stored. oversized_payload: over INGEST_MAX_PAYLOAD_BYTES, refused whole. malformed_alarm: an ' +
    'alarm report that is not one; a report is refused whole, also for the record reasons above.',
})

const Query = Type.Object({
  gatewayId: Type.Optional(Id('Only this gateway')),
  reason: Type.Optional(Reason),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Received at or after' })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
})

const DeadLetter = Type.Object({
  id: Type.Integer(),
  receivedAt: DateTime,
  gatewayId: Type.String(),
  topic: Type.String(),
  reason: Reason,
  detail: Type.String(),
  recordIndex: Type.Union([Type.Integer(), Type.Null()], {
    description: 'First refused record of this reason in the pack; null when the whole payload was refused',
  }),
  payloadSize: Type.Integer({ description: 'Bytes received' }),
  truncated: Type.Boolean({ description: 'Only the first 16 KiB of the payload are kept' }),
  payload: Type.String({ description: 'The stored bytes, as text or base64 (payloadEncoding)' }),
  payloadEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64')]),
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
      const rows = await listDeadLetters(fastify.db, { gatewayId, reason, since: sinceDate, limit })
      return { deadLetters: rows.map(view) }
    },
  )
}

function view(d: DeadLetterView) {
  let payload: string
  let payloadEncoding: 'utf8' | 'base64' = 'utf8'
  try {
    // A payload cut at 16 KiB may end inside a character: streaming mode leaves that tail out instead of
    // calling the whole payload binary.
    payload = new TextDecoder('utf-8', { fatal: true }).decode(d.payload, { stream: d.truncated })
  } catch {
    payload = d.payload.toString('base64')
    payloadEncoding = 'base64'
  }
  return {
    id: d.id,
    receivedAt: d.receivedAt.toISOString(),
    gatewayId: d.gatewayId,
    topic: d.topic,
    reason: d.reason,
    detail: d.detail,
    recordIndex: d.recordIndex,
    payloadSize: d.payloadSize,
    truncated: d.truncated,
    payload,
    payloadEncoding,
  }
}

export default deadLetters
