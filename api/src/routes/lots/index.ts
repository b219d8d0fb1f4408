// Lots: list, register, read, annotate, and record their EPCIS events.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  Lot,
  LotBody,
  LotEvent,
  LotEventBody,
  LotParams,
  LotPatch,
  SIGNED_IN_ROLES,
} from '@zonetrace/contracts'
import { createLot, listLots, lotEvents, recordLotEvent, requireLot, updateLot } from '@zonetrace/db'
import { clearLotFactsAfterWrites } from '../../plugins/app/lot-facts-invalidation.ts'
import { bearerAuth, described, refusals, writeErrors } from '../../schemas/common.ts'
import exports from './exports.ts'
import feedbackReplies from './feedback-replies.ts'
import labels from './labels.ts'
import lineage from './lineage.ts'

const lots: FastifyPluginAsyncTypebox = async (fastify) => {
  // Lot scans and exports show products, areas and lots: any successful write here clears their cache.
  clearLotFactsAfterWrites(fastify)
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.get(
    '/lots',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: "Lots: a cooperative's own, or all for officers and admins",
        security: bearerAuth,
        querystring: Type.Object({ productId: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: {
          200: Type.Object({ lots: Type.Array(Lot) }),
          ...refusals(400, 401, 403, 500),
        },
      },
    },
    async (request) => ({ lots: await listLots(fastify.dbFor('lists'), request.actor, request.query) }),
  )

  fastify.post(
    '/lots',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Register a harvest lot; the harvest is recorded as a commissioning event',
        security: bearerAuth,
        body: LotBody,
        response: { 201: Lot, ...writeErrors },
      },
    },
    async (request, reply) => {
      const b = request.body
      const lot = await createLot(fastify.db, request.actor, {
        ...b,
        grownFrom: b.grownFrom ? new Date(b.grownFrom) : null,
        harvestedFrom: new Date(b.harvestedFrom),
        harvestedTo: new Date(b.harvestedTo),
      })
      return reply.code(201).send(lot)
    },
  )

  fastify.get(
    '/lots/:lotId',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'One lot with its lineage and events',
        security: bearerAuth,
        params: LotParams,
        response: { 200: Type.Object({ ...Lot.properties, events: Type.Array(LotEvent) }), ...writeErrors },
      },
    },
    async (request) => {
      const lot = await requireLot(fastify.db, request.actor, request.params.lotId)
      return { ...lot, events: await lotEvents(fastify.db, lot.id) }
    },
  )

  fastify.patch(
    '/lots/:lotId',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: "Change a lot's note (null clears it); the rest of a lot changes only through its events",
        security: bearerAuth,
        params: LotParams,
        body: LotPatch,
        response: { 200: Lot, ...writeErrors },
      },
    },
    async (request) => {
      const lot = await updateLot(fastify.db, request.actor, request.params.lotId, request.body)
      return lot
    },
  )

  fastify.post(
    '/lots/:lotId/events',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Record inspecting, packing, shipping or receiving (CBV 2.0 bizSteps) with time and place',
        description:
          'With a client-made `id`, a resend of the same event answers 200 with the stored event instead of ' +
          'recording it twice; the same id with other content answers 409 with code `event_id_reused`. A ' +
          'recalled lot (409 `lot_recalled`) or one split or merged into other lots (409 `lot_consumed`) ' +
          'records only inspecting.',
        security: bearerAuth,
        params: LotParams,
        body: LotEventBody,
        response: {
          200: described(LotEvent, 'Already recorded under this id: the stored event'),
          201: described(LotEvent, 'Recorded'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { time, ...rest } = request.body
      const { event, created } = await recordLotEvent(fastify.db, request.actor, request.params.lotId, {
        ...rest,
        time: new Date(time),
      })
      return reply.code(created ? 201 : 200).send(event)
    },
  )

  await fastify.register(lineage)
  await fastify.register(labels)
  await fastify.register(exports)
  await fastify.register(feedbackReplies)
}

export default lots
