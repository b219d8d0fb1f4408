// A browser sends its cookies with any site's form post; a bearer token it would not. So every
// state-changing request that a session cookie authenticates must also carry the session's CSRF token
// (the `_csrf` form field or an `x-csrf-token` header), or it is refused with 403 before its handler runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What a token is bound to before sign-in; @fastify/csrf refuses an empty binding. */
const SIGNED_OUT = 'signed-out'

/** The session a CSRF token is bound to: its id, or the one shared binding of the signed-out sign-in form. */
export function csrfBinding(request: FastifyRequest): string {
  return request.sessionId ?? SIGNED_OUT
}

export function requireCsrfForSessions(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (SAFE.has(request.method) || request.sessionId === null) return done()
    fastify.csrfProtection(request, reply, done)
  })
}

declare module 'fastify' {
  interface FastifyReply {
    /** A CSRF token for the page being answered, bound to the caller's session (or to none). */
    csrfToken(): string
  }
}

/** Tokens are bound to the session id, so every page asks for one through this, never generateCsrf(). */
export function decorateCsrfToken(fastify: FastifyInstance): void {
  fastify.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
    return this.generateCsrf({ userInfo: csrfBinding(this.request) })
  })
}
