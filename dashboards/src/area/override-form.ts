// One override as typed into the thresholds form: two optional numbers for one (metric, severity) limit of
// the area's preset. Checked here so each refusal is said beside its field in Vietnamese; the repository
// checks again (same rules) before anything is written.
import { displayUnit, formatNumber } from '@zonetrace/api'
import {
  isMetric,
  isPresetId,
  type Lang,
  METRICS,
  THRESHOLD_PRESETS,
  type ThresholdLimit,
  type ZoneThresholds,
} from '@zonetrace/contracts'
import type { ThresholdsText } from '../pages/thresholds-text.ts'

export type Bound = 'min' | 'max'

export interface OverrideForm {
  metric: string
  severity: string
  min: string
  max: string
}

/** What the person typed, kept for the form, with a message per field that was refused. */
export interface OverrideCheck {
  form: OverrideForm
  errors: Partial<Record<Bound | 'limit', string>>
}

/** A number as people write it here: "4,5" and "4.5" alike, nothing else ("4,5,6", "1e3", "abc" are not). */
export function parseNumber(text: string): number | null {
  const t = text.trim()
  if (!/^[-+−]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null
  const n = Number(t.replace('−', '-').replace(',', '.'))
  return Number.isFinite(n) ? n : null
}

/**
 * The values to store for the limit, or the refusals. Empty fields keep the preset's value; min is compared
 * with max as they would be in force, so an own min above the preset's max is refused too.
 */
export function checkOverride(
  lang: Lang,
  t: ThresholdsText,
  thresholds: ZoneThresholds,
  form: OverrideForm,
): { ok: true; min: number | null; max: number | null } | ({ ok: false } & OverrideCheck) {
  const errors: OverrideCheck['errors'] = {}
  const limit = thresholds.limits.find((l) => l.metric === form.metric && l.severity === form.severity)
  if (!limit || !isMetric(form.metric)) return { ok: false, form, errors: { limit: t.unknownLimit } }
  const { physical, unit, decimals } = METRICS[form.metric]
  const values: Record<Bound, number | null> = { min: null, max: null }
  for (const bound of ['min', 'max'] as const) {
    if (form[bound].trim() === '') continue
    const n = parseNumber(form[bound])
    if (n === null) errors[bound] = t.notANumber
    else if (n < physical[0] || n > physical[1])
      errors[bound] = t.outOfRange(
        formatNumber(lang, physical[0]),
        formatNumber(lang, physical[1]),
        displayUnit(unit),
      )
    else values[bound] = n
  }
  if (errors.min || errors.max) return { ok: false, form, errors }
  // What would be in force: the own value, else the preset's (not the old override, which this replaces).
  const inForce = (bound: Bound) =>
    values[bound] ?? presetValue(thresholds, form.metric, form.severity, bound)
  const min = inForce('min')
  const max = inForce('max')
  if (min !== null && max !== null && min > max) {
    errors[values.min !== null ? 'min' : 'max'] = t.minAboveMax(
      formatNumber(lang, min, decimals),
      formatNumber(lang, max, decimals),
    )
    return { ok: false, form, errors }
  }
  return { ok: true, min: values.min, max: values.max }
}

/** The preset's own value for one bound of a limit (what applies once the area's value is cleared). */
export function presetValue(
  thresholds: ZoneThresholds,
  metric: string,
  severity: string,
  bound: Bound,
): number | null {
  const id = thresholds.preset?.id
  if (!id || !isPresetId(id)) return null
  const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS[id].limits
  const limit = limits.find((l) => l.metric === metric && l.severity === severity)
  return limit?.[bound] ?? null
}
