import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PublishedLabelJwks } from '@zonetrace/contracts'
import { refusals } from '../../schemas/common.ts'

// The public keys that verify label signatures (docs/label-signature.md). Revoked keys are left out, so
// their labels read as "unknown or revoked key" to anyone verifying offline with a fresh copy.
const wellKnown: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/.well-known/jwks.json',
    {
      config: { rateLimit: { max: fastify.config.open.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['resolver'],
        summary: 'JWKS of the label signing keys (Ed25519, kid = first 8 bytes of the RFC 7638 thumbprint)',
        response: {
          200: PublishedLabelJwks,
          ...refusals(500),
        },
      },
    },
    async (_request, reply) => {
      // Verifiers may cache it briefly; a revocation reaches them within five minutes.
      reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*')
      // A keyring hands out any LabelJwks, whose fields are optional; the response names every one.
      const { keys } = await fastify.labelKeys.jwks()
      return {
        keys: keys.map((k) => ({
          kty: String(k.kty),
          crv: String(k.crv),
          x: String(k.x),
          kid: String(k.kid),
          alg: 'EdDSA',
          use: 'sig',
        })),
      }
    },
  )
}

export default wellKnown
