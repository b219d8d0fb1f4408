import type { FastifyPluginAsync } from 'fastify'

// The document @fastify/swagger builds from the route schemas, at the address the contract names.
const openapi: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/openapi.json',
    {
      config: { rateLimit: { max: fastify.config.open.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: { hide: true },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300')
      return fastify.swagger()
    },
  )
}

export default openapi
