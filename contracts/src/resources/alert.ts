// An alert, once: as the list, the live stream and webhooks show it (`AlertView`), the changes to it
// (`AlertEvent` as sent, `AlertHistoryEntry` as its history lists them) and what acknowledging takes.
// Routes validate and document with these, the repository returns them, browser code imports them.
import { type Static, Type } from 'typebox'
import {
  ACK_NOTE_MAX,
  ALERT_EVENT_TYPES,
  ALERT_STATES,
  type AlertEventType,
  type AlertState,
} from '../alerts.ts'
import type { Metric } from '../metrics.ts'
import { RULE_KINDS, type RuleKind } from '../rules.ts'
import { SEVERITIES, type Severity } from '../thresholds.ts'
import { DateTime, FreeText, Nullable, NullableDateTime } from './common.ts'
import { MetricName, RowId, Worded } from './rule.ts'

/** Any ISO date-time; `DateTime` with a description of its own. */
const Instant = (description: string) => Type.String({ format: 'date-time', description })

export const AlertView = Type.Object({
  id: Type.Integer(),
  ruleId: Type.Integer(),
  sensorId: Nullable(Type.String()),
  gatewayId: Nullable(Type.String()),
  zone: Nullable(Type.String()),
  metric: Nullable(Worded<Metric>()),
  kind: Worded<RuleKind>(Type.String({ description: RULE_KINDS.join(', ') })),
  severity: Worded<Severity>(Type.String({ description: SEVERITIES.join(', ') })),
  state: Worded<AlertState>(Type.String({ description: ALERT_STATES.join(' or ') })),
  acknowledged: Type.Boolean(),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgedAt: NullableDateTime,
  ackNote: Nullable(Type.String()),
  historical: Type.Boolean({ description: 'Raised by readings that arrived late: on record, never paged' }),
  openedAt: Instant('Data time of the reading that opened it'),
  clearedAt: NullableDateTime,
  threshold: Nullable(Type.Number(), { description: 'The crossed limit; null for offline alerts' }),
  value: Nullable(Type.Number(), { description: 'The value that opened it' }),
  lastValue: Nullable(Type.Number()),
  peakValue: Nullable(Type.Number(), {
    description: 'The value furthest past the limit during the excursion',
  }),
  triggerCount: Type.Integer({ description: 'Triggers folded into this alert' }),
  lastTriggeredAt: DateTime,
  message: Type.Object({ vi: Type.String(), en: Type.String() }),
})
export type AlertView = Static<typeof AlertView>

const EventType = Worded<AlertEventType>(Type.String({ description: ALERT_EVENT_TYPES.join(', ') }))

/** One change to one alert: what the live stream sends and what a webhook receives. */
export const AlertEvent = Type.Object({
  /** Increasing across the platform: the stream's event id and the webhook's idempotency key. */
  eventId: Type.Integer(),
  type: EventType,
  at: DateTime,
  actor: Nullable(Type.String()),
  note: Nullable(Type.String()),
  alert: AlertView,
})
export type AlertEvent = Static<typeof AlertEvent>

/** One change in GET /alerts/{id}: the event without the alert, with the reading behind it. */
export const AlertHistoryEntry = Type.Object({
  eventId: Type.Integer({ description: 'The live stream event id' }),
  type: EventType,
  at: DateTime,
  dataTime: Nullable(Type.String({ format: 'date-time' }), {
    description: 'Data time of the reading behind it',
  }),
  value: Nullable(Type.Number()),
  actor: Nullable(Type.String()),
  note: Nullable(Type.String()),
})
export type AlertHistoryEntry = Static<typeof AlertHistoryEntry>

/** GET /alerts/{id}: the alert and its events, oldest first. */
export const AlertWithHistory = Type.Object(
  { ...AlertView.properties, events: Type.Array(AlertHistoryEntry) },
  { description: 'The alert and its events, oldest first' },
)
export type AlertWithHistory = Static<typeof AlertWithHistory>

const Flag = (description: string) => Type.Optional(Type.Boolean({ description }))

/** The filters of GET /alerts and its CSV export; they combine with AND. */
export const AlertFilterQuery = {
  state: Type.Optional(Type.String({ maxLength: 16, description: ALERT_STATES.join(' or ') })),
  severity: Type.Optional(
    Type.String({ maxLength: 16, description: `Least severity: ${SEVERITIES.join(' < ')}` }),
  ),
  zone: Type.Optional(Type.String({ maxLength: 128, description: 'Growing area code' })),
  sensorId: Type.Optional(Type.String({ maxLength: 64 })),
  gatewayId: Type.Optional(Type.String({ maxLength: 64 })),
  metric: Type.Optional(MetricName),
  acknowledged: Flag('true or false'),
  historical: Flag('true: only alerts from late (backfilled) readings; false: only live ones'),
  from: Type.Optional(Instant('Opened at or after')),
  to: Type.Optional(Instant('Opened before')),
  ruleId: Type.Optional(RowId),
}

/** POST /alerts/{id}/ack; without a body it acknowledges without a note. */
export const AckBody = Type.Object({
  note: Type.Optional(FreeText(ACK_NOTE_MAX, `What was done, up to ${ACK_NOTE_MAX} characters`)),
})
export type AckBody = Static<typeof AckBody>
