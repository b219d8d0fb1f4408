// What an alert rule may be. Its shapes (as clients write them, as the evaluator reads it) are in
// resources/rule.ts. The contract's simple form `{"sensorId"|"zone", "metric", "min"?, "max"?,
// "forSeconds"?, "severity"}` is a rule of kind `threshold`; the richer conditions of issue 6 sit beside
// those fields. validateRule is the one place that says what a rule may be, so the API, the CLI and the
// seeds refuse the same things with the same words.
import { isMetric, METRIC_NAMES, type Metric } from './metrics.ts'
import type { AlertRule, RuleBody } from './resources/rule.ts'
import { SEVERITIES, type Severity } from './thresholds.ts'

export const RULE_KINDS = ['threshold', 'rate', 'offline'] as const
export type RuleKind = (typeof RULE_KINDS)[number]

/** Longest duration, clear delay or repeat window a rule may ask for. */
export const MAX_RULE_SECONDS = 7 * 86_400
/** An offline rule waits at least a minute (gateways report every 10–60 s) and at most 30 days. */
export const OFFLINE_SECONDS_RANGE = [60, 30 * 86_400] as const

/** Who wrote a rule: a client (custom), or the zone's threshold preset (preset-rules.ts in db). */
export const RULE_ORIGINS = ['custom', 'preset'] as const
export type RuleOrigin = (typeof RULE_ORIGINS)[number]

export type RuleValidation =
  | { ok: true; rule: Omit<AlertRule, 'id' | 'origin' | 'preset' | 'unconfirmed'> }
  | { ok: false; errors: string[] }

const oneOf = (allowed: readonly string[], value: string) => allowed.includes(value)

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/

function wholeSeconds(v: unknown, name: string, [lo, hi]: readonly [number, number], errors: string[]) {
  if (v === undefined) return
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    errors.push(`${name} must be a whole number of seconds from ${lo} to ${hi}`)
  }
}

function finite(v: unknown, name: string, errors: string[]): v is number {
  if (v === undefined) return false
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.push(`${name} must be a finite number`)
    return false
  }
  return true
}

/** Checks a client's rule; every problem is listed, in words a client can act on. */
export function validateRule(input: RuleBody): RuleValidation {
  const errors: string[] = []
  const scopes = [input.zone, input.gatewayId, input.sensorId].filter((s) => s !== undefined)
  if (scopes.length !== 1) errors.push('give exactly one of zone, gatewayId or sensorId')
  // Growing-area codes are opaque and may run to 128 characters (export PUC codes); device ids stop at 64.
  for (const [name, v, longest] of [
    ['zone', input.zone, 128],
    ['gatewayId', input.gatewayId, 64],
    ['sensorId', input.sensorId, 64],
  ] as const) {
    if (v !== undefined && (typeof v !== 'string' || v.length === 0 || v.length > longest)) {
      errors.push(`${name} must be 1 to ${longest} characters`)
    }
  }
  const kind =
    input.kind ??
    (input.silentSeconds !== undefined ? 'offline' : input.ratePerMinute !== undefined ? 'rate' : 'threshold')
  if (!oneOf(RULE_KINDS, kind)) errors.push(`unknown kind '${kind}'; use one of ${RULE_KINDS.join(', ')}`)
  let metric: Metric | null = null
  if (input.metric !== undefined) {
    if (isMetric(input.metric)) metric = input.metric
    else errors.push(`unknown metric '${input.metric}'; known metrics: ${METRIC_NAMES.join(', ')}`)
  } else if (kind !== 'offline') errors.push('metric is required')
  if (!oneOf(SEVERITIES, input.severity)) errors.push(`severity must be one of ${SEVERITIES.join(', ')}`)

  const hasMin = finite(input.min, 'min', errors)
  const hasMax = finite(input.max, 'max', errors)
  const hasRate = finite(input.ratePerMinute, 'ratePerMinute', errors)
  const hasMargin = finite(input.clearMargin, 'clearMargin', errors)
  if (hasMin && hasMax && input.min! > input.max!) {
    errors.push(`min (${input.min}) must not be greater than max (${input.max})`)
  }
  if (kind === 'threshold' && !hasMin && !hasMax) errors.push('a threshold rule needs min, max or both')
  if (kind === 'rate' && !(hasRate && input.ratePerMinute! > 0)) {
    errors.push('a rate rule needs ratePerMinute greater than 0')
  }
  if (kind !== 'rate' && input.ratePerMinute !== undefined) {
    errors.push(`ratePerMinute belongs to rate rules, not ${kind}`)
  }
  if (kind !== 'threshold' && (input.min !== undefined || input.max !== undefined)) {
    errors.push(`min and max belong to threshold rules, not ${kind}`)
  }
  if (kind === 'offline') {
    if (input.silentSeconds === undefined) errors.push('an offline rule needs silentSeconds')
    wholeSeconds(input.silentSeconds, 'silentSeconds', OFFLINE_SECONDS_RANGE, errors)
    if (input.forSeconds || input.repeat || input.clearMargin || input.clearForSeconds) {
      errors.push(
        'an offline rule takes no forSeconds, repeat or clear conditions: it clears on the next data',
      )
    }
  } else if (input.silentSeconds !== undefined) errors.push('silentSeconds belongs to offline rules')
  wholeSeconds(input.forSeconds, 'forSeconds', [0, MAX_RULE_SECONDS], errors)
  wholeSeconds(input.clearForSeconds, 'clearForSeconds', [0, MAX_RULE_SECONDS], errors)
  if (hasMargin && input.clearMargin! < 0) errors.push('clearMargin must not be negative')
  if (hasMargin && hasMin && hasMax && 2 * input.clearMargin! >= input.max! - input.min!) {
    errors.push(`clearMargin ${input.clearMargin} leaves no value between min and max that clears the alert`)
  }
  if (input.repeat !== undefined) {
    const { count, withinSeconds } = input.repeat ?? {}
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 2 || count > 10_000) {
      errors.push('repeat.count must be a whole number from 2 to 10000')
    }
    wholeSeconds(withinSeconds ?? -1, 'repeat.withinSeconds', [1, MAX_RULE_SECONDS], errors)
  }
  if (input.activeHours !== undefined) {
    const { from, to } = input.activeHours ?? {}
    if (
      typeof from !== 'string' ||
      !CLOCK.test(from) ||
      typeof to !== 'string' ||
      !CLOCK.test(to) ||
      from === to
    ) {
      errors.push('activeHours needs from and to as different HH:MM times (Vietnamese clock, UTC+7)')
    }
  }
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 200)) {
    errors.push('name must be at most 200 characters')
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    rule: {
      zone: input.zone ?? null,
      gatewayId: input.gatewayId ?? null,
      sensorId: input.sensorId ?? null,
      metric,
      // Both checked above: a kind or severity outside the lists is an error and never gets here.
      kind: kind as RuleKind,
      min: input.min ?? null,
      max: input.max ?? null,
      ratePerMinute: input.ratePerMinute ?? null,
      silentSeconds: input.silentSeconds ?? null,
      forSeconds: input.forSeconds ?? 0,
      repeat: input.repeat
        ? { count: input.repeat.count!, withinSeconds: input.repeat.withinSeconds! }
        : null,
      clearMargin: input.clearMargin ?? 0,
      clearForSeconds: input.clearForSeconds ?? 0,
      severity: input.severity as Severity,
      activeHours: input.activeHours ?? null,
      name: input.name ?? null,
    },
  }
}

/** Minutes after midnight on the Vietnamese clock (UTC+7 all year: no daylight saving). */
export function vietnamMinuteOfDay(ms: number): number {
  return Math.floor(((ms / 60_000 + 7 * 60) % 1440) + 1440) % 1440
}

/** Whether a rule's active hours include this instant; always true without active hours. */
export function withinActiveHours(hours: AlertRule['activeHours'], ms: number): boolean {
  if (!hours) return true
  const at = vietnamMinuteOfDay(ms)
  const from = clockMinutes(hours.from)
  const to = clockMinutes(hours.to)
  return from < to ? at >= from && at < to : at >= from || at < to
}

function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}
