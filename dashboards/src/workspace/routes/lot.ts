// GET /workspace/lots/:lotId and its forms: POST …/events (addLotEvent), …/split (splitLot) and …/merge
// (mergeLots), each with the session's Actor, so the page refuses what the API refuses, in Vietnamese.
// A lot of another cooperative answers 404 like a missing one, for reads and writes alike.
import { Type } from '@fastify/type-provider-typebox'
import { html } from '@zonetrace/api'
import { LotId } from '@zonetrace/contracts'
import {
  addLotEvent,
  type LotEventInput,
  mergeLots,
  NotFoundError,
  RegistryError,
  splitLot,
} from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import Value from 'typebox/value'
import { answerPage } from '../../answer.ts'
import { langOf, personWith } from '../../guard.ts'
import { quantityOf, suggestLotId } from '../lots/lot-form.ts'
import { loadLotView } from '../lots/lot-view.ts'
import { refusalText } from '../lots/refusals.ts'
import { fromVietnamLocal } from '../lots/vietnam-time.ts'
import { lotMain, type TimelineOrder } from '../pages/lot.ts'
import { EVENT_STEPS, type LotFormName, type LotRefusal } from '../pages/lot-forms.ts'
import { lotText } from '../pages/lot-text.ts'
import { lotPath } from '../pages/lots.ts'
import { lotsText } from '../pages/lots-text.ts'

const Params = Type.Object({ lotId: Type.String({ maxLength: 200 }) })
const Query = Type.Object({
  order: Type.Optional(Type.String({ maxLength: 10 })),
  created: Type.Optional(Type.String({ maxLength: 10 })),
  event: Type.Optional(Type.String({ maxLength: 10 })),
  split: Type.Optional(Type.String({ maxLength: 500 })),
  merged: Type.Optional(Type.String({ maxLength: 40 })),
})
const Body = Type.Record(
  Type.String(),
  Type.Union([
    Type.String({ maxLength: 2000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 60 }),
  ]),
)

/** A lot number that could exist: anything else is not looked up. */
export const isLotId = (id: string) => Value.Check(LotId, id)

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' ? [v] : [])

export function lotNotFound(request: FastifyRequest, reply: FastifyReply, lotId: string) {
  return answerPage(
    request,
    reply,
    (lang) => {
      const t = lotsText(lang)
      return {
        title: t.notFoundTitle,
        section: 'ws-lots',
        main: html`<h1>${t.notFoundTitle}</h1><p class="lead">${t.notFound(lotId)}</p><p><a href="/workspace/lots">${t.backToLots}</a></p>`,
      }
    },
    404,
  )
}

const lot: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    lotId: string,
    outcome: { notice?: string; refused?: LotRefusal; order?: TimelineOrder } = {},
    status = 200,
  ) {
    const view = isLotId(lotId) ? await loadLotView(fastify, request, lotId) : null
    if (!view) return lotNotFound(request, reply, lotId)
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: lotText(lang).title(view.lot.id),
        section: 'ws-lots',
        main: lotMain(lang, {
          ...view,
          csrfToken,
          order: outcome.order ?? 'newest',
          suggestedId: suggestLotId(),
          notice: outcome.notice,
          refused: outcome.refused,
        }),
      }),
      status,
    )
  }

  /** Runs a write; a refusal re-renders the page with the form open and its reason (404 for a foreign lot). */
  async function write(
    request: FastifyRequest,
    reply: FastifyReply,
    form: LotFormName,
    run: () => Promise<string>,
  ) {
    const { lotId } = request.params as { lotId: string }
    if (!isLotId(lotId)) return lotNotFound(request, reply, lotId)
    const lang = langOf(request)
    const typed = request.body as Record<string, unknown>
    try {
      const location = await run()
      fastify.lotFacts.clear()
      return reply.code(303).header('location', location).send()
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err
      const status = err instanceof NotFoundError ? 404 : 400
      return answer(
        request,
        reply,
        lotId,
        { refused: { form, message: refusalText(lang, err.message), typed } },
        status,
      )
    }
  }

  /** A refusal the form itself can say, before the repository is asked. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, form: LotFormName, message: string) =>
    answer(
      request,
      reply,
      (request.params as { lotId: string }).lotId,
      { refused: { form, message, typed: request.body as Record<string, unknown> } },
      400,
    )

  fastify.get(
    '/workspace/lots/:lotId',
    { schema: { hide: true, params: Params, querystring: Query }, preHandler: cooperative },
    async (request, reply) => {
      const { lotId } = request.params as { lotId: string }
      const q = request.query as Record<string, string | undefined>
      const t = lotText(langOf(request))
      const notice = q.created
        ? lotsText(langOf(request)).created(lotId)
        : q.event
          ? t.eventAdded
          : q.split?.split(', ').every(isLotId)
            ? t.splitDone(q.split)
            : q.merged && isLotId(q.merged)
              ? t.mergeDone(q.merged)
              : undefined
      const order = q.order === 'oldest' ? 'oldest' : 'newest'
      return answer(request, reply, lotId, { notice, order })
    },
  )

  /** The lot page's forms (event, split, merge): a cooperative's POST, audited under its own name. */
  const lotForm = (
    action: string,
    audit: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
  ) =>
    fastify.post(
      `/workspace/lots/:lotId/${action}`,
      { schema: { hide: true, params: Params, body: Body }, preHandler: cooperative, config: { audit } },
      handler,
    )

  lotForm('events', 'lot event', async (request, reply) => {
    const lang = langOf(request)
    const body = request.body as Record<string, unknown>
    const step = str(body.bizStep)
    if (!(EVENT_STEPS as readonly string[]).includes(step))
      return refuse(request, reply, 'event', lotText(lang).unknownStep)
    const typedTime = str(body.time).trim()
    const time = typedTime === '' ? new Date() : fromVietnamLocal(typedTime)
    if (!time) return refuse(request, reply, 'event', lotsText(lang).badTime)
    const place = str(body.place).trim()
    const note = str(body.note).trim()
    const input: LotEventInput = {
      bizStep: step as LotEventInput['bizStep'],
      time,
      timeZoneOffset: '+07:00',
      place: place || null,
      note: note || null,
    }
    return write(request, reply, 'event', async () => {
      const { lotId } = request.params as { lotId: string }
      await addLotEvent(fastify.db, request.actor, lotId, input)
      return `${lotPath(lotId)}?event=1`
    })
  })

  lotForm('split', 'lot split', async (request, reply) => {
    const lang = langOf(request)
    const body = request.body as Record<string, unknown>
    const ids = arr(body.partId)
    const quantities = arr(body.partQuantity)
    const parts: { id: string; quantity: number }[] = []
    for (let i = 0; i < Math.max(ids.length, quantities.length); i++) {
      const id = (ids[i] ?? '').trim()
      const typed = (quantities[i] ?? '').trim()
      if (id === '' && typed === '') continue
      const quantity = quantityOf(typed)
      if (id === '' || quantity === null) return refuse(request, reply, 'split', lotText(lang).noParts)
      parts.push({ id, quantity })
    }
    if (parts.length < 2) return refuse(request, reply, 'split', lotText(lang).noParts)
    return write(request, reply, 'split', async () => {
      const { lotId } = request.params as { lotId: string }
      const made = await splitLot(fastify.db, request.actor, lotId, { parts })
      return `${lotPath(lotId)}?split=${encodeURIComponent(made.join(', '))}`
    })
  })

  lotForm('merge', 'lot merge', async (request, reply) => {
    const lang = langOf(request)
    const body = request.body as Record<string, unknown>
    const others = arr(body.inputs).filter((id) => id !== '')
    if (others.length === 0) return refuse(request, reply, 'merge', lotText(lang).pickLots)
    return write(request, reply, 'merge', async () => {
      const { lotId } = request.params as { lotId: string }
      const id = await mergeLots(fastify.db, request.actor, {
        id: str(body.id).trim(),
        inputs: [lotId, ...others],
      })
      return `${lotPath(id)}?merged=${encodeURIComponent(id)}`
    })
  })
}

export default lot
