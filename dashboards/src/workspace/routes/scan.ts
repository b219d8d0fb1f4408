// GET and POST /workspace/scan: record that a lot was received, shipped or inspected by its label. The form
// works without script (the server verifies the label, records through addLotEvent as the API does, and
// answers 303 with a confirmation); the label-scan island upgrades it with the camera and an offline queue.
import { Type } from '@fastify/type-provider-typebox'
import { RegistryError, recentScans, recordLotEvent, SCAN_BIZ_STEPS, type ScanBizStep } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { personWith } from '../../guard.ts'
import { scanMain } from '../pages/scan.ts'
import { type ScanProblem, scanText } from '../pages/scan-text.ts'
import { lotOfLabel } from '../scan-label.ts'

// Loose on purpose: whatever is typed reaches the handler and gets a page with a message, not a bare 400.
const Query = Type.Object({
  step: Type.Optional(Type.String({ maxLength: 32 })),
  recorded: Type.Optional(Type.String({ maxLength: 64 })),
})
const Body = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  eventId: Type.Optional(Type.String({ maxLength: 64 })),
  bizStep: Type.Optional(Type.String({ maxLength: 32 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function stepOf(value: unknown): ScanBizStep | null {
  return (SCAN_BIZ_STEPS as readonly unknown[]).includes(value) ? (value as ScanBizStep) : null
}

const scan: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { step: ScanBizStep; code?: string; problem?: ScanProblem; recordedId?: string },
    status = 200,
  ) {
    const recent = await recentScans(fastify.db, request.actor)
    const recorded = opts.recordedId ? recent.find((s) => s.id === opts.recordedId) : undefined
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: scanText(lang).title,
        section: 'ws-scan',
        islands: ['label-scan'],
        main: scanMain({ lang, csrfToken, recent, recorded, ...opts }),
      }),
      status,
    )
  }

  fastify.get(
    '/workspace/scan',
    { schema: { hide: true, querystring: Query }, preHandler: cooperative },
    async (request, reply) => {
      const { step, recorded } = request.query as { step?: string; recorded?: string }
      return page(request, reply, { step: stepOf(step) ?? 'receiving', recordedId: recorded })
    },
  )

  fastify.post(
    '/workspace/scan',
    { schema: { hide: true, body: Body }, preHandler: cooperative },
    async (request, reply) => {
      const {
        code = '',
        bizStep,
        eventId,
      } = request.body as { code?: string; bizStep?: string; eventId?: string }
      const step = stepOf(bizStep)
      if (!step) return page(request, reply, { step: 'receiving', code, problem: 'step' }, 400)
      const found = await lotOfLabel(fastify, code)
      if ('problem' in found) return page(request, reply, { step, code, problem: found.problem }, 400)
      try {
        // The form's own event id: a double tap or a resent form stores the event once.
        const id = eventId && UUID.test(eventId) ? eventId : undefined
        const { event } = await recordLotEvent(fastify.db, request.actor, found.lotId, {
          id,
          bizStep: step,
          time: new Date(),
        })
        // The consumer page of this lot shows its timeline: it must not be served from before this event.
        fastify.lotFacts.clear()
        return reply.code(303).header('location', `/workspace/scan?step=${step}&recorded=${event.id}`).send()
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        // The same form sent again (a double tap, a back-and-resend) carries its first time no longer: it was
        // recorded the first time, and that is what the person is shown.
        if (err.reason === 'event_id_reused' && eventId) {
          return reply.code(303).header('location', `/workspace/scan?step=${step}&recorded=${eventId}`).send()
        }
        // A foreign lot answers like a missing one (ADR 0007): the label is genuine but not this cooperative's.
        const problem: ScanProblem =
          err.code === 'not_found'
            ? 'unknown_lot'
            : err.reason === 'lot_recalled'
              ? 'recalled'
              : err.reason === 'lot_consumed'
                ? 'consumed'
                : 'refused'
        return page(request, reply, { step, code, problem }, 400)
      }
    },
  )
}

export default scan
