// A growing area's effective limits: its threshold preset (contracts/src/thresholds.ts) with the area's own
// values for single limits. A limit is named by (metric, severity), because a tiered preset holds two limits
// on one metric. Pure functions: the repository stores what these decide.
import {
  isMetric,
  isPresetId,
  METRIC_NAMES,
  type Metric,
  PRESET_IDS,
  type PresetId,
  SEVERITIES,
  type Severity,
  THRESHOLD_PRESETS,
  type ThresholdLimit,
} from '@zonetrace/contracts'

export interface OverrideInput {
  metric: string
  /** Needed only when the preset has several limits on the metric. */
  severity?: string
  min?: number
  max?: number
}

/** An override as stored: which limit, and the bound(s) it replaces (null keeps the preset's). */
export type StoredOverride = {
  metric: Metric
  severity: Severity
  min: number | null
  max: number | null
}

export type ValueSource = 'preset' | 'override'

export interface EffectiveLimit {
  metric: Metric
  severity: Severity
  min: number | null
  max: number | null
  minSource: ValueSource | null
  maxSource: ValueSource | null
  standard: string
  note: string | null
  /** A value still taken from the preset was not confirmed from the primary text of its standard. */
  unconfirmed: boolean
}

/** Refuses an unknown preset with the list of known ones. */
export function presetProblem(preset: string): string | null {
  return isPresetId(preset) ? null : `unknown preset "${preset}"; known presets: ${PRESET_IDS.join(', ')}`
}

export function presetLimits(preset: PresetId): readonly ThresholdLimit[] {
  return THRESHOLD_PRESETS[preset].limits
}

/** Checks a client's overrides against the preset; every problem is listed. */
export function resolveOverrides(
  preset: PresetId | null,
  input: readonly OverrideInput[],
): { ok: true; overrides: StoredOverride[] } | { ok: false; errors: string[] } {
  const errors: string[] = []
  const overrides: StoredOverride[] = []
  if (preset === null) {
    return input.length > 0
      ? { ok: false, errors: ['overrides need a preset to override'] }
      : { ok: true, overrides }
  }
  for (const o of input) {
    const limit = limitNamed(preset, o, errors)
    if (!limit) continue
    const name = `${limit.metric} (${limit.severity})`
    for (const bound of ['min', 'max'] as const) {
      const v = o[bound]
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
        errors.push(`${name}: ${bound} must be a finite number`)
      }
    }
    if (o.min === undefined && o.max === undefined)
      errors.push(`${name}: the override sets neither min nor max`)
    if (overrides.some((x) => x.metric === limit.metric && x.severity === limit.severity)) {
      errors.push(`${name} is overridden twice`)
      continue
    }
    const stored = { metric: limit.metric, severity: limit.severity, min: o.min ?? null, max: o.max ?? null }
    const [eff] = applyOverrides([limit], [stored])
    if (eff && eff.min !== null && eff.max !== null && eff.min > eff.max) {
      errors.push(`${name}: min ${eff.min} would be greater than max ${eff.max}`)
    }
    overrides.push(stored)
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, overrides }
}

function limitNamed(preset: PresetId, o: OverrideInput, errors: string[]): ThresholdLimit | null {
  if (typeof o.metric !== 'string' || !isMetric(o.metric)) {
    errors.push(`unknown metric '${o.metric}'; known metrics: ${METRIC_NAMES.join(', ')}`)
    return null
  }
  if (o.severity !== undefined && !(SEVERITIES as readonly string[]).includes(o.severity)) {
    errors.push(`${o.metric}: severity must be one of ${SEVERITIES.join(', ')}`)
    return null
  }
  const onMetric = presetLimits(preset).filter((l) => l.metric === o.metric)
  if (onMetric.length === 0) {
    const metrics = [...new Set(presetLimits(preset).map((l) => l.metric))]
    errors.push(`preset ${preset} has no limit on ${o.metric}; it limits ${metrics.join(', ')}`)
    return null
  }
  if (o.severity === undefined) {
    if (onMetric.length === 1) return onMetric[0]!
    const tiers = onMetric.map((l) => l.severity).join(', ')
    errors.push(
      `preset ${preset} has ${onMetric.length} limits on ${o.metric} (${tiers}): name one by severity`,
    )
    return null
  }
  const limit = onMetric.find((l) => l.severity === o.severity)
  if (!limit) {
    const tiers = onMetric.map((l) => l.severity).join(', ')
    errors.push(`preset ${preset} has no ${o.severity} limit on ${o.metric}; it has ${tiers}`)
    return null
  }
  return limit
}

/** The preset's limits with the overrides applied, in the preset's order. */
export function applyOverrides(
  limits: readonly ThresholdLimit[],
  overrides: readonly StoredOverride[],
): EffectiveLimit[] {
  return limits.map((l) => {
    const o = overrides.find((x) => x.metric === l.metric && x.severity === l.severity)
    const pick = (own: number | null | undefined, preset: number | undefined) =>
      own != null
        ? { value: own, source: 'override' as const }
        : preset !== undefined
          ? { value: preset, source: 'preset' as const }
          : { value: null, source: null }
    const min = pick(o?.min, l.min)
    const max = pick(o?.max, l.max)
    return {
      metric: l.metric,
      severity: l.severity,
      min: min.value,
      max: max.value,
      minSource: min.source,
      maxSource: max.source,
      standard: l.standard,
      note: l.note ?? null,
      unconfirmed: l.unconfirmed === true && (min.source === 'preset' || max.source === 'preset'),
    }
  })
}

/**
 * Clear margins of preset rules, in each metric's unit: a few times a field probe's reading noise, so a
 * value wobbling at the line cannot clear and reopen an alert (the rule engine's hysteresis).
 */
const PRESET_CLEAR_MARGIN: Record<Metric, number> = {
  salinity: 0.1,
  ph: 0.1,
  dissolved_oxygen: 0.2,
  temperature: 0.5,
  turbidity: 0.2,
  conductivity: 50,
  water_level: 2,
  tss: 2,
  nh3: 0.01,
  h2s: 0.005,
  alkalinity: 5,
  chloride: 10,
}

/**
 * How preset rules time their alerts: one reading alone never opens one (the violation must hold a minute,
 * several readings at the usual 10–60 s interval), and an alert clears only after five minutes back inside
 * by the clear margin.
 */
export const PRESET_RULE_TIMING = { forSeconds: 60, clearForSeconds: 300 } as const

/** The clear margin of a preset rule, narrowed so some value between min and max still clears it. */
export function presetClearMargin(limit: Pick<EffectiveLimit, 'metric' | 'min' | 'max'>): number {
  const margin = PRESET_CLEAR_MARGIN[limit.metric]
  if (limit.min === null || limit.max === null) return margin
  return Math.min(margin, (limit.max - limit.min) / 4)
}
