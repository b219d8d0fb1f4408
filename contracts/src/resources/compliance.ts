// A growing area's daily compliance report, once: what GET /zones/:code/compliance answers and what the
// repository reads back from the compliance job's rows. Days are Vietnamese calendar days.
import { type Static, Type } from 'typebox'
import { Nullable } from './common.ts'

/** One metric on one day: how many good readings lay within the area's limits. */
export const ComplianceMetric = Type.Object({
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
export type ComplianceMetric = Static<typeof ComplianceMetric>

export const ComplianceDay = Type.Object({ day: Type.String(), metrics: Type.Array(ComplianceMetric) })
export type ComplianceDay = Static<typeof ComplianceDay>

export const ComplianceReport = Type.Object({
  zone: Type.String(),
  from: Type.String({ description: 'First day, YYYY-MM-DD (Vietnamese calendar)' }),
  to: Type.String({ description: 'Last day, inclusive' }),
  days: Type.Array(ComplianceDay, {
    description: 'Days the compliance job has reported, oldest first; days it has not reached are absent',
  }),
})
export type ComplianceReport = Static<typeof ComplianceReport>

/** Checked as calendar dates by the route, so a malformed one gets a message saying so. */
const QueryDay = (description: string) =>
  Type.Optional(Type.String({ maxLength: 32, description, examples: ['2025-06-01'] }))

export const ComplianceQuery = Type.Object({
  from: QueryDay('First day, YYYY-MM-DD (Vietnamese calendar); default: 29 days before to'),
  to: QueryDay('Last day, inclusive; default: yesterday in Vietnam'),
})
export type ComplianceQuery = Static<typeof ComplianceQuery>
