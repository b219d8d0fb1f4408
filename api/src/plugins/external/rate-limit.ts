import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'

// Off by default; the public resolver routes opt in with `config.rateLimit` (per client address).
export default fp(async (fastify) => {
  await fastify.register(rateLimit, { global: false })
})
