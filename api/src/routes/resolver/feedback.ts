// POST {label link}/feedback: 1–5 stars and an optional comment from the consumer page (a plain form, so it
// works without script) or as JSON. Only labels that were issued take feedback; comments are stored as
// typed and escaped wherever they are shown.
import { FeedbackBody, MAX_COMMENT_LENGTH } from '@zonetrace/contracts'
import { addFeedback, RegistryError } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { signatureQuery } from '../../resolver/links.ts'
import { type Lang, renderConsumerPage } from '../../resolver/page/index.ts'
import { refuse, sendPage } from '../../resolver/reply.ts'
import { type ResolveDeps, resolveScan } from '../../resolver/resolve.ts'

/** The body as it arrived: validation only attaches its verdict here (attachValidation), so any value. */
type ReceivedFeedback = { [K in keyof FeedbackBody]?: unknown }

const feedback: FastifyPluginAsync<{
  deps: ResolveDeps
  rateLimit: { max: number; timeWindow: number }
}> = async (fastify, { deps, rateLimit }) => {
  fastify.post(
    '/01/:gtin/10/:lot/21/:serial/feedback',
    {
      // A person leaves feedback now and then; a script posting in a loop is stopped early.
      config: {
        rateLimit: { max: Math.max(1, Math.ceil(rateLimit.max / 12)), timeWindow: rateLimit.timeWindow },
      },
      bodyLimit: 16_384,
      schema: {
        tags: ['resolver'],
        summary:
          'Leave feedback on a scanned product: POST {label path}/feedback with rating 1–5 and comment',
        body: FeedbackBody,
      },
      attachValidation: true,
    },
    async (request, reply) => {
      const form = !(request.headers['content-type'] ?? '').includes('json')
      const rendering = form ? 'html' : 'json'
      const body = (request.body ?? {}) as ReceivedFeedback
      const lang: Lang = body.lang === 'en' ? 'en' : 'vi'
      const [path, query = ''] = request.url.split('?') as [string, string?]
      const labelPath = `${labelPathOnly(path)}${query ? `?${query}` : ''}`
      const result = await resolveScan(deps, labelPath, null)
      if (result.status !== 200) return refuse(reply, rendering, result, lang)
      const problem = request.validationError?.message ?? checkFeedback(body)
      if (problem)
        return answer(reply, form, 400, problem, () =>
          renderConsumerPage(result.view, {
            lang,
            feedbackError: problem,
            mapTiles: fastify.config.resolver.mapTiles,
          }),
        )
      try {
        const id = await addFeedback(deps.db, {
          lotId: result.view.lot,
          serial: result.view.serial,
          rating: Number(body.rating),
          comment: typeof body.comment === 'string' ? body.comment : null,
          lang,
        })
        request.log.info({ lot: result.view.lot, feedbackId: id }, 'feedback stored')
        if (!form) return reply.code(201).send({ id })
        // Post/redirect/get: back to the label's own signed page with the thanks, so a reload asks for the
        // page again instead of posting the feedback twice.
        const back = new URLSearchParams(signatureQuery(query))
        back.set('lang', lang)
        back.set('feedback', 'sent')
        return reply
          .code(303)
          .header('location', `${labelPathOnly(path)}?${back}#feedback`)
          .send()
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        const message = err.message
        return answer(reply, form, 400, message, () =>
          renderConsumerPage(result.view, {
            lang,
            feedbackError: message,
            mapTiles: fastify.config.resolver.mapTiles,
          }),
        )
      }
    },
  )
}

function labelPathOnly(feedbackPath: string): string {
  return feedbackPath.slice(0, -'/feedback'.length)
}

function checkFeedback(body: ReceivedFeedback): string | null {
  const rating = Number(body.rating)
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    return 'rating must be a whole number from 1 to 5'
  if (body.comment !== undefined && typeof body.comment !== 'string') return 'comment must be text'
  if (typeof body.comment === 'string' && [...body.comment].length > MAX_COMMENT_LENGTH) {
    return `comment is longer than ${MAX_COMMENT_LENGTH} characters`
  }
  return null
}

function answer(
  reply: FastifyReply,
  form: boolean,
  status: number,
  message: string,
  page: () => string,
): FastifyReply {
  if (!form) return reply.code(status).send({ error: 'Bad Request', message })
  return sendPage(reply.code(status), page())
}

export default feedback
