// A local alarm a gateway raised or cleared on site, as stored from its report (docs/asyncapi.yaml,
// GatewayAlarmReport) and read back per gateway: the route's schema and the repository's return type.
import { type Static, Type } from 'typebox'
import { METRIC_NAMES } from '../metrics.ts'
import { ALARM_CLEAR_REASONS, ALARM_KINDS } from '../mqtt-schemas.ts'
import { SEVERITIES } from '../thresholds.ts'
import { DateTime } from './common.ts'

const AlarmKind = Type.Enum(ALARM_KINDS, { description: 'Whether the alarm was raised or cleared' })

export const GatewayAlarm = Type.Object({
  id: Type.Integer(),
  gatewayId: Type.String(),
  ruleId: Type.String({ description: "The rule's id in the gateway's own alarm rules, not an alert rule" }),
  sensorId: Type.String(),
  metric: Type.Enum(METRIC_NAMES),
  kind: AlarmKind,
  value: Type.Number({ description: 'The reading that raised or cleared it' }),
  threshold: Type.Number({ description: 'The limit that was crossed' }),
  severity: Type.Enum(SEVERITIES),
  time: Type.String({ format: 'date-time', description: 'When the reading was taken, by the gateway clock' }),
  receivedAt: DateTime,
  label: Type.Object(
    { vi: Type.String(), en: Type.String() },
    { description: 'What the alarm says, Vietnamese first' },
  ),
  reason: Type.Union([Type.Enum(ALARM_CLEAR_REASONS), Type.Null()], {
    description: 'Why it cleared: back inside, or its rule removed or changed; null when raised',
  }),
})
export type GatewayAlarm = Static<typeof GatewayAlarm>

/** GET /gateways/{gatewayId}/alarms: which of them, newest first. */
export const GatewayAlarmQuery = Type.Object({
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Taken at or after' })),
  kind: Type.Optional(AlarmKind),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
})
export type GatewayAlarmQuery = Static<typeof GatewayAlarmQuery>
