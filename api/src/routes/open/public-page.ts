// Headers of the open-data HTML pages: like the label pages' (no script at all, inert injected markup),
// but cacheable by anyone, since nothing on them depends on who asks.
import type { FastifyReply } from 'fastify'
import { SCRIPTLESS_PAGE_CSP } from '../../open-data/page-csp.ts'

export const OPEN_CACHE_CONTROL = 'public, max-age=300'

export function sendOpenPage(reply: FastifyReply, page: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', OPEN_CACHE_CONTROL)
    .header('vary', 'accept-encoding')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', SCRIPTLESS_PAGE_CSP)
    .send(page)
}
