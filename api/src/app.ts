// The zonetrace API as one plugin. server.ts wraps it with fastify-plugin so the error and not-found handlers
// below apply to the whole instance.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CSRF_REFUSAL, errorBody, reasonOf, statusOf } from './errors.ts'
import inputRules from './input/plugin.ts'
import jobScheduler from './jobs/plugin.ts'
import notify from './notify/plugin.ts'
import ogc from './ogc/plugin.ts'
import auth from './plugins/app/auth.ts'
import context from './plugins/app/context.ts'
import readDb from './plugins/app/read-db.ts'
import compress from './plugins/external/compress.ts'
import cookie from './plugins/external/cookie.ts'
import csrf from './plugins/external/csrf.ts'
import formbody from './plugins/external/formbody.ts'
import rateLimit from './plugins/external/rate-limit.ts'
import swagger from './plugins/external/swagger.ts'
import swaggerUi from './plugins/external/swagger-ui.ts'
import alerts from './routes/alerts/index.ts'
import check from './routes/check/index.ts'
import deadLetters from './routes/dead-letters/index.ts'
import gateways from './routes/gateways/index.ts'
import health from './routes/health/index.ts'
import jobs from './routes/jobs/index.ts'
import lots from './routes/lots/index.ts'
import metrics from './routes/metrics/index.ts'
import openData from './routes/open/index.ts'
import openapi from './routes/openapi/index.ts'
import presets from './routes/presets/index.ts'
import products from './routes/products/index.ts'
import resolver from './routes/resolver/index.ts'
import rules from './routes/rules/index.ts'
import sensors from './routes/sensors/index.ts'
import webhooks from './routes/webhooks/index.ts'
import wellKnown from './routes/well-known/index.ts'
import zones from './routes/zones/index.ts'
import type { AppOptions } from './types.ts'

export default async function zonetraceApp(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  // Set before anything is registered: child contexts copy the handler in force when they are created.
  fastify.setErrorHandler(handleError)
  fastify.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(404, `no route ${request.method} ${request.url.split('?')[0]}`)),
  )

  // First, so its onRoute hook rules every route's schemas before swagger documents them.
  await fastify.register(inputRules)
  // Fixed order, as autoload would: third-party wrappers, then our services, then routes.
  await fastify.register(swagger)
  await fastify.register(swaggerUi)
  await fastify.register(rateLimit)
  await fastify.register(formbody)
  await fastify.register(compress)
  await fastify.register(cookie)
  await fastify.register(csrf, { keys: opts.keys })

  const { keys, metrics: registry, webhookDispatch, pages = [], ...services } = opts
  await fastify.register(readDb, { db: services.db, reads: services.reads })
  await fastify.register(context, services)
  await fastify.register(auth, { keys })
  await fastify.register(jobScheduler)
  await fastify.register(notify, { registry, dispatch: webhookDispatch })

  await fastify.register(health)
  await fastify.register(metrics, { registry })
  await fastify.register(openapi)
  await fastify.register(zones, { prefix: '/api/v1' })
  await fastify.register(sensors, { prefix: '/api/v1' })
  await fastify.register(gateways, { prefix: '/api/v1' })
  await fastify.register(deadLetters, { prefix: '/api/v1' })
  await fastify.register(products, { prefix: '/api/v1' })
  await fastify.register(lots, { prefix: '/api/v1' })
  await fastify.register(rules, { prefix: '/api/v1' })
  await fastify.register(alerts, { prefix: '/api/v1' })
  await fastify.register(presets, { prefix: '/api/v1' })
  await fastify.register(webhooks, { prefix: '/api/v1' })
  await fastify.register(jobs, { prefix: '/api/v1' })
  await fastify.register(wellKnown)
  await fastify.register(resolver)
  await fastify.register(check)
  await fastify.register(openData)
  await fastify.register(ogc)
  // Browser interfaces built on the API (the console, in dashboards/): the caller composes them in.
  for (const plugin of pages) await fastify.register(plugin)
}

// Client mistakes keep their status and message; anything else is logged in full and answered vaguely.
function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = statusOf(err)
  if (status >= 500) {
    request.log.error({ err }, 'request failed')
    return reply.code(500).send({ error: 'internal error' })
  }
  request.log.info({ statusCode: status, reason: err.message }, 'request refused')
  return reply.code(status).send(errorBody(status, refusalMessage(err), reasonOf(err)))
}

// @fastify/csrf-protection's own wording ("Invalid csrf token") tells a person nothing they can act on.
function refusalMessage(err: FastifyError): string {
  return err.code?.startsWith('FST_CSRF_') ? CSRF_REFUSAL : err.message
}
