// An alert rule, once: what the evaluator reads (`AlertRule`), what the rule routes answer (`Rule`: the same
// plus where it watches and who wrote it) and the body that creates one. Routes validate and document with
// these, the repository returns them, the broker evaluates them.
import { type Static, type TSchema, Type } from 'typebox'
import { METRIC_NAMES, type Metric } from '../metrics.ts'
import { MAX_RULE_SECONDS, RULE_KINDS, type RuleKind, type RuleOrigin } from '../rules.ts'
import { SEVERITIES, type Severity } from '../thresholds.ts'
import { DateTime, Id, Nullable, NullableDateTime, ZoneCode } from './common.ts'

/**
 * A string the server only ever writes as one of `T`, typed so but documented as plain text with its
 * wording: the OpenAPI document lists these values in descriptions, not as enums.
 */
export const Worded = <T extends string>(schema: TSchema = Type.String()) => Type.Unsafe<T>(schema)

const Repeat = Type.Object({ count: Type.Integer(), withinSeconds: Type.Integer() })
const Hours = Type.Object({ from: Type.String(), to: Type.String() })

/** A rule as stored and evaluated. */
export const AlertRule = Type.Object({
  id: Type.Integer(),
  zone: Nullable(Type.String()),
  gatewayId: Nullable(Type.String()),
  sensorId: Nullable(Type.String()),
  /** Null for offline rules that watch every channel. */
  metric: Nullable(Worded<Metric>()),
  kind: Worded<RuleKind>(Type.String({ description: RULE_KINDS.join(', ') })),
  /** Threshold: violation below min or above max. */
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  /** Rate: violation when the value changes faster than this, in its unit per minute. */
  ratePerMinute: Nullable(Type.Number()),
  /** Offline: no reading for this long raises the alert. */
  silentSeconds: Nullable(Type.Integer()),
  /** The violation must last this long, by the readings' own times, before the alert opens. */
  forSeconds: Type.Integer(),
  /** Opens only after `count` violating readings within `withinSeconds`. */
  repeat: Nullable(Repeat),
  /** Hysteresis: an open alert clears only once the value is back inside by this much... */
  clearMargin: Type.Number(),
  /** ...and has stayed back inside this long. */
  clearForSeconds: Type.Integer(),
  severity: Worded<Severity>(),
  /** Evaluated only between these times of day on the Vietnamese clock (UTC+7); from > to spans midnight. */
  activeHours: Nullable(Hours),
  name: Nullable(Type.String()),
  origin: Worded<RuleOrigin>(
    Type.String({ description: 'custom (written by a client) or preset (from the zone thresholds)' }),
  ),
  preset: Nullable(Type.String()),
  unconfirmed: Type.Boolean({ description: 'A preset value not confirmed from the primary text' }),
})
export type AlertRule = Static<typeof AlertRule>

const { id, zone, gatewayId, sensorId, ...condition } = AlertRule.properties

/** A rule as the API shows it: what the evaluator reads, plus where it watches and who wrote it. */
export const Rule = Type.Object({
  id,
  zone,
  gatewayId,
  sensorId,
  scopeZone: Nullable(Type.String(), {
    description: 'The growing area watched: the zone, or that of the gateway or sensor',
  }),
  ...condition,
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** Set once the rule is retired; retired rules stay readable because their alerts point at them. */
  deletedAt: NullableDateTime,
})
export type Rule = Static<typeof Rule>

/** A metric a client names; validateRule says which are known. */
export const MetricName = Type.String({ maxLength: 64, description: `One of ${METRIC_NAMES.join(', ')}` })
const Seconds = (description: string) =>
  Type.Optional(Type.Number({ description: `${description}; whole seconds, 0 to ${MAX_RULE_SECONDS}` }))

/**
 * POST /rules. Typed loosely on purpose: validateRule (contracts/src/rules.ts) checks the values and says
 * what is wrong in the domain's words (min > max, an unknown metric, a fractional or negative duration),
 * which a schema keyword would pre-empt with a vaguer message. Only JSON types are checked here.
 */
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
    severity: Type.String({ description: `One of ${SEVERITIES.join(', ')} (ascending)` }),
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
export type RuleBody = Static<typeof RuleBody>

/** GET /rules: which rules in force to list. */
export const RuleQuery = Type.Object({
  zone: Type.Optional({ ...ZoneCode, description: 'Rules watching this growing area' }),
  gatewayId: Type.Optional(Id('Rules on this gateway or its sensors')),
  sensorId: Type.Optional(Id('Rules on this sensor')),
  metric: Type.Optional(MetricName),
  origin: Type.Optional(Type.String({ maxLength: 16, description: 'custom or preset' })),
})
export type RuleQuery = Static<typeof RuleQuery>

/** Database ids in a path: bigserial, bounded so a huge number is a 400 and never reaches Postgres. */
export const RowId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
export const IdParams = Type.Object({ id: { ...RowId, description: 'Numeric id' } })
