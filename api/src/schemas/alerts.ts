// Schema pieces of the rule, alert, preset and threshold routes. Rule bodies are typed loosely on purpose:
// validateRule (contracts/src/rules.ts) checks the values and says what is wrong in the domain's words
// (min > max, an unknown metric, a fractional or negative duration), which an ajv keyword would pre-empt with
// a vaguer message. Only JSON types are checked here.
import { type TObject, type TProperties, Type } from '@fastify/type-provider-typebox'
import {
  ALERT_EVENT_TYPES,
  ALERT_STATES,
  MAX_RULE_SECONDS,
  METRIC_NAMES,
  PRESET_IDS,
  RULE_KINDS,
  SEVERITIES,
} from '@zonetrace/contracts'
import { DateTime, FreeText, Id, NullableDateTime, ZoneCode } from './common.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {})
const Severity = Type.String({ description: `One of ${SEVERITIES.join(', ')} (ascending)` })
const MetricName = Type.String({ maxLength: 64, description: `One of ${METRIC_NAMES.join(', ')}` })

/** A response object with its own description in the OpenAPI document (instead of "Default Response"). */
export const described = <T extends TProperties>(schema: TObject<T>, description: string) =>
  Type.Object(schema.properties, { description })

/** Database ids: bigserial, bounded so a huge number is a 400 and never reaches Postgres as a bigint. */
export const IdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Numeric id' }),
})

const Seconds = (description: string) =>
  Type.Optional(Type.Number({ description: `${description}; whole seconds, 0 to ${MAX_RULE_SECONDS}` }))

export const RuleBody = Type.Object(
  {
    zone: Type.Optional({ ...ZoneCode, description: 'Growing area code: the rule watches all its sensors' }),
    gatewayId: Type.Optional(Id('Gateway id: the rule watches all its sensors')),
    sensorId: Type.Optional(Id('Sensor id: the metric must be one it reports')),
    metric: Type.Optional(MetricName),
    kind: Type.Optional(
      Type.String({
        maxLength: 64,
        description: `${RULE_KINDS.join(', ')}; inferred when absent (offline with silentSeconds, rate with ratePerMinute)`,
      }),
    ),
    min: Type.Optional(Type.Number({ description: 'Threshold: violation below this' })),
    max: Type.Optional(Type.Number({ description: 'Threshold: violation above this (min ≤ max)' })),
    ratePerMinute: Type.Optional(
      Type.Number({
        description: 'Rate: violation when the value changes faster than this, in its unit per minute',
      }),
    ),
    silentSeconds: Type.Optional(
      Type.Number({ description: 'Offline: no reading for this long (60 s to 30 days) raises the alert' }),
    ),
    forSeconds: Seconds('Duration: the violation must last this long, by data time, before the alert opens'),
    repeat: Type.Optional(
      Type.Object(
        {
          count: Type.Optional(Type.Number({ description: 'Violating readings needed, 2 to 10000' })),
          withinSeconds: Type.Optional(Type.Number({ description: 'Window, 1 s to 7 days' })),
        },
        { description: 'Repeating: open only after count violating readings within withinSeconds' },
      ),
    ),
    clearMargin: Type.Optional(
      Type.Number({ description: 'Hysteresis: clears only once the value is back inside by this much' }),
    ),
    clearForSeconds: Seconds('Hysteresis: ...and has stayed back inside this long'),
    severity: Severity,
    activeHours: Type.Optional(
      Type.Object(
        {
          from: Type.String({ description: 'HH:MM, Vietnamese clock (UTC+7)' }),
          to: Type.String({ description: 'HH:MM; earlier than from spans midnight' }),
        },
        { description: 'Evaluate only between these times of day' },
      ),
    ),
    name: Type.Optional(Type.String({ description: 'Up to 200 characters' })),
  },
  {
    description:
      'Exactly one of zone, gatewayId or sensorId. The contract form {sensorId|zone, metric, min?, max?, ' +
      'forSeconds?, severity} is a threshold rule.',
    examples: [
      { sensorId: 'gw-pond-s1', metric: 'dissolved_oxygen', min: 3, forSeconds: 600, severity: 'critical' },
    ],
  },
)

const Repeat = Type.Object({ count: Type.Integer(), withinSeconds: Type.Integer() })
const Hours = Type.Object({ from: Type.String(), to: Type.String() })

export const Rule = Type.Object({
  id: Type.Integer(),
  zone: Nullable(Type.String()),
  gatewayId: Nullable(Type.String()),
  sensorId: Nullable(Type.String()),
  scopeZone: Nullable(Type.String(), 'The growing area watched: the zone, or that of the gateway or sensor'),
  metric: Nullable(Type.String()),
  kind: Type.String({ description: RULE_KINDS.join(', ') }),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  ratePerMinute: Nullable(Type.Number()),
  silentSeconds: Nullable(Type.Integer()),
  forSeconds: Type.Integer(),
  repeat: Nullable(Repeat),
  clearMargin: Type.Number(),
  clearForSeconds: Type.Integer(),
  severity: Type.String(),
  activeHours: Nullable(Hours),
  name: Nullable(Type.String()),
  origin: Type.String({ description: 'custom (written by a client) or preset (from the zone thresholds)' }),
  preset: Nullable(Type.String()),
  unconfirmed: Type.Boolean({ description: 'A preset value not confirmed from the primary text' }),
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  deletedAt: NullableDateTime,
})

export const RuleQuery = Type.Object({
  zone: Type.Optional({ ...ZoneCode, description: 'Rules watching this growing area' }),
  gatewayId: Type.Optional(Id('Rules on this gateway or its sensors')),
  sensorId: Type.Optional(Id('Rules on this sensor')),
  metric: Type.Optional(MetricName),
  origin: Type.Optional(Type.String({ maxLength: 16, description: 'custom or preset' })),
})

export const AlertView = Type.Object({
  id: Type.Integer(),
  ruleId: Type.Integer(),
  sensorId: Nullable(Type.String()),
  gatewayId: Nullable(Type.String()),
  zone: Nullable(Type.String()),
  metric: Nullable(Type.String()),
  kind: Type.String({ description: RULE_KINDS.join(', ') }),
  severity: Type.String({ description: SEVERITIES.join(', ') }),
  state: Type.String({ description: ALERT_STATES.join(' or ') }),
  acknowledged: Type.Boolean(),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgedAt: NullableDateTime,
  ackNote: Nullable(Type.String()),
  historical: Type.Boolean({ description: 'Raised by readings that arrived late: on record, never paged' }),
  openedAt: Type.String({ format: 'date-time', description: 'Data time of the reading that opened it' }),
  clearedAt: NullableDateTime,
  threshold: Nullable(Type.Number(), 'The crossed limit; null for offline alerts'),
  value: Nullable(Type.Number(), 'The value that opened it'),
  lastValue: Nullable(Type.Number()),
  peakValue: Nullable(Type.Number(), 'The value furthest past the limit during the excursion'),
  triggerCount: Type.Integer({ description: 'Triggers folded into this alert' }),
  lastTriggeredAt: DateTime,
  message: Type.Object({ vi: Type.String(), en: Type.String() }),
})

export const AlertHistoryEntry = Type.Object({
  eventId: Type.Integer({ description: 'The live stream event id' }),
  type: Type.String({ description: ALERT_EVENT_TYPES.join(', ') }),
  at: DateTime,
  dataTime: Nullable(Type.String({ format: 'date-time' }), 'Data time of the reading behind it'),
  value: Nullable(Type.Number()),
  actor: Nullable(Type.String()),
  note: Nullable(Type.String()),
})

const Flag = (description: string) => Type.Optional(Type.Boolean({ description }))

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
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Opened at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Opened before' })),
  ruleId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
}

export const AckBody = Type.Object({
  note: Type.Optional(FreeText(1000, 'What was done, up to 1000 characters')),
})

const Limit = Type.Object({
  metric: Type.String(),
  unit: Type.String({ description: 'Canonical unit of the metric' }),
  severity: Type.String(),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  standard: Type.String({ description: 'The standard or practice the value comes from' }),
  standardVi: Type.String({ description: 'The same in Vietnamese' }),
  note: Nullable(Type.String()),
  noteVi: Nullable(Type.String(), 'The note in Vietnamese'),
  unconfirmed: Type.Boolean({ description: 'Not confirmed from the primary text of the standard' }),
})

export const Preset = Type.Object({
  id: Type.String({ description: PRESET_IDS.join(', ') }),
  label: Type.Object({ vi: Type.String(), en: Type.String() }),
  standard: Type.String(),
  standardVi: Type.String(),
  source: Type.String({ description: 'Where the values were taken from' }),
  limits: Type.Array(Limit),
})

const Source = Nullable(Type.String({ description: 'preset or override' }))

export const ZoneThresholds = Type.Object({
  zone: Type.String(),
  preset: Nullable(
    Type.Object({
      id: Type.String(),
      label: Type.Object({ vi: Type.String(), en: Type.String() }),
      standard: Type.String(),
    }),
  ),
  limits: Type.Array(
    Type.Object({
      ...Limit.properties,
      minSource: Source,
      maxSource: Source,
      ruleId: Nullable(Type.Integer(), 'The preset rule that watches this limit'),
    }),
    { description: 'In force after overrides, each value with its source' },
  ),
  overrides: Type.Array(
    Type.Object({
      metric: Type.String(),
      severity: Type.String(),
      min: Nullable(Type.Number()),
      max: Nullable(Type.Number()),
      updatedBy: Nullable(Type.String()),
      updatedAt: DateTime,
    }),
  ),
})

export const ThresholdsBody = Type.Object({
  // Null first: with type coercion on, a string branch tried first would turn null into "".
  preset: Type.Union([Type.Null(), Type.String({ maxLength: 64 })], {
    description: `Preset id (${PRESET_IDS.join(', ')}), or null for none`,
  }),
  overrides: Type.Optional(
    Type.Array(
      Type.Object({
        metric: MetricName,
        severity: Type.Optional(
          Type.String({
            maxLength: 16,
            description: 'Needed when the preset has several limits on the metric',
          }),
        ),
        min: Type.Optional(Type.Number()),
        max: Type.Optional(Type.Number()),
      }),
      {
        maxItems: 64,
        description: 'Replace single values of the preset; the list replaces any stored before',
      },
    ),
  ),
})
