// GET /api/v1/zones/{code}/compliance: the daily compliance report of one growing area, as the compliance
// job stored it. Open data, like the areas themselves: the consumer page and officers read the same figures.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { ComplianceQuery, ComplianceReport } from '@zonetrace/contracts'
import { DAY_MS, found, listCompliance, vietnamDate, vietnamDayStartOf, zoneLimits } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { refusals, ZoneCode } from '../../schemas/common.ts'

const MAX_DAYS = 366
const DEFAULT_DAYS = 30

const compliance: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/zones/:code/compliance',
    {
      schema: {
        tags: ['registry'],
        summary: 'Daily compliance of a growing area: share of readings within its limits, per metric',
        params: Type.Object({ code: ZoneCode }),
        querystring: ComplianceQuery,
        response: { 200: ComplianceReport, ...refusals(400, 401, 404, 500) },
      },
    },
    async (request) => {
      const { code } = request.params
      const { from, to } = dayRange(request.query, Date.now())
      found(await zoneLimits(fastify.dbFor('lists'), code), `growing area ${code} not found`)
      return { zone: code, from, to, days: await listCompliance(fastify.dbFor('lists'), code, from, to) }
    },
  )
}

function dayRange(q: ComplianceQuery, now: number): { from: string; to: string } {
  const toStart = q.to === undefined ? vietnamDayStartOf(vietnamDate(now - DAY_MS))! : parseDay('to', q.to)
  const fromStart = q.from === undefined ? toStart - (DEFAULT_DAYS - 1) * DAY_MS : parseDay('from', q.from)
  if (fromStart > toStart)
    throw new HttpError(400, `from (${q.from}) must not be after to (${vietnamDate(toStart)})`)
  const days = (toStart - fromStart) / DAY_MS + 1
  if (days > MAX_DAYS)
    throw new HttpError(400, `the range covers ${days} days; at most ${MAX_DAYS} are allowed`)
  return { from: vietnamDate(fromStart), to: vietnamDate(toStart) }
}

function parseDay(name: string, text: string): number {
  const start = vietnamDayStartOf(text)
  if (start === null) throw new HttpError(400, `${name} "${text}" is not a calendar date written YYYY-MM-DD`)
  return start
}

export default compliance
