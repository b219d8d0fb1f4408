// Split, merge and recall: lineage kept both ways, recalls reaching every derived lot.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  Lot,
  LotMergeBody,
  LotParams,
  LotRecallBody,
  LotSplitBody,
  SIGNED_IN_ROLES,
} from '@zonetrace/contracts'
import { mergeLots, recallLot, requireLot, splitLot } from '@zonetrace/db'
import { bearerAuth, writeErrors } from '../../schemas/common.ts'

const lineage: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.post(
    '/lots/:lotId/split',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Split a lot into new lots (an EPCIS TransformationEvent)',
        security: bearerAuth,
        params: LotParams,
        body: LotSplitBody,
        response: { 201: Type.Object({ lots: Type.Array(Lot) }), ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = request.actor
      const { time, ...rest } = request.body
      const ids = await splitLot(fastify.db, actor, request.params.lotId, {
        ...rest,
        ...(time ? { time: new Date(time) } : {}),
      })
      return reply
        .code(201)
        .send({ lots: await Promise.all(ids.map((id) => requireLot(fastify.db, actor, id))) })
    },
  )

  fastify.post(
    '/lots/merge',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Merge lots of one product into a new lot (an EPCIS TransformationEvent)',
        security: bearerAuth,
        body: LotMergeBody,
        response: { 201: Lot, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = request.actor
      const { time, ...rest } = request.body
      const id = await mergeLots(fastify.db, actor, { ...rest, ...(time ? { time: new Date(time) } : {}) })
      return reply.code(201).send(await requireLot(fastify.db, actor, id))
    },
  )

  fastify.post(
    '/lots/:lotId/recall',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Recall a lot and every lot derived from it; their labels then show the recall',
        security: bearerAuth,
        params: LotParams,
        body: LotRecallBody,
        response: { 200: Type.Object({ recalled: Type.Array(Type.String()) }), ...writeErrors },
      },
    },
    async (request) => {
      const recalled = await recallLot(fastify.db, request.actor, request.params.lotId, request.body.reason)
      request.log.warn({ lot: request.params.lotId, recalled, by: request.principal.subject }, 'lot recalled')
      return { recalled }
    },
  )
}

export default lineage
