// Bearer tokens on every request: a presented token must verify, even on open-data read routes, so a client
// with a broken token learns it at once instead of silently reading as the public.
import type { Actor } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { actorOf } from '../../auth/actor.ts'
import type { AuthKeys } from '../../auth/keys.ts'
import { PUBLIC_PRINCIPAL, TokenError, type TokenRole, verifyToken } from '../../auth/tokens.ts'
import { errorBody } from '../../errors.ts'

const REALM = 'Bearer realm="zonetrace"'

const auth: FastifyPluginAsync<{ keys: AuthKeys }> = async (fastify, { keys }) => {
  // Request decorators may not hold objects (one would be shared by all requests); the hook sets the value.
  fastify.decorateRequest('principal')
  // Routes hand the registry request.actor, never a principal: the mapping lives in actorOf alone. A getter,
  // so it always follows the principal the onRequest hook below has just set.
  fastify.decorateRequest('actor', {
    getter(this: FastifyRequest): Actor {
      return actorOf(this.principal)
    },
  })

  fastify.addHook('onRequest', async (request, reply) => {
    request.principal = PUBLIC_PRINCIPAL
    const header = request.headers.authorization
    if (header === undefined) return
    const match = /^Bearer +(\S+) *$/i.exec(header)
    if (!match?.[1]) return unauthorized(reply, 'the Authorization header must be "Bearer <token>"', true)
    try {
      request.principal = await verifyToken(keys, match[1])
    } catch (err) {
      if (!(err instanceof TokenError)) throw err
      return unauthorized(reply, err.message, true)
    }
  })

  fastify.decorate('requireRole', (...roles: TokenRole[]) => {
    const allowed = new Set<string>(roles)
    return async (request, reply) => {
      const { role } = request.principal
      if (role === 'public') return unauthorized(reply, 'this route needs a bearer token', false)
      if (!allowed.has(role)) {
        return reply
          .code(403)
          .header('www-authenticate', `${REALM}, error="insufficient_scope"`)
          .send(errorBody(403, `the ${role} role may not do this; it needs ${roles.join(' or ')}`))
      }
    }
  })
}

// RFC 6750 §3: no error code when credentials were absent, invalid_token when they were presented and refused.
function unauthorized(reply: FastifyReply, message: string, presented: boolean): FastifyReply {
  const challenge = presented
    ? `${REALM}, error="invalid_token", error_description="${message.replace(/["\\]/g, "'")}"`
    : REALM
  return reply.code(401).header('www-authenticate', challenge).send(errorBody(401, message))
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the registry should act for (ADR 0007): the principal's cooperative, or any for staff. */
    readonly actor: Actor
  }
}

export default fp(auth, { name: 'auth' })
