// Whether an alarm report can be stored, judged by the schema docs/asyncapi.yaml shows for it
// (GatewayAlarmReportSchema in contracts/src/mqtt-schemas.ts), compiled once, and by what no JSON Schema says:
// - a time Date can hold (the pattern admits 2025-13-45);
// - texts bounded in UTF-16 units, as the broker has always counted them (JSON Schema counts code points, so
//   a label of emoji fits the schema at twice the stored length);
// - a value or threshold that is a number but not finite (1e999 parses to Infinity) is its own reason,
//   non_finite_value, not a malformed report;
// - the readings' time bounds.
// A report the schema refuses is checked again field by field against the same schemas, so its dead letter
// names every field that is wrong, in the words gateways have always been given.
import {
  ALARM_CLEAR_REASONS,
  ALARM_KINDS,
  ALARM_LABEL_MAX,
  ALARM_RULE_ID_MAX,
  AlarmClearReasonSchema,
  type DeadLetterReason,
  type GatewayAlarmFields,
  GatewayAlarmFieldsSchema,
  type GatewayAlarmReportPayload,
  GatewayAlarmReportSchema,
  SEVERITIES,
} from '@zonetrace/contracts'
import type { GatewayAlarmReport } from '@zonetrace/db'
import { Compile } from 'typebox/compile'
import type { RecordRefusal } from './refusals.ts'

export type Refusal = Omit<RecordRefusal, 'index'>

type CheckedReport = { ok: true; report: GatewayAlarmReport } | { ok: false; refusal: Refusal }

interface TimeBounds {
  maxFutureSeconds: number
  maxAgeDays: number
}

const DAY_MS = 86_400_000
const isReport = Compile(GatewayAlarmReportSchema)
const isClearReason = Compile(AlarmClearReasonSchema)

type Field = keyof GatewayAlarmFields

interface FieldRule {
  /** What is wrong, in the refusal's words. */
  says(value: unknown): string
  /** What the field's schema cannot say, asked once the schema accepted the value. */
  beyond?(value: never): boolean
}

// In the order a refusal lists them.
const FIELD_RULES: { [K in Field]: FieldRule } = {
  ruleId: {
    says: () => `ruleId must be a string of 1 to ${ALARM_RULE_ID_MAX} characters`,
    beyond: (v: string) => v.length <= ALARM_RULE_ID_MAX,
  },
  sensorId: { says: (v) => `sensorId ${show(v)} is not a sensor id` },
  metric: { says: (v) => `unknown metric ${show(v)}` },
  value: { says: () => 'value must be a number' },
  threshold: { says: () => 'threshold must be a number' },
  severity: { says: () => `severity must be one of ${SEVERITIES.join(', ')}` },
  time: {
    says: (v) => `time ${show(v)} is not an ISO 8601 date-time`,
    beyond: (v: string) => !Number.isNaN(Date.parse(v)),
  },
  label: {
    says: () => `label must be {"vi","en"} strings of at most ${ALARM_LABEL_MAX} characters`,
    beyond: (v: { vi: string; en: string }) =>
      v.vi.length <= ALARM_LABEL_MAX && v.en.length <= ALARM_LABEL_MAX,
  },
}

const FIELDS = (Object.keys(FIELD_RULES) as Field[]).map((key) => ({
  key,
  schema: Compile(GatewayAlarmFieldsSchema.properties[key]),
  ...FIELD_RULES[key],
}))

/** The report to store, or why it cannot be. */
export function checkReport(
  gatewayId: string,
  payload: Buffer,
  bounds: TimeBounds,
  nowMs: number,
): CheckedReport {
  const refuse = (reason: DeadLetterReason, detail: string): CheckedReport => ({
    ok: false,
    refusal: { reason, detail },
  })
  let body: unknown
  try {
    body = JSON.parse(payload.toString('utf8'))
  } catch {
    return refuse('malformed_alarm', 'payload is not valid JSON')
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse('malformed_alarm', 'alarm report must be a JSON object')
  }
  const r = body as Record<string, unknown>
  const problems = problemsOf(r, isReport.Check(r))
  if (problems.length > 0) return refuse('malformed_alarm', problems.join('; '))

  // Every field is right but for a value or threshold that is a number and not finite.
  const nonFinite = ['value', 'threshold'].filter((key) => !Number.isFinite(r[key]))
  if (nonFinite.length > 0) {
    const which = nonFinite.length === 1 ? `${nonFinite[0]} is` : 'value and threshold are'
    return refuse('non_finite_value', `${which} not a finite number`)
  }
  const fields = r as GatewayAlarmReportPayload
  const time = Date.parse(fields.time)
  const { maxFutureSeconds, maxAgeDays } = bounds
  if (time > nowMs + maxFutureSeconds * 1000) {
    return refuse(
      'time_out_of_bounds',
      `time ${fields.time} is more than ${maxFutureSeconds} s ahead of the broker clock`,
    )
  }
  if (time < nowMs - maxAgeDays * DAY_MS) {
    return refuse('time_out_of_bounds', `time ${fields.time} is more than ${maxAgeDays} days old`)
  }
  const { kind, ruleId, sensorId, metric, value, threshold, severity, label } = fields
  const report: GatewayAlarmReport = {
    gatewayId,
    ruleId,
    sensorId,
    metric,
    kind,
    value,
    threshold,
    severity,
    time: new Date(time),
    label: { vi: label.vi, en: label.en },
    reason: fields.reason ?? null,
  }
  return { ok: true, report }
}

/**
 * Every field that is wrong, in report order. `fits`: the compiled report schema accepted the report, so
 * only what it cannot say is left to ask.
 */
function problemsOf(r: Record<string, unknown>, fits: boolean): string[] {
  const problems: string[] = []
  if (!fits && !(ALARM_KINDS as readonly unknown[]).includes(r.kind)) {
    problems.push('kind must be "raised" or "cleared"')
  }
  for (const { key, schema, says, beyond } of FIELDS) {
    const v = r[key]
    const right =
      fits || schema.Check(v)
        ? (beyond?.(v as never) ?? true)
        : // A number the schema refuses is not finite: non_finite_value, once the rest is right.
          (key === 'value' || key === 'threshold') && typeof v === 'number'
    if (!right) problems.push(says(v))
  }
  if (!fits && r.reason !== undefined) {
    if (r.kind !== 'cleared') problems.push('reason is for cleared reports only')
    else if (!isClearReason.Check(r.reason)) {
      problems.push(`reason must be one of ${ALARM_CLEAR_REASONS.join(', ')}`)
    }
  }
  return problems
}

function show(v: unknown): string {
  return v === undefined ? '(missing)' : JSON.stringify(v).slice(0, 80)
}
