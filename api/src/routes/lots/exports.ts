// What a lot shows to others: its EPCIS 2.0 document, its sensor evidence and its recall status.
// Traceability is open data by design (the consumer page links here), so these read routes are public.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { HttpError } from '../../errors.ts'
import { errors } from '../../schemas/common.ts'
import { LotParams } from '../../schemas/trace.ts'
import { buildEpcisDocument } from '../../trace/epcis/index.ts'
import { lotGtinsOf } from '../../trace/lot-gtins.ts'

const refusals = { 400: errors[400], 401: errors[401], 404: errors[404], 500: errors[500] }

const exports: FastifyPluginAsyncTypebox = async (fastify) => {
  const factsOf = async (lotId: string) => {
    const facts = await fastify.lotFacts.get(lotId)
    if (!facts) throw new HttpError(404, `lot ${lotId} not found`)
    return facts
  }

  fastify.get(
    '/lots/:lotId/epcis',
    {
      schema: {
        tags: ['traceability'],
        summary: 'The lot as an EPCIS 2.0 JSON-LD EPCISDocument (GS1 EPCIS/CBV 2.0)',
        params: LotParams,
        response: {
          200: Type.Object(
            {},
            { additionalProperties: true, description: 'EPCISDocument, application/ld+json' },
          ),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const facts = await factsOf(request.params.lotId)
      const document = buildEpcisDocument({
        baseUrl: fastify.config.publicBaseUrl,
        now: new Date(),
        lot: facts.lot,
        product: facts.product,
        areas: facts.areas,
        events: facts.events,
        lotGtins: await lotGtinsOf(fastify.db, facts.events),
        evidence: facts.evidence,
      })
      return reply.type('application/ld+json').send(document)
    },
  )

  fastify.get(
    '/lots/:lotId/evidence',
    {
      schema: {
        tags: ['traceability'],
        summary: "Sensor evidence: the growing areas' readings over the lot's growing window, per metric",
        params: LotParams,
        response: { 200: Type.Object({ evidence: Type.Unknown() }), ...refusals },
      },
    },
    async (request) => ({ evidence: (await factsOf(request.params.lotId)).evidence }),
  )

  fastify.get(
    '/lots/:lotId/status',
    {
      schema: {
        tags: ['traceability'],
        summary: 'Recall status of a lot (the linkset’s gs1:recallStatus)',
        params: LotParams,
        response: {
          200: Type.Object({
            lot: Type.String(),
            disposition: Type.String(),
            recalled: Type.Boolean(),
            recalledAt: Type.Union([Type.String(), Type.Null()]),
            recallReason: Type.Union([Type.String(), Type.Null()]),
          }),
          ...refusals,
        },
      },
    },
    async (request) => {
      const { lot } = await factsOf(request.params.lotId)
      return {
        lot: lot.id,
        disposition: lot.disposition,
        recalled: lot.disposition === 'recalled',
        recalledAt: lot.recalledAt,
        recallReason: lot.recallReason,
      }
    },
  )
}

export default exports
