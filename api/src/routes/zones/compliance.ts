// GET /api/v1/zones/{code}/compliance: the daily compliance report of one growing area, as the compliance
// job stored it. Open data, like the areas themselves: the consumer page and officers read the same figures.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { isMetric, METRICS } from '@zonetrace/contracts'
import {
  type ComplianceDay,
  DAY_MS,
  found,
  listCompliance,
  vietnamDate,
  vietnamDayStartOf,
  zoneLimits,
} from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { refusals, ZoneCode } from '../../schemas/common.ts'

const MAX_DAYS = 366
const DEFAULT_DAYS = 30

const Day = (description: string) =>
  Type.Optional(Type.String({ maxLength: 32, description, examples: ['2025-06-01'] }))

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

const MetricDay = Type.Object({
  metric: Type.String(),
  unit: Nullable(Type.String()),
  readings: Type.Integer({ description: 'Good readings (quality 0) of the area that day' }),
  within: Type.Integer({ description: 'Readings within the limits, bounds included' }),
  share: Nullable(Type.Number({ description: 'within / readings; null without readings or limits' })),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  limits: Nullable(
    Type.Object(
      { min: Nullable(Type.Number()), max: Nullable(Type.Number()) },
      { description: "The band used: the area's preset with its overrides, inside every tier" },
    ),
  ),
  alerts: Type.Integer({ description: 'Alerts on this metric opened that day in the area' }),
})

const Report = Type.Object({
  zone: Type.String(),
  from: Type.String({ description: 'First day, YYYY-MM-DD (Vietnamese calendar)' }),
  to: Type.String({ description: 'Last day, inclusive' }),
  days: Type.Array(Type.Object({ day: Type.String(), metrics: Type.Array(MetricDay) }), {
    description: 'Days the compliance job has reported, oldest first; days it has not reached are absent',
  }),
})

const compliance: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/zones/:code/compliance',
    {
      schema: {
        tags: ['registry'],
        summary: 'Daily compliance of a growing area: share of readings within its limits, per metric',
        params: Type.Object({ code: ZoneCode }),
        querystring: Type.Object({
          from: Day('First day, YYYY-MM-DD (Vietnamese calendar); default: 29 days before to'),
          to: Day('Last day, inclusive; default: yesterday in Vietnam'),
        }),
        response: { 200: Report, ...refusals(400, 401, 404, 500) },
      },
    },
    async (request) => {
      const { code } = request.params
      const { from, to } = dayRange(request.query, Date.now())
      found(await zoneLimits(fastify.db, code), `growing area ${code} not found`)
      const rows = await listCompliance(fastify.db, code, from, to)
      return { zone: code, from, to, days: byDay(rows) }
    },
  )
}

function dayRange(q: { from?: string; to?: string }, now: number): { from: string; to: string } {
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

function byDay(rows: ComplianceDay[]) {
  const days: { day: string; metrics: ReturnType<typeof metricDay>[] }[] = []
  for (const row of rows) {
    let day = days[days.length - 1]
    if (day?.day !== row.day) {
      day = { day: row.day, metrics: [] }
      days.push(day)
    }
    day.metrics.push(metricDay(row))
  }
  return days
}

function metricDay(r: ComplianceDay) {
  const limited = r.limitMin !== null || r.limitMax !== null
  return {
    metric: r.metric,
    unit: isMetric(r.metric) ? METRICS[r.metric].unit : null,
    readings: r.readings,
    within: r.within,
    share: limited && r.readings > 0 ? r.within / r.readings : null,
    min: r.min,
    max: r.max,
    limits: limited ? { min: r.limitMin, max: r.limitMax } : null,
    alerts: r.alerts,
  }
}

export default compliance
