// The page an area's thresholds and rules answer when the area does not exist (or its code is longer
// than any the registry accepts): one page, so both say the same and link back the same way.
import { html } from '@zonetrace/api'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { thresholdsText } from '../pages/thresholds-text.ts'

export function areaNotFound(request: FastifyRequest, reply: FastifyReply, code: string): FastifyReply {
  return answerPage(
    request,
    reply,
    (lang) => {
      const t = thresholdsText(lang)
      return {
        title: t.notFoundTitle,
        section: 'areas',
        main: html`<h1>${t.notFoundTitle}</h1><p class="lead">${t.notFound(code)}</p><p><a href="/console">${t.backToAreas}</a></p>`,
      }
    },
    404,
  )
}
