// The cooperatives' workspace (issue 16): a cooperative's areas, products, lots, labels, scans and
// feedback on a phone. Registered inside the console plugin, so it shares its sessions, CSRF, audit and
// islands; every route here is for the cooperative role and reads through the registry's Actor (ADR 0007).
import type { FastifyPluginAsync } from 'fastify'
import areas from './routes/areas.ts'
import feedback from './routes/feedback.ts'
import home from './routes/home.ts'
import lots from './routes/lots.ts'
import products from './routes/products.ts'
import pwa from './routes/pwa.ts'
import scan from './routes/scan.ts'

export const workspacePages: FastifyPluginAsync = async (fastify) => {
  await fastify.register(home)
  await fastify.register(feedback)
  await fastify.register(scan)
  await fastify.register(pwa)
  await fastify.register(areas)
  await fastify.register(products)
  await fastify.register(lots)
}
