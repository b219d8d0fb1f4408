// Console pages need a person: without a session the browser is sent to sign in (and brought back after),
// and a person whose role may not open the page is refused by the server with 403, not merely not shown
// the link.
import { html } from '@zonetrace/api'
import { LANGS, type Lang, type TokenRole } from '@zonetrace/contracts'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { homeOf } from './home.ts'
import { textFor } from './i18n.ts'

export { homeOf }

import { renderPage, sendConsolePage } from './layout.ts'

/** The person's own language once signed in; before that, ?lang= (Vietnamese by default). */
export function langOf(request: FastifyRequest): Lang {
  if (request.user) return request.user.lang
  const asked = (request.query as { lang?: unknown } | undefined)?.lang
  return (LANGS as readonly unknown[]).includes(asked) ? (asked as Lang) : 'vi'
}

/** Only a path on this site: `next` must never send a person elsewhere after signing in. */
export function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(console|workspace)(\/|\?|$)/.test(next) && !next.includes('//')
    ? next
    : '/console'
}

export function personWith(...roles: TokenRole[]): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.user
    if (!user) {
      const next = encodeURIComponent(request.url)
      return reply.code(303).header('location', `/console/login?next=${next}`).send()
    }
    if (!roles.includes(user.role)) {
      // A cooperative following an old link or the brand to the console's home lands in its workspace.
      if (
        user.role === 'cooperative' &&
        request.method === 'GET' &&
        /^\/console\/?(\?|$)/.test(request.url)
      ) {
        return reply.code(303).header('location', homeOf(user.role)).send()
      }
      const t = textFor(user.lang)
      const page = renderPage({
        lang: user.lang,
        title: t.forbiddenTitle,
        section: 'areas',
        user,
        csrfToken: reply.csrfToken(),
        main: html`<h1>${t.forbiddenTitle}</h1><p class="lead">${t.forbidden(t.roles[user.role])}</p>`,
      })
      return sendConsolePage(reply, page, 403)
    }
  }
}
