import type { FastifyPluginAsync } from 'fastify'

// The document @fastify/swagger builds from the route schemas, at the address the contract names.
const openapi: FastifyPluginAsync = async (fastify) => {
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger())
}

export default openapi
