// Every console route answers the same way: the page in the person's language, with their session's CSRF
// token in its forms, inside the frame. Routes say only what the page is.
import type { Markup } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { langOf } from './guard.ts'
import { type PageFrame, renderPage, type Section, sendConsolePage } from './layout.ts'

export interface PageBody {
  title: string
  section: Section
  main: Markup
  islands?: PageFrame['islands']
  /** Image origins beyond the platform's own that this page loads (the map's tile server). */
  imgOrigins?: readonly string[]
}

export function answerPage(
  request: FastifyRequest,
  reply: FastifyReply,
  build: (lang: Lang, csrfToken: string) => PageBody,
  status = 200,
): FastifyReply {
  const lang = langOf(request)
  const csrfToken = reply.csrfToken()
  const { imgOrigins, ...body } = build(lang, csrfToken)
  const page = renderPage({ lang, user: request.user, csrfToken, ...body })
  return sendConsolePage(reply, page, status, imgOrigins)
}
