// The MQTT payloads as TypeBox schemas: what a gateway sends on `zt/v1/gw/{gatewayId}/…` (topics.ts), written
// once so docs/asyncapi.yaml shows these very schemas (scripts/asyncapi.ts writes them in; a test fails while
// they differ). They describe what the platform accepts today and change nothing about it:
//
// - SenmlPackSchema mirrors parseSenmlPack (senml.ts) field by field. What no JSON Schema can say stays in
//   parseSenmlPack and is written into the descriptions: a record's full name is `bn + n` across records,
//   it must read `{sensorId}:{metric}`, and `u` must be that metric's unit. A record that breaks a rule is
//   refused alone; a pack that is not an array, is empty or too long, or has a base field of the wrong type
//   is refused whole; parseSenmlPack reads records typed from SenmlRecordSchema, and
//   tests/contracts/senml-record-schema.test.ts holds the two to each other.
// - GatewayAlarmReport is what the broker checks a report with, compiled (broker/src/ingest/
//   alarm-report-check.ts), and the edge agent's report type: stored or refused whole.
// - LocalNodeSettings is what the agent announces to the nodes on its LAN broker, typed from this schema.
// - GatewayStatus is what gateways announce. The broker keeps any JSON object of at most 4 KiB as the
//   status (broker/src/publish/screen.ts, recordStatus) and reads only `state`.
import Type, { type Static } from 'typebox'
import { METRIC_NAMES, SOURCE_QUALITY_FLAGS } from './metrics.ts'
import { MAX_RECORDS_PER_PACK } from './senml.ts'
import { SEVERITIES } from './thresholds.ts'
import { SENSOR_ID_PATTERN } from './topics.ts'

/** The time format of an alarm report; the broker also requires Date.parse to read it. */
export const ALARM_TIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$'
/** Bounds on an alarm report's free text, so a report stays a few hundred bytes in the table. */
export const ALARM_RULE_ID_MAX = 128
export const ALARM_LABEL_MAX = 500
/** Whether a report raises or clears an alarm; the gateway_alarms table stores the same list. */
export const ALARM_KINDS = ['raised', 'cleared'] as const
export type AlarmKind = (typeof ALARM_KINDS)[number]
/** Why a gateway cleared an alarm: back inside, or its rule was removed or changed by a config update. */
export const ALARM_CLEAR_REASONS = ['recovered', 'rule-removed', 'rule-changed'] as const
export type AlarmClearReason = (typeof ALARM_CLEAR_REASONS)[number]

/**
 * Why the broker refused a pack, a record or an alarm report; the dead_letters table stores the reason. A
 * pack that is not SenML at all is refused whole; every other reason refuses one record and the rest of its
 * pack is stored. An alarm report is one record: malformed_alarm when it is not a report at all, otherwise
 * the record reasons.
 */
export const DEAD_LETTER_REASONS = [
  'malformed_senml',
  'invalid_record',
  'non_finite_value',
  'time_out_of_bounds',
  'unknown_sensor',
  'foreign_sensor',
  'oversized_payload',
  'malformed_alarm',
] as const
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number]

const MetricName = Type.Enum(METRIC_NAMES, {
  description: 'A canonical metric name; docs/interfaces.md § Metrics lists each with its unit.',
})
const SeverityName = Type.Enum([...SEVERITIES], { description: 'Alarm severity, least to most urgent.' })

// Base fields apply to this record and every later one until changed [RFC 8428 §4.1].
const senmlBaseFields = {
  bn: Type.Optional(Type.String({ description: 'Base name, prefixed to `n`: usually `{sensorId}:`.' })),
  bt: Type.Optional(Type.Number({ description: 'Base time, seconds since the epoch, added to `t`.' })),
  bu: Type.Optional(Type.String({ description: 'Base unit, for records without `u`.' })),
  bv: Type.Optional(Type.Number({ description: 'Base value, added to `v`.' })),
}

const SenmlMeasurement = Type.Object(
  {
    ...senmlBaseFields,
    n: Type.Optional(
      Type.String({ description: 'Name; `bn + n` must read `{sensorId}:{metric}` (split at the last `:`).' }),
    ),
    v: Type.Number({
      description: 'The value, in the metric’s canonical unit. Only numeric values are read.',
    }),
    u: Type.Optional(
      Type.String({ description: 'Unit; when given (here or as `bu`) it must be the metric’s.' }),
    ),
    t: Type.Optional(
      Type.Number({
        description:
          'Time, seconds, added to `bt`; a resolved time below 2^28 is relative to now [RFC 8428 §4.5.3].',
      }),
    ),
    zq: Type.Optional(
      Type.Enum([...SOURCE_QUALITY_FLAGS], {
        description:
          'Quality flag set at the source: 0 good, 2 calibrating, 3 device error, 4 clock suspect.',
      }),
    ),
  },
  { description: 'A record that carries a reading.' },
)

// A record with none of n, v, t only sets base fields and yields no reading.
const SenmlBaseOnly = Type.Object(
  {
    ...senmlBaseFields,
    n: Type.Optional(Type.Never()),
    v: Type.Optional(Type.Never()),
    t: Type.Optional(Type.Never()),
  },
  { description: 'A record that only sets base fields for the records after it.' },
)

export const SenmlRecordSchema = Type.Union([SenmlMeasurement, SenmlBaseOnly], {
  description: 'One SenML JSON record (RFC 8428). Fields the platform does not read are ignored.',
})

export const SenmlPackSchema = Type.Array(SenmlRecordSchema, {
  minItems: 1,
  maxItems: MAX_RECORDS_PER_PACK,
  description:
    'A SenML JSON pack (RFC 8428) of one or more sensors’ readings. A record whose name, metric, unit or ' +
    'value is wrong is dead-lettered alone and the rest of the pack is stored.',
})

export const GatewayStatusSchema = Type.Object(
  {
    state: Type.Enum(['online', 'offline'], { description: 'What the gateway says of itself.' }),
    spool: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Spool entries waiting to be sent (packs, files, alarm reports).',
      }),
    ),
    spoolEntries: Type.Optional(
      Type.Integer({ minimum: 0, description: 'The same count as `spool`, named (edge agent).' }),
    ),
    at: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the status was written, ISO 8601.' }),
    ),
    spoolBytes: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Bytes the spool holds (edge agent).' }),
    ),
    spoolDroppedOldest: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Entries a full spool dropped to make room (edge agent).' }),
    ),
    spoolRejectedFull: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Entries a full spool refused (edge agent).' }),
    ),
    reason: Type.Optional(
      Type.Literal('node-lost', {
        description:
          'Only on an offline the broker announces: the broker node holding the gateway stopped ' +
          'heartbeating, so another node took it offline (docs/scale-out.md).',
      }),
    ),
  },
  {
    description:
      'A gateway’s status, retained. Sent on connect, as a heartbeat and before a clean disconnect; the will ' +
      'carries `offline`, and the broker publishes `{"state":"offline","at":…}` for a gateway that vanished ' +
      'without either (with `"reason":"node-lost"` when its broker node died), and the gateway’s last status ' +
      'again when a node takes it over while `offline` is retained. Any JSON object up to 4 KiB is kept; only ' +
      '`state` is read. No client may subscribe to it: it is kept for the platform and its operators ' +
      '(docs/scale-out.md, "Presence").',
  },
)

const alarmFields = {
  ruleId: Type.String({ minLength: 1, maxLength: ALARM_RULE_ID_MAX, description: 'The local rule’s id.' }),
  sensorId: Type.String({
    pattern: SENSOR_ID_PATTERN.source,
    description: 'A sensor provisioned on this gateway.',
  }),
  metric: MetricName,
  value: Type.Number({ description: 'The reading that raised or cleared the alarm.' }),
  threshold: Type.Number({ description: 'The limit it was compared with.' }),
  severity: SeverityName,
  time: Type.String({
    pattern: ALARM_TIME_PATTERN,
    description: 'When the reading was taken, ISO 8601 with offset; within the readings’ time bounds.',
  }),
  label: Type.Object(
    {
      vi: Type.String({ maxLength: ALARM_LABEL_MAX }),
      en: Type.String({ maxLength: ALARM_LABEL_MAX }),
    },
    { description: 'The alarm in words, Vietnamese and English.' },
  ),
}

/**
 * The fields a report carries whether raised or cleared, one schema each: the broker checks a refused report
 * field by field against them, so its dead letter names every field that is wrong.
 */
export const GatewayAlarmFieldsSchema = Type.Object(alarmFields)
export const AlarmClearReasonSchema = Type.Enum([...ALARM_CLEAR_REASONS], { description: 'Why it cleared.' })

const AlarmRaised = Type.Object(
  { kind: Type.Literal('raised'), ...alarmFields, reason: Type.Optional(Type.Never()) },
  { description: 'A local rule started to hold.' },
)

const AlarmCleared = Type.Object(
  {
    kind: Type.Literal('cleared'),
    ...alarmFields,
    reason: Type.Optional(AlarmClearReasonSchema),
  },
  { description: 'A local rule stopped holding, or was removed or changed.' },
)

export const GatewayAlarmReportSchema = Type.Union([AlarmRaised, AlarmCleared], {
  description:
    'A local alarm, raised or cleared on the gateway while it may have been offline. Stored whole or ' +
    'dead-lettered whole; a report for a sensor not on this gateway is dead-lettered.',
})

/** How often a field node may be asked to sample: once a second at most, once a day at least. */
export const SAMPLING_SECONDS_RANGE = { minimum: 1, maximum: 86_400 } as const

/**
 * What the edge agent announces, retained, to the field nodes on its LAN broker (`zt/v1/local/config`): the
 * sampling interval the platform's config asked for.
 */
export const LocalNodeSettingsSchema = Type.Object(
  {
    samplingSeconds: Type.Number({
      ...SAMPLING_SECONDS_RANGE,
      description: 'How often each node should sample and publish, in seconds.',
    }),
  },
  { description: 'Settings for the field nodes; nodes read them and never write them.' },
)

export type SenmlPackPayload = Static<typeof SenmlPackSchema>
export type GatewayAlarmReportPayload = Static<typeof GatewayAlarmReportSchema>
export type GatewayStatusPayload = Static<typeof GatewayStatusSchema>
export type GatewayAlarmFields = Static<typeof GatewayAlarmFieldsSchema>
export type LocalNodeSettings = Static<typeof LocalNodeSettingsSchema>
