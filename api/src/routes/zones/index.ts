import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { AreaBody, AreaView, Zone } from '@zonetrace/contracts'
import { listZones, registerArea } from '@zonetrace/db'
import { clearLotFactsAfterWrites } from '../../plugins/app/lot-facts-invalidation.ts'
import { bearerAuth, errors, readErrors } from '../../schemas/common.ts'

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
    async () => ({ zones: await listZones(fastify.db) }),
  )

  fastify.post(
    '/zones',
    {
      preHandler: fastify.requireRole('cooperative', 'officer', 'admin'),
      schema: {
        tags: ['registry'],
        summary: 'Register or update a growing area with its threshold preset and certifications',
        security: bearerAuth,
        body: AreaBody,
        response: {
          200: AreaView,
          400: errors[400],
          401: errors[401],
          403: errors[403],
          404: errors[404],
          500: errors[500],
        },
      },
    },
    async (request) => {
      const area = await registerArea(fastify.db, request.actor, request.body)
      return area
    },
  )
}

export default zones
