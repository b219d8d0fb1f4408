import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { Product, ProductBody, SIGNED_IN_ROLES } from '@zonetrace/contracts'
import { listProducts, upsertProduct } from '@zonetrace/db'
import { clearLotFactsAfterWrites } from '../../plugins/app/lot-facts-invalidation.ts'
import { bearerAuth, refusals, writeErrors } from '../../schemas/common.ts'

const products: FastifyPluginAsyncTypebox = async (fastify) => {
  // Lot scans and exports show products, areas and lots: any successful write here clears their cache.
  clearLotFactsAfterWrites(fastify)
  fastify.get(
    '/products',
    {
      preHandler: fastify.requireRole(...SIGNED_IN_ROLES),
      schema: {
        tags: ['traceability'],
        summary: "Products with GTIN and OCOP rating: a cooperative's own, or all for officers and admins",
        security: bearerAuth,
        response: {
          200: Type.Object({ products: Type.Array(Product) }),
          ...refusals(401, 403, 500),
        },
      },
    },
    async (request) => ({ products: await listProducts(fastify.db, request.actor) }),
  )

  fastify.post(
    '/products',
    {
      preHandler: fastify.requireRole(...SIGNED_IN_ROLES),
      schema: {
        tags: ['traceability'],
        summary: 'Register or update a product (GTIN check digit validated; OCOP certificates run 36 months)',
        security: bearerAuth,
        body: ProductBody,
        response: {
          200: Product,
          ...writeErrors,
        },
      },
    },
    async (request) => upsertProduct(fastify.db, request.actor, request.body),
  )
}

export default products
