// GET and POST /console/areas/:code/rules: the area's custom alert rules, added through createRule and
// deleted through retireRule, the calls behind POST and DELETE /api/v1/rules, so the form refuses what the
// API refuses and the evaluator picks a rule up the same way.
import { Type } from '@fastify/type-provider-typebox'
import {
  areaFacts,
  createRule,
  findRule,
  listRules,
  NotFoundError,
  RegistryError,
  retireRule,
} from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { areaNotFound } from '../area/not-found.ts'
import { checkRuleForm, RULE_FIELDS, type RuleCheck, ruleFormOf } from '../area/rule-form.ts'
import { langOf, personWith } from '../guard.ts'
import { rulesMain } from '../pages/rules.ts'
import { rulesText } from '../pages/rules-text.ts'

// Loose on purpose: a mistyped code, id or value must reach the handler and get a page with a message, not a
// bare JSON 400. A name longer than the 200 characters a rule allows still reaches validateRule's message.
const Params = Type.Object({ code: Type.String() })
const DeleteParams = Type.Object({ code: Type.String(), id: Type.String() })
const Query = Type.Object({
  added: Type.Optional(Type.String()),
  deleted: Type.Optional(Type.String()),
  cleared: Type.Optional(Type.String()),
})
const Body = Type.Object({
  ...Object.fromEntries(
    RULE_FIELDS.map((f) => [f, Type.Optional(Type.String({ maxLength: f === 'name' ? 2000 : 64 }))]),
  ),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})

/** Longer than any area code the registry accepts: no need to ask the database. */
const MAX_CODE = 64
const ROW_ID = /^[1-9]\d{0,14}$/

const rules: FastifyPluginAsync = async (fastify) => {
  const staff = personWith('officer', 'admin')

  /** The page, with a notice after a change, or the refused form or delete. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    outcome: { notice?: string; refused?: RuleCheck; problem?: string } = {},
    status = 200,
  ) {
    const [facts, custom, preset] = await Promise.all([
      areaFacts(fastify.db, code),
      listRules(fastify.db, request.actor, { zone: code, origin: 'custom' }),
      listRules(fastify.db, request.actor, { zone: code, origin: 'preset' }),
    ])
    if (!facts) return areaNotFound(request, reply, code)
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: rulesText(lang).title(code),
        section: 'areas',
        main: rulesMain(lang, {
          code,
          name: facts.area.name,
          rules: custom,
          presetRules: preset.length,
          csrfToken,
          ...outcome,
        }),
      }),
      status,
    )
  }

  fastify.get(
    '/console/areas/:code/rules',
    { schema: { hide: true, params: Params, querystring: Query }, preHandler: staff },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return areaNotFound(request, reply, code)
      const { added, deleted, cleared } = request.query as Record<string, string | undefined>
      const t = rulesText(langOf(request))
      // Only plain numbers are named back; anything else in the query is ignored.
      const notice =
        added && ROW_ID.test(added)
          ? t.created(`#${added}`)
          : deleted && ROW_ID.test(deleted)
            ? t.deleted(deleted, cleared && /^\d{1,6}$/.test(cleared) ? cleared : '0')
            : undefined
      return answer(request, reply, code, { notice })
    },
  )

  fastify.post(
    '/console/areas/:code/rules',
    { schema: { hide: true, params: Params, body: Body }, preHandler: staff, config: { audit: 'rule add' } },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return areaNotFound(request, reply, code)
      const t = rulesText(langOf(request))
      const form = ruleFormOf(request.body as Record<string, unknown>)
      const checked = checkRuleForm(t, code, form)
      if (!checked.ok) return answer(request, reply, code, { refused: checked }, 400)
      try {
        const rule = await createRule(fastify.db, request.actor, checked.body)
        const location = `/console/areas/${encodeURIComponent(code)}/rules?added=${rule.id}`
        return reply.code(303).header('location', location).send()
      } catch (err) {
        if (err instanceof NotFoundError) return areaNotFound(request, reply, code)
        if (!(err instanceof RegistryError)) throw err
        const refused = { form, errors: { form: t.refused.other(err.message) } }
        return answer(request, reply, code, { refused }, 400)
      }
    },
  )

  fastify.post(
    '/console/areas/:code/rules/:id/delete',
    {
      schema: { hide: true, params: DeleteParams },
      preHandler: staff,
      config: { audit: 'rule delete' },
    },
    async (request, reply) => {
      const { code, id } = request.params as { code: string; id: string }
      if (code.length > MAX_CODE) return areaNotFound(request, reply, code)
      const t = rulesText(langOf(request))
      const rule = ROW_ID.test(id) ? await findRule(fastify.db, request.actor, Number(id)) : null
      // Only a custom rule in force watching this area: a preset rule is changed on the thresholds page.
      if (!rule || rule.scopeZone !== code || rule.origin !== 'custom' || rule.deletedAt !== null) {
        return answer(request, reply, code, { problem: t.notFoundRule }, 404)
      }
      try {
        const retired = await retireRule(fastify.db, request.actor, rule.id)
        const location = `/console/areas/${encodeURIComponent(code)}/rules?deleted=${rule.id}&cleared=${retired.clearedAlerts}`
        return reply.code(303).header('location', location).send()
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        const status = err instanceof NotFoundError ? 404 : 409
        return answer(request, reply, code, { problem: t.notFoundRule }, status)
      }
    },
  )
}

export default rules
