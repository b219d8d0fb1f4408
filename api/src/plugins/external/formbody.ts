import formbody from '@fastify/formbody'
import fp from 'fastify-plugin'

// The consumer page's feedback form posts application/x-www-form-urlencoded (it works without script).
export default fp(async (fastify) => {
  await fastify.register(formbody, { bodyLimit: 16_384 })
})
