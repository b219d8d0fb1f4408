// GET /workspace/lots and GET/POST /workspace/lots/new: the cooperative's lots, and creating one through
// createLot with the session's Actor, so the form refuses exactly what POST /api/v1/lots refuses. The lot's
// own page, its recall and its labels are registered from here too.
import { Type } from '@fastify/type-provider-typebox'
import { createLot, listLots, listProducts, listZones, NotFoundError, RegistryError } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { langOf, personWith } from '../../guard.ts'
import { blankLotForm, checkLotForm, fieldOfRefusal, type LotCheck, lotFormOf } from '../lots/lot-form.ts'
import { refusalText } from '../lots/refusals.ts'
import { lotPath, lotsMain, newLotMain } from '../pages/lots.ts'
import { lotsText } from '../pages/lots-text.ts'
import lot from './lot.ts'
import lotLabels from './lot-labels.ts'
import lotRecall from './lot-recall.ts'

// Loose on purpose: whatever is typed reaches the handler and comes back beside its field, never a bare 400.
const Body = Type.Record(
  Type.String(),
  Type.Union([
    Type.String({ maxLength: 2000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 60 }),
  ]),
)

const lots: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')

  async function newLotPage(
    request: FastifyRequest,
    reply: FastifyReply,
    refused?: Extract<LotCheck, { ok: false }>,
    status = 200,
  ) {
    const actor = request.actor
    const [products, zones] = await Promise.all([listProducts(fastify.db, actor), listZones(fastify.db)])
    const areas = zones.filter((z) => z.cooperativeId === actor.cooperativeId)
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: lotsText(lang).newTitle,
        section: 'ws-lots',
        main: newLotMain(lang, {
          form: refused?.form ?? blankLotForm(),
          errors: refused?.errors ?? {},
          products,
          areas,
          csrfToken,
        }),
      }),
      status,
    )
  }

  fastify.get(
    '/workspace/lots',
    { schema: { hide: true }, preHandler: cooperative },
    async (request, reply) => {
      const [all, products] = await Promise.all([
        listLots(fastify.db, request.actor),
        listProducts(fastify.db, request.actor),
      ])
      // Newest first by creation: a lot made today tops the list even when its harvest was last week.
      const sorted = [...all].sort(
        (a, b) => b.createdAt.localeCompare(a.createdAt) || b.harvestedTo.localeCompare(a.harvestedTo),
      )
      return answerPage(request, reply, (lang) => ({
        title: lotsText(lang).title,
        section: 'ws-lots',
        main: lotsMain(lang, sorted, products),
      }))
    },
  )

  fastify.get('/workspace/lots/new', { schema: { hide: true }, preHandler: cooperative }, (request, reply) =>
    newLotPage(request, reply),
  )

  fastify.post(
    '/workspace/lots/new',
    { schema: { hide: true, body: Body }, preHandler: cooperative, config: { audit: 'lot create' } },
    async (request, reply) => {
      const lang = langOf(request)
      const form = lotFormOf(request.body as Record<string, unknown>)
      const checked = checkLotForm(lang, form)
      if (!checked.ok) return newLotPage(request, reply, checked, 400)
      try {
        const created = await createLot(fastify.db, request.actor, checked.input)
        fastify.lotFacts.clear()
        return reply
          .code(303)
          .header('location', `${lotPath(created.id)}?created=1`)
          .send()
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        // A product of another cooperative answers like a missing one: the same "choose a product".
        const field = err instanceof NotFoundError ? 'productId' : fieldOfRefusal(err.message)
        const message =
          err instanceof NotFoundError ? lotsText(lang).pickProduct : refusalText(lang, err.message)
        return newLotPage(request, reply, { ok: false, form, errors: { [field]: message } }, 400)
      }
    },
  )

  await fastify.register(lot)
  await fastify.register(lotRecall)
  await fastify.register(lotLabels)
}

export default lots
