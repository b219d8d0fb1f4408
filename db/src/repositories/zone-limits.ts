// The limits a growing area is held to: its threshold preset (contracts/src/thresholds.ts) with the area's
// own values for single limits, exactly as the area's preset alert rules are written from them
// (alerts/preset-limits.ts decides; this reads). The compliance report and evidence use the same numbers.
import type { PresetId } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { applyOverrides, type EffectiveLimit, presetLimits } from './alerts/preset-limits.ts'
import { storedThresholds } from './alerts/preset-rules.ts'

export interface ZoneLimits {
  zone: string
  /** null when the area has no preset, or names one that no longer exists. */
  preset: PresetId | null
  /** One per (metric, severity), in the preset's order; a null side is open. */
  limits: EffectiveLimit[]
}

/** The band a reading must lie in (bounds inclusive) to count as within limits; null sides are open. */
export interface Band {
  min: number | null
  max: number | null
}

/** The area's effective limits; null for an unknown area. */
export async function zoneLimits(db: Pick<Database, 'query'>, zone: string): Promise<ZoneLimits | null> {
  const stored = await storedThresholds(db, zone)
  if (!stored) return null
  const { preset, overrides } = stored
  return { zone, preset, limits: preset === null ? [] : applyOverrides(presetLimits(preset), overrides) }
}

/**
 * The within-limits band of one metric: inside every limit at once, so no tier raises an alarm. For the
 * nested tiers presets have (pond_tiered_hue: major DO ≥ 3, critical DO ≥ 2) that is the least severe
 * tier's band, the widest one that still counts as fine; an override that moved a severe tier inside it
 * is honoured too. null when the metric has no limit.
 */
export function withinBand(
  limits: readonly Pick<EffectiveLimit, 'metric' | 'min' | 'max'>[],
  metric: string,
): Band | null {
  const own = limits.filter((l) => l.metric === metric)
  if (own.length === 0) return null
  const mins = own.flatMap((l) => (l.min === null ? [] : [l.min]))
  const maxes = own.flatMap((l) => (l.max === null ? [] : [l.max]))
  return {
    min: mins.length > 0 ? Math.max(...mins) : null,
    max: maxes.length > 0 ? Math.min(...maxes) : null,
  }
}
