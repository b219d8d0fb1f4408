// Growing areas: list and register them; their thresholds and compliance are registered below as sub-routes.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { AreaBody, AreaView, SIGNED_IN_ROLES, Zone } from '@zonetrace/contracts'
import { listZones, registerArea } from '@zonetrace/db'
import { clearLotFactsAfterWrites } from '../../plugins/app/lot-facts-invalidation.ts'
import { authedErrors, bearerAuth, readErrors } from '../../schemas/common.ts'
import compliance from './compliance.ts'
import thresholds from './thresholds.ts'

const zones: FastifyPluginAsyncTypebox = async (fastify) => {
  // Lot scans and exports show products, areas and lots: any successful write here clears their cache.
  clearLotFactsAfterWrites(fastify)
  fastify.get(
    '/zones',
    {
      schema: {
        tags: ['registry'],
        summary: 'Growing areas',
        response: { 200: Type.Object({ zones: Type.Array(Zone) }), ...readErrors },
      },
    },
    async () => ({ zones: await listZones(fastify.dbFor('lists')) }),
  )

  fastify.post(
    '/zones',
    {
      preHandler: fastify.requireRole(...SIGNED_IN_ROLES),
      schema: {
        tags: ['registry'],
        summary: 'Register or update a growing area with its threshold preset and certifications',
        security: bearerAuth,
        body: AreaBody,
        response: {
          200: AreaView,
          ...authedErrors,
        },
      },
    },
    async (request) => {
      const area = await registerArea(fastify.db, request.actor, request.body)
      // The open-data snapshot may still hold it as it was: an area made private must vanish at once.
      fastify.openData.clear()
      return area
    },
  )

  await fastify.register(thresholds)
  await fastify.register(compliance)
}

export default zones
