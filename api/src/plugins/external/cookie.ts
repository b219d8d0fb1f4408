import cookie from '@fastify/cookie'
import fp from 'fastify-plugin'

// Console sessions travel in a cookie (ADR 0010); the cookie values are random tokens, so none is signed.
export default fp(async (fastify) => {
  await fastify.register(cookie)
})
