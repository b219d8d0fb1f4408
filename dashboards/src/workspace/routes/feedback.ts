// /workspace/feedback: the cooperative's feedback, scan regions and flagged labels; plain form posts to
// reply to or hide a feedback (303 back to it), and the feedback as CSV for a spreadsheet.
import { html } from '@zonetrace/api'
import { MAX_REPLY_LENGTH } from '@zonetrace/contracts'
import {
  type Actor,
  flaggedSerials,
  listFeedback,
  NotFoundError,
  scanRegions,
  updateFeedback,
} from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { personWith } from '../../guard.ts'
import { feedbackCsv } from '../feedback-csv.ts'
import { type FeedbackView, feedbackMain } from '../pages/feedback.ts'
import { feedbackText } from '../pages/feedback-text.ts'

/** More than a cooperative's year of feedback; the CSV holds every one up to the repository's cap. */
const SHOWN = 500
const CSV_ROWS = 1000

type Form = Record<string, string | undefined>

const feedback: FastifyPluginAsync = async (fastify) => {
  const db = fastify.db
  const guard = { schema: { hide: true }, preHandler: personWith('cooperative') }

  async function view(actor: Actor): Promise<FeedbackView> {
    const [list, regions, flagged] = await Promise.all([
      listFeedback(db, actor, { limit: SHOWN }),
      scanRegions(db, actor),
      flaggedSerials(db, actor),
    ])
    return { feedback: list, regions, flagged, now: new Date() }
  }

  const page = (request: FastifyRequest, reply: FastifyReply, v: FeedbackView, status = 200) =>
    answerPage(
      request,
      reply,
      (lang, csrf) => ({
        title: feedbackText(lang).title,
        section: 'ws-feedback',
        main: feedbackMain(lang, csrf, v),
      }),
      status,
    )

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    answerPage(
      request,
      reply,
      (lang) => {
        const t = feedbackText(lang)
        return {
          title: t.notFoundTitle,
          section: 'ws-feedback',
          main: html`<h1>${t.notFoundTitle}</h1><p class="lead">${t.notFound}</p><p><a href="/workspace/feedback">${t.back}</a></p>`,
        }
      },
      404,
    )

  /** Runs a change to one feedback; a foreign or missing id (or one that is no number) is the 404 page. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    patch: { reply?: string | null; hidden?: boolean },
  ): Promise<FastifyReply> {
    const id = Number((request.params as { id: string }).id)
    if (!Number.isSafeInteger(id) || id < 1) return notFound(request, reply)
    try {
      await updateFeedback(db, request.actor, id, patch)
    } catch (err) {
      if (err instanceof NotFoundError) return notFound(request, reply)
      throw err
    }
    return reply.code(303).header('location', `/workspace/feedback#fb-${id}`).send()
  }

  fastify.get('/workspace/feedback', guard, async (request, reply) =>
    page(request, reply, await view(request.actor)),
  )

  fastify.post('/workspace/feedback/:id/reply', guard, async (request, reply) => {
    const typed = (request.body as Form | undefined)?.reply ?? ''
    if ([...typed.trim()].length > MAX_REPLY_LENGTH) {
      const id = Number((request.params as { id: string }).id)
      const v = await view(request.actor)
      if (!v.feedback.some((f) => f.id === id)) return notFound(request, reply)
      return page(request, reply, { ...v, refused: { id, reply: typed } }, 400)
    }
    return change(request, reply, { reply: typed })
  })

  fastify.post('/workspace/feedback/:id/hidden', guard, async (request, reply) =>
    change(request, reply, { hidden: (request.body as Form | undefined)?.hidden !== '0' }),
  )

  fastify.get('/workspace/feedback.csv', guard, async (request, reply) => {
    const rows = await listFeedback(db, request.actor, { limit: CSV_ROWS })
    const lang = request.user?.lang ?? 'vi'
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="gop-y.csv"')
      .send(feedbackCsv(feedbackText(lang), rows))
  })
}

export default feedback
