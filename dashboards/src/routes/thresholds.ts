// GET and POST /console/areas/:code/thresholds: the area's preset and limits with their sources, and the
// area's own value for one limit set or cleared through setZoneThresholds, the same call as PUT
// /api/v1/zones/:code/thresholds, so the preset rules the evaluator watches are rewritten the same way.
import { Type } from '@fastify/type-provider-typebox'
import { html } from '@zonetrace/api'
import { areaFacts, getZoneThresholds, NotFoundError, RegistryError, setZoneThresholds } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { checkOverride, type OverrideCheck, type OverrideForm } from '../area/override-form.ts'
import { langOf, personWith } from '../guard.ts'
import { renderPage, sendConsolePage } from '../layout.ts'
import { limitName, thresholdsMain } from '../pages/thresholds.ts'
import { thresholdsText } from '../pages/thresholds-text.ts'

// Loose on purpose: a mistyped code or value must reach the handler and get a page with a message, not a
// bare JSON 400.
const Params = Type.Object({ code: Type.String() })
const Query = Type.Object({ saved: Type.Optional(Type.String()), cleared: Type.Optional(Type.String()) })
const Body = Type.Object({
  metric: Type.Optional(Type.String({ maxLength: 64 })),
  severity: Type.Optional(Type.String({ maxLength: 16 })),
  min: Type.Optional(Type.String({ maxLength: 64 })),
  max: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 16 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
type Body = { metric?: string; severity?: string; min?: string; max?: string; action?: string }

/** Longer than any area code the registry accepts: no need to ask the database. */
const MAX_CODE = 64

const thresholds: FastifyPluginAsync = async (fastify) => {
  const staff = personWith('officer', 'admin')

  async function notFound(request: FastifyRequest, reply: FastifyReply, code: string) {
    const lang = langOf(request)
    const t = thresholdsText(lang)
    const page = renderPage({
      lang,
      title: t.notFoundTitle,
      section: 'areas',
      user: request.user,
      csrfToken: reply.csrfToken(),
      main: html`<h1>${t.notFoundTitle}</h1><p class="lead">${t.notFound(code)}</p><p><a href="/console">${t.backToAreas}</a></p>`,
    })
    return sendConsolePage(reply, page, 404)
  }

  /** The page, with a notice after a change or the refused form after a refusal. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    outcome: { notice?: string; refused?: OverrideCheck } = {},
    status = 200,
  ) {
    const [facts, current] = await Promise.all([
      areaFacts(fastify.db, code),
      getZoneThresholds(fastify.db, code),
    ])
    if (!facts || !current) return notFound(request, reply, code)
    const lang = langOf(request)
    const csrfToken = reply.csrfToken()
    const page = renderPage({
      lang,
      title: thresholdsText(lang).title(code),
      section: 'areas',
      user: request.user,
      csrfToken,
      main: thresholdsMain(lang, { code, name: facts.area.name, thresholds: current, csrfToken, ...outcome }),
    })
    return sendConsolePage(reply, page, status)
  }

  fastify.get(
    '/console/areas/:code/thresholds',
    { schema: { hide: true, params: Params, querystring: Query }, preHandler: staff },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return notFound(request, reply, code)
      const { saved, cleared } = request.query as { saved?: string; cleared?: string }
      const lang = langOf(request)
      const t = thresholdsText(lang)
      // Only a plain metric:severity is named back (and escaped); anything else in the query is ignored.
      const named = (which: string | undefined) => {
        const [metric, severity] = (which ?? '').split(':')
        return metric && severity && /^[a-z_]+$/.test(metric) && /^[a-z]+$/.test(severity)
          ? limitName(lang, metric, severity)
          : null
      }
      const notice = named(saved)
        ? t.saved(named(saved)!)
        : named(cleared)
          ? t.cleared(named(cleared)!)
          : undefined
      return answer(request, reply, code, { notice })
    },
  )

  fastify.post(
    '/console/areas/:code/thresholds',
    {
      schema: { hide: true, params: Params, body: Body },
      preHandler: staff,
      config: { audit: 'thresholds set' },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return notFound(request, reply, code)
      const body = request.body as Body
      const form: OverrideForm = {
        metric: body.metric ?? '',
        severity: body.severity ?? '',
        min: body.min ?? '',
        max: body.max ?? '',
      }
      const lang = langOf(request)
      const t = thresholdsText(lang)
      const current = await getZoneThresholds(fastify.db, code)
      if (!current) return notFound(request, reply, code)
      const clearing = body.action === 'clear' || (form.min.trim() === '' && form.max.trim() === '')
      const others = current.overrides.filter((o) => o.metric !== form.metric || o.severity !== form.severity)
      let own: { min: number | null; max: number | null } | null = null
      if (clearing) {
        if (others.length === current.overrides.length) {
          const known = current.limits.some((l) => l.metric === form.metric && l.severity === form.severity)
          return answer(
            request,
            reply,
            code,
            { refused: { form, errors: { limit: known ? t.noValues : t.unknownLimit } } },
            400,
          )
        }
      } else {
        const checked = checkOverride(lang, t, current, form)
        if (!checked.ok) return answer(request, reply, code, { refused: checked }, 400)
        own = { min: checked.min, max: checked.max }
      }
      // PUT semantics: the list replaces the stored overrides, so the others are sent back unchanged.
      // Two people saving at once can race here (last one wins, as with two PUTs).
      const overrides = [
        ...others,
        ...(own ? [{ metric: form.metric, severity: form.severity, ...own }] : []),
      ].map((o) => ({
        metric: o.metric,
        severity: o.severity,
        ...(o.min === null ? {} : { min: o.min }),
        ...(o.max === null ? {} : { max: o.max }),
      }))
      try {
        await setZoneThresholds(fastify.db, request.actor, code, {
          preset: current.preset?.id ?? null,
          overrides,
        })
      } catch (err) {
        if (err instanceof NotFoundError) return notFound(request, reply, code)
        if (!(err instanceof RegistryError)) throw err
        return answer(request, reply, code, { refused: { form, errors: { limit: err.message } } }, 400)
      }
      const which = `${form.metric}:${form.severity}`
      const location = `/console/areas/${encodeURIComponent(code)}/thresholds?${own ? 'saved' : 'cleared'}=${encodeURIComponent(which)}`
      return reply.code(303).header('location', location).send()
    },
  )
}

export default thresholds
