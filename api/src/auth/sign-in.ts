// Signing a person in and out of the console: the session row, its cookie, and the audit entries. The
// console's login form calls these; so could any other page that needs a person rather than a token.
import { closeSession, openSession, type SignIn, signIn, writeAudit } from '@zonetrace/db'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.ts'

export async function signInWithPassword(
  fastify: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  password: string,
): Promise<SignIn> {
  const result = await signIn(fastify.db, email, password)
  const address = request.ip
  if (!result.ok) {
    await writeAudit(fastify.db, {
      userId: null,
      actor: email.trim().toLowerCase().slice(0, 254),
      action: `sign-in refused (${result.reason})`,
      target: null,
      detail: null,
      address,
    })
    return result
  }
  const { console: settings } = fastify.config
  const session = await openSession(
    fastify.db,
    result.user.id,
    { idleSeconds: settings.sessionIdleSeconds, maxSeconds: settings.sessionMaxSeconds },
    { address, userAgent: request.headers['user-agent'] },
  )
  // The cookie outlives the idle window only as long as the session may: the server decides expiry.
  reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(request))
  await writeAudit(fastify.db, {
    userId: result.user.id,
    actor: result.user.email,
    action: 'sign-in',
    target: null,
    detail: null,
    address,
  })
  return result
}

export async function signOut(
  fastify: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = request.cookies[SESSION_COOKIE]
  if (token) await closeSession(fastify.db, token)
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request))
}
