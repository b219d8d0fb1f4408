// The console (ADR 0010) as one plugin the API registers after its own routes (AppOptions.pages), so the
// session, CSRF and audit hooks, the database and the role checks are all in scope.
import type { FastifyPluginAsync } from 'fastify'
import areas from './routes/areas.ts'
import assets from './routes/assets.ts'
import audit from './routes/audit.ts'
import signIn from './routes/sign-in.ts'
import users from './routes/users.ts'

export const consolePages: FastifyPluginAsync = async (fastify) => {
  await fastify.register(assets)
  await fastify.register(signIn)
  await fastify.register(areas)
  await fastify.register(users)
  await fastify.register(audit)
}
