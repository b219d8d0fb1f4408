// GET /workspace/lots/:lotId/labels: issue labels for the lot and find every batch again; POST issues a
// batch through issueLabels, the call behind POST /api/v1/lots/{lotId}/labels, with the session's Actor, so
// its limits (count, layout, a recalled lot, a link too long to print) are refused here as there.
import { Type } from '@fastify/type-provider-typebox'
import { issueLabels } from '@zonetrace/api'
import { MAX_LABELS_PER_REQUEST } from '@zonetrace/contracts'
import { getLot, listLabelBatches, RegistryError } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { langOf, personWith } from '../../guard.ts'
import { revokedKids } from '../lots/lot-view.ts'
import { refusalText } from '../lots/refusals.ts'
import { type LotLabelsView, lotLabelsMain } from '../pages/lot-labels.ts'
import { lotLabelsText } from '../pages/lot-labels-text.ts'
import { lotPath } from '../pages/lots.ts'
import { isLotId, lotNotFound } from './lot.ts'

const Params = Type.Object({ lotId: Type.String({ maxLength: 200 }) })
const Query = Type.Object({ issued: Type.Optional(Type.String({ maxLength: 10 })) })
const Body = Type.Object({
  count: Type.Optional(Type.String({ maxLength: 40 })),
  layout: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})

const lotLabels: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: Pick<LotLabelsView, 'notice' | 'typed' | 'error'> = {},
    status = 200,
  ) {
    const { lotId } = request.params as { lotId: string }
    const lot = isLotId(lotId) ? await getLot(fastify.db, request.actor, lotId) : null
    if (!lot) return lotNotFound(request, reply, lotId)
    const [batches, revoked] = await Promise.all([
      listLabelBatches(fastify.db, request.actor, lot.id),
      revokedKids(fastify),
    ])
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: lotLabelsText(lang).title(lot.id),
        section: 'ws-lots',
        main: lotLabelsMain(lang, { lot, batches, revoked, csrfToken, ...outcome }),
        islands: ['label-issue'],
      }),
      status,
    )
  }

  fastify.get(
    '/workspace/lots/:lotId/labels',
    { schema: { hide: true, params: Params, querystring: Query }, preHandler: cooperative },
    async (request, reply) => {
      const issued = (request.query as { issued?: string }).issued
      const notice =
        issued && /^\d{1,5}$/.test(issued) ? lotLabelsText(langOf(request)).issued(Number(issued)) : undefined
      return answer(request, reply, { notice })
    },
  )

  fastify.post(
    '/workspace/lots/:lotId/labels',
    {
      schema: { hide: true, params: Params, body: Body },
      preHandler: cooperative,
      config: { audit: 'labels issue' },
    },
    async (request, reply) => {
      const { lotId } = request.params as { lotId: string }
      if (!isLotId(lotId)) return lotNotFound(request, reply, lotId)
      const lang = langOf(request)
      const k = lotLabelsText(lang)
      const body = request.body as { count?: string; layout?: string }
      const typed = { count: body.count ?? '', layout: body.layout ?? '' }
      // Only "is it a number" is the form's to say; the range is issueLabels' (its refusal comes back below).
      const count = /^\s*\d{1,9}\s*$/.test(typed.count) ? Number(typed.count) : Number.NaN
      if (Number.isNaN(count)) {
        return answer(
          request,
          reply,
          { typed, error: { field: 'count', message: k.badCount(MAX_LABELS_PER_REQUEST) } },
          400,
        )
      }
      try {
        const batch = await issueLabels(fastify.db, fastify.labelKeys, request.actor, {
          lotId,
          count,
          baseUrl: fastify.config.publicBaseUrl,
          ...(typed.layout ? { layout: typed.layout } : {}),
        })
        // A lot's first labels make its facts public (LotFacts.published): the scan cache must see them.
        fastify.lotFacts.clear()
        request.log.info(
          { lot: batch.lotId, batch: batch.batchId, count },
          'labels issued from the workspace',
        )
        return reply
          .code(303)
          .header('location', `${lotPath(lotId)}/labels?issued=${count}`)
          .send()
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        if (err.code === 'not_found') return lotNotFound(request, reply, lotId)
        const field = /layout/.test(err.message) ? 'layout' : /count/.test(err.message) ? 'count' : 'form'
        return answer(
          request,
          reply,
          { typed, error: { field, message: refusalText(lang, err.message) } },
          400,
        )
      }
    },
  )
}

export default lotLabels
