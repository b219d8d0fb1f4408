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
import { addLotEvent, createLot, listLots, lotEvents, requireLot, updateLot } from '@zonetrace/db'
import { clearLotFactsAfterWrites } from '../../plugins/app/lot-facts-invalidation.ts'
import { bearerAuth, refusals, writeErrors } from '../../schemas/common.ts'
import exports from './exports.ts'
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
    async (request) => ({ lots: await listLots(fastify.db, request.actor, request.query) }),
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
        security: bearerAuth,
        params: LotParams,
        body: LotEventBody,
        response: { 201: LotEvent, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { time, ...rest } = request.body
      const event = await addLotEvent(fastify.db, request.actor, request.params.lotId, {
        ...rest,
        time: new Date(time),
      })
      return reply.code(201).send(event)
    },
  )

  await fastify.register(lineage)
  await fastify.register(labels)
  await fastify.register(exports)
}

export default lots
