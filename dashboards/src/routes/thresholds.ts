// GET and POST /console/areas/:code/thresholds: the area's preset and limits with their sources, and the
// area's own value for one limit set or cleared through setZoneThresholds, the same call as PUT
// /api/v1/zones/:code/thresholds, so the preset rules the evaluator watches are rewritten the same way.
import { Type } from '@fastify/type-provider-typebox'
import { isPresetId } from '@zonetrace/contracts'
import {
  areaFacts,
  getZoneThresholds,
  NotFoundError,
  RegistryError,
  resolveOverrides,
  setZoneThresholds,
} from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { areaNotFound } from '../area/not-found.ts'
import { checkOverride, type OverrideCheck, type OverrideForm } from '../area/override-form.ts'
import { langOf, personWith } from '../guard.ts'
import { NO_PRESET, type PresetChoice } from '../pages/preset-form.ts'
import { limitName, thresholdsMain } from '../pages/thresholds.ts'
import { thresholdsText } from '../pages/thresholds-text.ts'

// Loose on purpose: a mistyped code or value must reach the handler and get a page with a message, not a
// bare JSON 400.
const Params = Type.Object({ code: Type.String() })
const Query = Type.Object({
  saved: Type.Optional(Type.String()),
  cleared: Type.Optional(Type.String()),
  preset: Type.Optional(Type.String()),
  dropped: Type.Optional(Type.String()),
})
const PresetBody = Type.Object({
  preset: Type.Optional(Type.String({ maxLength: 64 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
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

  /** The page, with a notice after a change or the refused form after a refusal. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    outcome: { notice?: string; refused?: OverrideCheck; presetRefused?: PresetChoice['refused'] } = {},
    status = 200,
  ) {
    const [facts, current] = await Promise.all([
      areaFacts(fastify.db, code),
      getZoneThresholds(fastify.db, code),
    ])
    if (!facts || !current) return areaNotFound(request, reply, code)
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: thresholdsText(lang).title(code),
        section: 'areas',
        main: thresholdsMain(lang, {
          code,
          name: facts.area.name,
          thresholds: current,
          csrfToken,
          ...outcome,
        }),
      }),
      status,
    )
  }

  fastify.get(
    '/console/areas/:code/thresholds',
    { schema: { hide: true, params: Params, querystring: Query }, preHandler: staff },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return areaNotFound(request, reply, code)
      const { saved, cleared, preset, dropped } = request.query as Record<string, string | undefined>
      const lang = langOf(request)
      const t = thresholdsText(lang)
      if (preset === 'changed') {
        // Names the preset the area follows now, as read on this request, never text from the query.
        const current = await getZoneThresholds(fastify.db, code)
        const label = current?.preset?.label[lang]
        const count = dropped && /^[1-9]\d{0,2}$/.test(dropped) ? Number(dropped) : 0
        const notice = `${label ? t.presetChanged(label) : t.presetRemoved}${count > 0 ? t.dropped(count) : ''}`
        return answer(request, reply, code, { notice })
      }
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
      if (code.length > MAX_CODE) return areaNotFound(request, reply, code)
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
      if (!current) return areaNotFound(request, reply, code)
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
        if (err instanceof NotFoundError) return areaNotFound(request, reply, code)
        if (!(err instanceof RegistryError)) throw err
        return answer(request, reply, code, { refused: { form, errors: { limit: err.message } } }, 400)
      }
      const which = `${form.metric}:${form.severity}`
      const location = `/console/areas/${encodeURIComponent(code)}/thresholds?${own ? 'saved' : 'cleared'}=${encodeURIComponent(which)}`
      return reply.code(303).header('location', location).send()
    },
  )

  fastify.post(
    '/console/areas/:code/thresholds/preset',
    {
      schema: { hide: true, params: Params, body: PresetBody },
      preHandler: staff,
      config: { audit: 'thresholds preset set' },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return areaNotFound(request, reply, code)
      const chosen = (request.body as { preset?: string }).preset ?? ''
      const current = await getZoneThresholds(fastify.db, code)
      if (!current) return areaNotFound(request, reply, code)
      if (chosen !== NO_PRESET && !isPresetId(chosen)) {
        const error = thresholdsText(langOf(request)).unknownPreset
        return answer(request, reply, code, { presetRefused: { preset: chosen, error } }, 400)
      }
      const preset = chosen === NO_PRESET ? null : chosen
      // The area's own values are kept where the new preset has the same limit and they still make sense
      // there (the repository's own rule, resolveOverrides); the others go, and the notice says how many.
      const kept = current.overrides
        .map((o) => ({
          metric: o.metric,
          severity: o.severity,
          ...(o.min === null ? {} : { min: o.min }),
          ...(o.max === null ? {} : { max: o.max }),
        }))
        .filter((o) => preset !== null && resolveOverrides(preset, [o]).ok)
      try {
        await setZoneThresholds(fastify.db, request.actor, code, { preset, overrides: kept })
      } catch (err) {
        if (err instanceof NotFoundError) return areaNotFound(request, reply, code)
        if (!(err instanceof RegistryError)) throw err
        return answer(request, reply, code, { presetRefused: { preset: chosen, error: err.message } }, 400)
      }
      const dropped = current.overrides.length - kept.length
      const location = `/console/areas/${encodeURIComponent(code)}/thresholds?preset=changed${dropped > 0 ? `&dropped=${dropped}` : ''}`
      return reply.code(303).header('location', location).send()
    },
  )
}

export default thresholds
