// Signing in and out, and the language switch. Sign-in is limited per client address (LOGIN_RATE_LIMIT)
// on top of the per-account lock in the database, and carries a CSRF token like every other form.
import { type Static, Type } from '@fastify/type-provider-typebox'
import { signInWithPassword, signOut } from '@zonetrace/api'
import { LANGS } from '@zonetrace/contracts'
import { setUserLang } from '@zonetrace/db'
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { homeOf, langOf, localPath } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { sendConsolePage } from '../layout.ts'
import { signInPage } from '../pages/sign-in.ts'

const SignInBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 200 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
const LangQuery = Type.Object({ lang: Type.Optional(Type.Enum(LANGS)), next: Type.Optional(Type.String()) })

const signIn: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/console/login',
    { schema: { hide: true, querystring: LangQuery } },
    async (request, reply) => {
      const { next } = request.query as Static<typeof LangQuery>
      if (request.user) return reply.code(303).header('location', localPath(next)).send()
      const page = signInPage({
        lang: langOf(request),
        csrfToken: reply.csrfToken(),
        next: localPath(next),
      })
      return sendConsolePage(reply, page)
    },
  )

  fastify.post(
    '/console/login',
    {
      schema: { hide: true, body: SignInBody, querystring: LangQuery },
      config: {
        rateLimit: { max: fastify.config.console.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      preHandler: fastify.csrfProtection,
      errorHandler: refusedForm,
    },
    async (request, reply) => {
      const body = request.body as Static<typeof SignInBody>
      const result = await signInWithPassword(fastify, request, reply, body.email, body.password)
      if (result.ok) {
        // Without a page to return to, each person starts at their own home (homeOf).
        const next =
          body.next && localPath(body.next) !== '/console' ? localPath(body.next) : homeOf(result.user.role)
        return reply.code(303).header('location', next).send()
      }
      const t = textFor(langOf(request))
      const problem =
        result.reason === 'locked'
          ? t.locked(Math.ceil(result.retryAfterSeconds / 60))
          : result.reason === 'disabled'
            ? t.disabled
            : t.invalid
      const status = result.reason === 'locked' ? 429 : result.reason === 'disabled' ? 403 : 401
      if (result.reason === 'locked') reply.header('retry-after', String(result.retryAfterSeconds))
      return again(request, reply, status, problem, body)
    },
  )

  fastify.post(
    '/console/logout',
    { schema: { hide: true }, config: { audit: 'sign-out' } },
    async (request, reply) => {
      // The workspace keeps pages, lots and queued scans on the phone for offline use (its service worker and
      // IndexedDB): none of it may be shown to whoever signs in next on the same phone. Officers' consoles keep
      // their remembered settings (the alert sound) in local storage, so only a cooperative's sign-out clears.
      if (request.user?.role === 'cooperative') reply.header('clear-site-data', '"cache", "storage"')
      await signOut(fastify, request, reply)
      return reply.code(303).header('location', '/console/login').send()
    },
  )

  fastify.post(
    '/console/lang',
    {
      schema: {
        hide: true,
        body: Type.Object({ lang: Type.Enum(LANGS), _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const { lang } = request.body as { lang: (typeof LANGS)[number] }
      if (request.user) await setUserLang(fastify.db, request.user.id, lang)
      const back = localPath(new URL(request.headers.referer ?? '/console', 'http://x').pathname)
      return reply.code(303).header('location', back).send()
    },
  )
}

function again(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  problem: string,
  body?: Partial<Static<typeof SignInBody>>,
): FastifyReply {
  const page = signInPage({
    lang: langOf(request),
    csrfToken: reply.csrfToken(),
    next: localPath(body?.next),
    email: body?.email,
    problem,
  })
  return sendConsolePage(reply, page, status)
}

// The form answers its own refusals as a page: a person sees why, with the form to try again.
function refusedForm(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = textFor(langOf(request))
  const body = (request.body ?? {}) as Partial<Static<typeof SignInBody>>
  if (error.statusCode === 429) return again(request, reply, 429, t.tooMany, body)
  if (error.statusCode === 403) return again(request, reply, 403, t.expiredForm, body)
  if (error.statusCode === 400) return again(request, reply, 400, t.invalid, body)
  throw error
}

export default signIn
