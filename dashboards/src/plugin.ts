// The console (ADR 0010) as one plugin the API registers after its own routes (AppOptions.pages), so the
// session, CSRF and audit hooks, the database and the role checks are all in scope.
import type { FastifyPluginAsync } from 'fastify'
import publicMap from './public-map/routes.ts'
import alerts from './routes/alerts.ts'
import area from './routes/area.ts'
import areas from './routes/areas.ts'
import assets from './routes/assets.ts'
import audit from './routes/audit.ts'
import deadLetters from './routes/dead-letters.ts'
import gatewayRotation from './routes/gateway-rotation.ts'
import gateways from './routes/gateways.ts'
import jobs from './routes/jobs.ts'
import labelKeys from './routes/label-keys.ts'
import reports from './routes/reports.ts'
import rules from './routes/rules.ts'
import signIn from './routes/sign-in.ts'
import thresholds from './routes/thresholds.ts'
import users from './routes/users.ts'
import { workspacePages } from './workspace/plugin.ts'

export const consolePages: FastifyPluginAsync = async (fastify) => {
  await fastify.register(assets)
  // The citizens' map at `/` (no sign-in): here because its island is served from the console's bundle.
  await fastify.register(publicMap)
  await fastify.register(signIn)
  await fastify.register(areas)
  await fastify.register(alerts)
  await fastify.register(area)
  await fastify.register(thresholds)
  await fastify.register(rules)
  await fastify.register(users)
  await fastify.register(audit)
  await fastify.register(deadLetters)
  await fastify.register(jobs)
  await fastify.register(labelKeys)
  await fastify.register(gateways)
  await fastify.register(gatewayRotation)
  await fastify.register(reports)
  await fastify.register(workspacePages)
}
