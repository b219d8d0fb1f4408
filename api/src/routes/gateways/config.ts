// PUT and GET /gateways/{gatewayId}/config: the config the platform pushes to a gateway (sampling interval,
// local alarm rules). The body is checked against the edge agent's own schema (contracts/src/
// gateway-config.ts) with TypeBox, as the agent checks it, rather than by the API's Ajv, which would
// coerce types and strip unknown keys in alarm rules and so accept what the agent then ignores. The API
// only stores it; a broker node publishes it retained on zt/v1/gw/{id}/config within one heartbeat
// (broker/src/config-delivery.ts), so it reaches the gateway through whichever node holds it.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { findUnstorable, RemoteConfigSchema } from '@zonetrace/contracts'
import { getGatewayConfig, putGatewayConfig, type StoredGatewayConfig } from '@zonetrace/db'
import type { FastifySchemaCompiler } from 'fastify'
import Value from 'typebox/value'
import { HttpError } from '../../errors.ts'
import { authedErrors, bearerAuth, Id } from '../../schemas/common.ts'

/** A config is a few settings and rules; the agent keeps it in memory and on disk. */
const MAX_CONFIG_BYTES = 65_536
const MAX_REASONS = 5

const GatewayConfig = Type.Object(
  {
    gatewayId: Type.String(),
    config: RemoteConfigSchema,
    version: Type.Integer({ minimum: 1, description: 'One more at every PUT.' }),
    published: Type.Boolean({
      description: 'Whether a broker has published this version on the retained config topic yet.',
    }),
    updatedBy: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'The stored config of a gateway' },
)

/** The first reasons TypeBox gives for refusing `data`, as the agent would log them. */
function reasonsAgainst(schema: unknown, data: unknown): string[] {
  return [...Value.Errors(schema as typeof RemoteConfigSchema, data)]
    .slice(0, MAX_REASONS)
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
}

/**
 * This route's validator, for every part: TypeBox as the agent uses it (parseRemoteConfig), which neither
 * coerces nor strips, and for the body also the platform's storable-text rule and a size cap.
 */
const asTheAgentChecks: FastifySchemaCompiler<unknown> =
  ({ schema, httpPart }) =>
  (data) => {
    const reasons = reasonsAgainst(schema, data)
    const what = httpPart === 'body' ? 'config' : (httpPart ?? 'request')
    if (reasons.length > 0) return { error: new HttpError(400, `${what} refused: ${reasons.join('; ')}`) }
    if (httpPart !== 'body') return { value: data }
    const unstorable = findUnstorable(data, 'config')
    if (unstorable) return { error: new HttpError(400, `config refused: ${unstorable}`) }
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_CONFIG_BYTES) {
      return { error: new HttpError(400, `config refused: over ${MAX_CONFIG_BYTES} bytes`) }
    }
    return { value: data }
  }

const reply = (c: StoredGatewayConfig) => ({ ...c, updatedAt: c.updatedAt.toISOString() })

const gatewayConfig: FastifyPluginAsyncTypebox = async (fastify) => {
  const params = Type.Object({ gatewayId: Id('Gateway id') })

  fastify.put(
    '/gateways/:gatewayId/config',
    {
      preHandler: fastify.requireRole('admin'),
      validatorCompiler: asTheAgentChecks,
      schema: {
        tags: ['registry'],
        summary: "Set a gateway's config, pushed to it as its retained config topic (admin)",
        description:
          'The body is what the edge agent applies (samplingSeconds, alarmRules); anything it would ignore is ' +
          'refused with 400 and the reasons. Stored, then published retained on zt/v1/gw/{id}/config by a ' +
          'broker node within one broker heartbeat (BROKER_HEARTBEAT_MS), whichever node the gateway is on.',
        security: bearerAuth,
        params,
        body: RemoteConfigSchema,
        response: { 200: GatewayConfig, ...authedErrors },
      },
    },
    async (request) => {
      const { gatewayId } = request.params
      const stored = await putGatewayConfig(
        fastify.db,
        gatewayId,
        request.body as Record<string, unknown>,
        request.principal.subject ?? null,
      )
      if (!stored) throw new HttpError(404, `gateway "${gatewayId}" not found`)
      request.log.info(
        { gatewayId, version: stored.version, by: request.principal.subject },
        'gateway config set',
      )
      return reply(stored)
    },
  )

  fastify.get(
    '/gateways/:gatewayId/config',
    {
      preHandler: fastify.requireRole('officer', 'admin'),
      schema: {
        tags: ['registry'],
        summary: "A gateway's stored config and whether it was published (officer or admin)",
        security: bearerAuth,
        params,
        response: { 200: GatewayConfig, ...authedErrors },
      },
    },
    async (request) => {
      const { gatewayId } = request.params
      const stored = await getGatewayConfig(fastify.db, gatewayId)
      if (!stored) throw new HttpError(404, `no config stored for gateway "${gatewayId}"`)
      return reply(stored)
    },
  )
}

export default gatewayConfig
