// GET /console/admin/dead-letters: the broker's refusals through the same repository GET /dead-letters
// reads. The filters are checked here, so a hand-edited URL gets the page with a message, never a JSON 400.
import { Type } from '@fastify/type-provider-typebox'
import { DEAD_LETTER_REASONS, type DeadLetterReason } from '@zonetrace/contracts'
import { listDeadLetters } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { DEAD_LETTERS_PAGE, type DeadLettersView, deadLettersMain } from '../pages/dead-letters.ts'
import { deadLettersText } from '../pages/dead-letters-text.ts'

const Query = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 64 })),
  gateway: Type.Optional(Type.String({ maxLength: 64 })),
  before: Type.Optional(Type.String({ maxLength: 20 })),
})

const isReason = (r: string): r is DeadLetterReason => (DEAD_LETTER_REASONS as readonly string[]).includes(r)

const deadLetters: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/console/admin/dead-letters',
    { schema: { hide: true, querystring: Query }, preHandler: personWith('admin') },
    async (request, reply) => {
      const lang = langOf(request)
      const d = deadLettersText(lang)
      const q = request.query as { reason?: string; gateway?: string; before?: string }
      const gatewayId = q.gateway?.trim() || undefined
      const reason = q.reason || undefined
      let view: DeadLettersView
      let status = 200
      if (reason !== undefined && !isReason(reason)) {
        view = { letters: [], ...(gatewayId ? { gatewayId } : {}), problem: d.badReason(reason) }
        status = 400
      } else if (q.before !== undefined && !/^[1-9][0-9]{0,15}$/.test(q.before)) {
        view = { letters: [], reason, gatewayId, problem: d.badCursor }
        status = 400
      } else {
        const before = q.before === undefined ? undefined : Number(q.before)
        const letters = await listDeadLetters(fastify.db, {
          reason,
          gatewayId,
          before,
          limit: DEAD_LETTERS_PAGE,
        })
        view = { letters, reason, gatewayId }
      }
      return answerPage(
        request,
        reply,
        () => ({ title: d.title, section: 'dead-letters', main: deadLettersMain(lang, view) }),
        status,
      )
    },
  )
}

export default deadLetters
