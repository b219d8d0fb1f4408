// The console's session cookie: HttpOnly so no script reads it, SameSite=Lax so another site's form post
// does not carry it, Secure whenever the request came over https (directly or through a trusted proxy).
import type { CookieSerializeOptions } from '@fastify/cookie'
import type { FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'zt_session'

export function sessionCookieOptions(request: FastifyRequest, expires?: Date): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    ...(expires ? { expires } : {}),
  }
}
