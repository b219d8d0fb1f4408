// GET /workspace/lots/:lotId/recall: the confirmation, listing every lot the recall will reach, worked out
// from the lineage before anything changes; once recalled, the same address lists the lots it reached.
// POST recalls through recallLot with the session's Actor.
import { Type } from '@fastify/type-provider-typebox'
import type { Lot } from '@zonetrace/contracts'
import { type Actor, type Database, getLot, RegistryError, recallLot } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { langOf, personWith } from '../../guard.ts'
import { refusalText } from '../lots/refusals.ts'
import { recallConfirmMain, recallDoneMain, recallText } from '../pages/lot-recall.ts'
import { lotPath } from '../pages/lots.ts'
import { isLotId, lotNotFound } from './lot.ts'

const Params = Type.Object({ lotId: Type.String({ maxLength: 200 }) })
const Body = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})

/** The lot and every lot derived from it, down the lineage (the set recallLot reaches), the lot first. */
export async function derivedLots(db: Database, actor: Actor, root: Lot): Promise<Lot[]> {
  const seen = new Map<string, Lot>([[root.id, root]])
  let frontier = [root]
  while (frontier.length > 0) {
    const next: Lot[] = []
    for (const lot of frontier) {
      for (const id of lot.children) {
        if (seen.has(id)) continue
        const child = await getLot(db, actor, id)
        if (!child) continue
        seen.set(id, child)
        next.push(child)
      }
    }
    frontier = next
  }
  const [first, ...rest] = [...seen.values()]
  return [first!, ...rest.sort((a, b) => a.id.localeCompare(b.id))]
}

const lotRecall: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    typed?: { reason: string; error: string },
  ) {
    const { lotId } = request.params as { lotId: string }
    const lot = isLotId(lotId) ? await getLot(fastify.db, request.actor, lotId) : null
    if (!lot) return lotNotFound(request, reply, lotId)
    const reached = await derivedLots(fastify.db, request.actor, lot)
    const justNow = (request.query as { done?: string } | undefined)?.done === '1'
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: recallText(lang).title(lot.id),
        section: 'ws-lots',
        main:
          lot.disposition === 'recalled'
            ? recallDoneMain(lang, { lot, reached, justNow })
            : recallConfirmMain(lang, {
                lot,
                reached,
                csrfToken,
                reason: typed?.reason ?? '',
                error: typed?.error,
              }),
      }),
      typed ? 400 : 200,
    )
  }

  fastify.get(
    '/workspace/lots/:lotId/recall',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 4 })) }),
      },
      preHandler: cooperative,
    },
    (request, reply) => answer(request, reply),
  )

  fastify.post(
    '/workspace/lots/:lotId/recall',
    {
      schema: { hide: true, params: Params, body: Body },
      preHandler: cooperative,
      config: { audit: 'lot recall' },
    },
    async (request, reply) => {
      const { lotId } = request.params as { lotId: string }
      if (!isLotId(lotId)) return lotNotFound(request, reply, lotId)
      const reason = (request.body as { reason?: string }).reason ?? ''
      try {
        await recallLot(fastify.db, request.actor, lotId, reason)
        fastify.lotFacts.clear()
        return reply
          .code(303)
          .header('location', `${lotPath(lotId)}/recall?done=1`)
          .send()
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        if (err.code === 'not_found') return lotNotFound(request, reply, lotId)
        return answer(request, reply, { reason, error: refusalText(langOf(request), err.message) })
      }
    },
  )
}

export default lotRecall
