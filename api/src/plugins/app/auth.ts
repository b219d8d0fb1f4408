// Who is calling, for every request: a bearer token (machines, scripts) or a console session cookie
// (people, ADR 0010). Both become the same principal, so every role check applies to both. A presented
// token must verify, even on open-data read routes, so a client with a broken token learns it at once
// instead of silently reading as the public.
import type { User } from '@zonetrace/contracts'
import { type Actor, liveSession } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { actorOf } from '../../auth/actor.ts'
import type { AuthKeys } from '../../auth/keys.ts'
import { SESSION_COOKIE } from '../../auth/session-cookie.ts'
import { PUBLIC_PRINCIPAL, TokenError, type TokenRole, verifyToken } from '../../auth/tokens.ts'
import { errorBody } from '../../errors.ts'
import { auditPeoplesChanges } from './audit.ts'
import { decorateCsrfToken, requireCsrfForSessions } from './session-csrf.ts'

const REALM = 'Bearer realm="zonetrace"'

const auth: FastifyPluginAsync<{ keys: AuthKeys }> = async (fastify, { keys }) => {
  // Request decorators may not hold objects (one would be shared by all requests); the hook sets the value.
  fastify.decorateRequest('principal')
  fastify.decorateRequest('user', null)
  fastify.decorateRequest('sessionId', null)
  // Routes hand the registry request.actor, never a principal: the mapping lives in actorOf alone. A getter,
  // so it always follows the principal the onRequest hook below has just set.
  fastify.decorateRequest('actor', {
    getter(this: FastifyRequest): Actor {
      return actorOf(this.principal)
    },
  })

  const policy = {
    idleSeconds: fastify.config.console.sessionIdleSeconds,
    maxSeconds: fastify.config.console.sessionMaxSeconds,
  }

  fastify.addHook('onRequest', async (request, reply) => {
    request.principal = PUBLIC_PRINCIPAL
    const header = request.headers.authorization
    if (header === undefined) {
      const token = request.cookies[SESSION_COOKIE]
      if (token) await useSession(request, token)
      return
    }
    const match = /^Bearer +(\S+) *$/i.exec(header)
    if (!match?.[1]) return unauthorized(reply, 'the Authorization header must be "Bearer <token>"', true)
    try {
      request.principal = await verifyToken(keys, match[1])
    } catch (err) {
      if (!(err instanceof TokenError)) throw err
      return unauthorized(reply, err.message, true)
    }
  })

  // An expired or unknown session is no session: the request goes on as the public, and the console
  // sends the person to sign in. It is not an error, unlike a bad bearer token.
  async function useSession(request: FastifyRequest, token: string): Promise<void> {
    const session = await liveSession(fastify.db, token, policy)
    if (!session) return
    const { user } = session
    request.user = user
    request.sessionId = session.id
    request.principal = {
      role: user.role,
      subject: user.email,
      ...(user.cooperativeId ? { cooperativeId: user.cooperativeId } : {}),
    }
  }

  requireCsrfForSessions(fastify)
  decorateCsrfToken(fastify)
  auditPeoplesChanges(fastify)

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
    /** The person signed in through the console, or null (bearer tokens and the public have none). */
    user: User | null
    /** The console session's id (a hash of its cookie), or null: what CSRF tokens are bound to. */
    sessionId: string | null
  }
}

export default fp(auth, { name: 'auth', dependencies: ['@fastify/cookie'] })
