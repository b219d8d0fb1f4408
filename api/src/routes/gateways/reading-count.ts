// How many readings the platform stored for one gateway in a time window, flagged ones included: the number
// an outside check compares with what the gateway sent, which the series (good readings only, bucketed)
// cannot give. Officers and admins only: it reads across every zone.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { GatewayReadingCount, IMPLAUSIBLE_INSTANT, isPlausibleInstant } from '@zonetrace/contracts'
import { countGatewayReadings, DAY_MS, found } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { bearerAuth, errors, Id } from '../../schemas/common.ts'

/** A window this long is already a year of every channel; a longer count is several requests. */
const MAX_WINDOW_DAYS = 366

const Query = Type.Object({
  from: Type.String({ format: 'date-time', description: 'Start, inclusive (ISO 8601 with offset)' }),
  to: Type.String({
    format: 'date-time',
    description: `End, exclusive (ISO 8601 with offset); at most ${MAX_WINDOW_DAYS} days after from`,
  }),
})

const readingCount: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/gateways/:gatewayId/readings/count',
    {
      preHandler: fastify.requireRole('officer', 'admin'),
      schema: {
        tags: ['readings'],
        summary: 'Readings stored for a gateway in a time window, flagged ones included (officer or admin)',
        description:
          'Counts every reading of the channels provisioned on the gateway with from <= time < to, by the ' +
          "reading's own time, whatever its quality flag, so it can be compared with what the gateway sent.",
        security: bearerAuth,
        params: Type.Object({ gatewayId: Id('Gateway id') }),
        querystring: Query,
        response: {
          200: GatewayReadingCount,
          400: errors[400],
          401: errors[401],
          403: errors[403],
          404: errors[404],
          500: errors[500],
        },
      },
    },
    async (request) => {
      const { gatewayId } = request.params
      const window = countWindow(request.query.from, request.query.to)
      return found(
        await countGatewayReadings(fastify.dbFor('lists'), gatewayId, window),
        `gateway "${gatewayId}" not found`,
      )
    },
  )
}

/** Checked before any query runs, so a bad window is a 400 that says what is wrong. */
function countWindow(fromText: string, toText: string): { from: Date; to: Date } {
  const from = instant('from', fromText)
  const to = instant('to', toText)
  if (from.getTime() >= to.getTime()) {
    throw new HttpError(400, `from (${from.toISOString()}) must be before to (${to.toISOString()})`)
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new HttpError(400, `the window from..to may span at most ${MAX_WINDOW_DAYS} days; split the count`)
  }
  return { from, to }
}

function instant(name: string, text: string): Date {
  const date = new Date(text)
  // The date-time format admits a leap second (23:59:60), which Date cannot hold.
  if (Number.isNaN(date.getTime()))
    throw new HttpError(400, `${name} "${text}" is not a time this server can represent`)
  if (!isPlausibleInstant(date.getTime())) throw new HttpError(400, `${name} ${IMPLAUSIBLE_INSTANT}`)
  return date
}

export default readingCount
