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
  if (result.status === 308) return redirectToCanonical(reply, result)
  reply.code(result.status)
  if (rendering !== 'html') {
    const reason = result.status === 400 ? 'malformed' : 'not_found'
    return reply.send({ authentic: false, reason, message: result.message })
  }
  return sendPage(reply, renderMessagePage({ lang, status: result.status, detail: result.message }))
}

/**
 * A link written in a non-canonical form goes to its canonical form with 308: permanent, and a POST (the
 * feedback form) stays a POST. Whatever followed the label path in the request (`/feedback`) and the
 * query go along unchanged.
 */
function redirectToCanonical(
  reply: FastifyReply,
  result: Extract<Resolution, { status: 308 }>,
): FastifyReply {
  const url = reply.request.url
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const rest = path.startsWith(result.receivedPath) ? path.slice(result.receivedPath.length) : ''
  const location = `${reply.server.config.publicBaseUrl}${result.canonicalPath}${rest}${q === -1 ? '' : url.slice(q)}`
  return reply.code(308).header('location', location).header('cache-control', 'no-store').send()
}

export function sendPage(reply: FastifyReply, page: string): FastifyReply {
  const base = reply.server.config.publicBaseUrl
  // Images come inline, and from the map's tile server only when the operator configured one.
  const tiles = reply.server.config.resolver.mapTiles
  const img = tiles ? `data: ${tiles.origin}` : 'data:'
  // No script runs on these pages at all; the policy makes any injected markup inert as well.
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('referrer-policy', 'no-referrer')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; img-src ${img}; form-action 'self' ${base}; base-uri 'none'; frame-ancestors 'none'`,
    )
    .send(page)
}
