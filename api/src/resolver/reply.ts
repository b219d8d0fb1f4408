// How the resolver answers: refusals in the rendering the client asked for, and HTML pages with the
// headers every label page carries.
import type { FastifyReply } from 'fastify'
import { type Lang, renderMessagePage } from './page/index.ts'
import type { Resolution } from './resolve.ts'

export type Rendering = 'html' | 'json' | 'linkset'

export function refuse(
  reply: FastifyReply,
  rendering: Rendering,
  result: Exclude<Resolution, { status: 200 }>,
  lang: Lang,
): FastifyReply {
  reply.code(result.status)
  if (rendering !== 'html') {
    const reason = result.status === 400 ? 'malformed' : 'not_found'
    return reply.send({ authentic: false, reason, message: result.message })
  }
  return sendPage(reply, renderMessagePage({ lang, status: result.status, detail: result.message }))
}

export function sendPage(reply: FastifyReply, page: string): FastifyReply {
  const base = reply.server.config.publicBaseUrl
  // No script runs on these pages at all; the policy makes any injected markup inert as well.
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('referrer-policy', 'no-referrer')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self' ${base}; base-uri 'none'; frame-ancestors 'none'`,
    )
    .send(page)
}
