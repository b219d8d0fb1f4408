// A growing area's thresholds: its preset and its own values for single limits, and what is in force after
// both. Reading is open data like the areas themselves; writing rewrites the area's preset rules.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { SIGNED_IN_ROLES, ZoneThresholds, ZoneThresholdsBody } from '@zonetrace/contracts'
import { found, getZoneThresholds, setZoneThresholds } from '@zonetrace/db'
import { bearerAuth, described, readErrors, refusals, writeErrors, ZoneCode } from '../../schemas/common.ts'

const Params = Type.Object({ code: ZoneCode })

const thresholds: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/zones/:code/thresholds',
    {
      schema: {
        tags: ['alerts'],
        summary:
          "The growing area's limits in force: its preset with its overrides, each value with its source",
        params: Params,
        response: {
          200: described(ZoneThresholds, 'Thresholds in force'),
          ...refusals(400, 404),
          ...readErrors,
        },
      },
    },
    async (request) =>
      found(
        await getZoneThresholds(fastify.db, request.params.code),
        `growing area ${request.params.code} not found`,
      ),
  )

  fastify.put(
    '/zones/:code/thresholds',
    {
      preHandler: fastify.requireRole(...SIGNED_IN_ROLES),
      schema: {
        tags: ['alerts'],
        summary:
          "Set the area's preset and overrides (a cooperative: its own areas) and rewrite its preset rules",
        description:
          'An override names a limit of the preset by metric (and severity when the preset has several limits ' +
          'on it) and replaces its min and/or max. A limit that stays keeps its rule id; limits no longer present ' +
          'are retired and their open alerts cleared.',
        security: bearerAuth,
        params: Params,
        body: ZoneThresholdsBody,
        response: { 200: described(ZoneThresholds, 'Thresholds in force after the change'), ...writeErrors },
      },
    },
    async (request) => setZoneThresholds(fastify.db, request.actor, request.params.code, request.body),
  )
}

export default thresholds
