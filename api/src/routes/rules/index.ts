// Alert rules: officers and admins write them; cooperatives read those watching their own growing areas.
// Preset rules come from the zone thresholds (routes/zones/thresholds.ts) and are changed there.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { IdParams, Rule, RuleBody, RuleQuery, SIGNED_IN_ROLES, STAFF_ROLES } from '@zonetrace/contracts'
import { createRule, getRule, listRules, retireRule } from '@zonetrace/db'
import { authedErrors, bearerAuth, described, refusals, writeErrors } from '../../schemas/common.ts'

const readRefusals = refusals(400, 401, 403, 500)

const rules: FastifyPluginAsyncTypebox = async (fastify) => {
  const writers = fastify.requireRole(...STAFF_ROLES)
  const readers = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.post(
    '/rules',
    {
      preHandler: writers,
      schema: {
        tags: ['alerts'],
        summary: 'Create an alert rule (threshold, rate or offline) for a growing area, gateway or sensor',
        description:
          'Every problem with the rule is listed in the 400 message. An unknown zone, gateway or sensor is a 404.',
        security: bearerAuth,
        body: RuleBody,
        response: { 201: described(Rule, 'The rule as stored'), ...writeErrors },
      },
    },
    async (request, reply) => {
      // The schema checks JSON types only; validateRule checks the values (severity, kind, …) and words the 400.
      const rule = await createRule(fastify.db, request.actor, request.body)
      return reply.code(201).send(rule)
    },
  )

  fastify.get(
    '/rules',
    {
      preHandler: readers,
      schema: {
        tags: ['alerts'],
        summary: 'Rules in force, oldest first; a cooperative sees those watching its own growing areas',
        security: bearerAuth,
        querystring: RuleQuery,
        response: {
          200: Type.Object({ rules: Type.Array(Rule) }, { description: 'Rules in force' }),
          ...readRefusals,
        },
      },
    },
    async (request) => ({ rules: await listRules(fastify.db, request.actor, request.query) }),
  )

  fastify.get(
    '/rules/:id',
    {
      preHandler: readers,
      schema: {
        tags: ['alerts'],
        summary: 'One rule, retired ones included (their alerts still point at them)',
        security: bearerAuth,
        params: IdParams,
        response: { 200: described(Rule, 'The rule'), ...authedErrors },
      },
    },
    async (request) => getRule(fastify.db, request.actor, request.params.id),
  )

  fastify.delete(
    '/rules/:id',
    {
      preHandler: writers,
      schema: {
        tags: ['alerts'],
        summary: 'Retire a custom rule; its open alerts are cleared with the note "rule deleted"',
        description: 'A preset rule answers 409: change it through PUT /api/v1/zones/{code}/thresholds.',
        security: bearerAuth,
        params: IdParams,
        response: {
          200: Type.Object(
            {
              rule: Rule,
              clearedAlerts: Type.Integer({ description: 'Open alerts of the rule cleared with it' }),
            },
            { description: 'The retired rule' },
          ),
          ...writeErrors,
        },
      },
    },
    async (request) => retireRule(fastify.db, request.actor, request.params.id),
  )
}

export default rules
