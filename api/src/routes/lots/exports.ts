// What a lot shows to others: its EPCIS 2.0 document, its sensor evidence and its recall status.
// A lot is published when its first label is issued: from then on these routes are open data by design
// (the consumer page and the label's linkset link here, and anyone holding a recalled product must be able
// to check it by lot). Before that, only its cooperative, officers and admins see it; to anyone else it
// answers 404 like a lot that does not exist, so unpublished lot ids cannot be probed.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { LotParams } from '@zonetrace/contracts'
import { NotFoundError } from '@zonetrace/db'
import type { Principal } from '../../auth/tokens.ts'
import { refusals } from '../../schemas/common.ts'
import { buildEpcisDocument } from '../../trace/epcis/index.ts'
import { lotGtinsOf } from '../../trace/lot-gtins.ts'

const exports: FastifyPluginAsyncTypebox = async (fastify) => {
  const factsOf = async (principal: Principal, lotId: string) => {
    const facts = await fastify.lotFacts.get(lotId)
    if (!facts || !(facts.published || mayReadUnpublished(principal, facts.lot.cooperativeId))) {
      throw new NotFoundError(`lot ${lotId} not found`)
    }
    return facts
  }

  fastify.get(
    '/lots/:lotId/epcis',
    {
      schema: {
        tags: ['traceability'],
        summary:
          'The lot as an EPCIS 2.0 JSON-LD EPCISDocument (GS1 EPCIS/CBV 2.0); public once it has labels',
        params: LotParams,
        response: {
          200: Type.Object(
            {},
            { additionalProperties: true, description: 'EPCISDocument, application/ld+json' },
          ),
          ...refusals(400, 401, 404, 500),
        },
      },
    },
    async (request, reply) => {
      const facts = await factsOf(request.principal, request.params.lotId)
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
        summary:
          "Sensor evidence: the growing areas' readings over the lot's growing window, per metric; public once it has labels",
        params: LotParams,
        response: { 200: Type.Object({ evidence: Type.Unknown() }), ...refusals(400, 401, 404, 500) },
      },
    },
    async (request) => ({ evidence: (await factsOf(request.principal, request.params.lotId)).evidence }),
  )

  fastify.get(
    '/lots/:lotId/status',
    {
      schema: {
        tags: ['traceability'],
        summary: 'Recall status of a lot (the linkset’s gs1:recallStatus); public once it has labels',
        params: LotParams,
        response: {
          200: Type.Object({
            lot: Type.String(),
            disposition: Type.String(),
            recalled: Type.Boolean(),
            recalledAt: Type.Union([Type.String(), Type.Null()]),
            recallReason: Type.Union([Type.String(), Type.Null()]),
          }),
          ...refusals(400, 401, 404, 500),
        },
      },
    },
    async (request) => {
      const { lot } = await factsOf(request.principal, request.params.lotId)
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

function mayReadUnpublished(principal: Principal, owner: string): boolean {
  if (principal.role === 'admin' || principal.role === 'officer') return true
  return principal.role === 'cooperative' && principal.cooperativeId === owner
}

export default exports
