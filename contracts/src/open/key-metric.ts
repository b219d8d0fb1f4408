// Which metric the public map charts for an area: the one its harvest depends on most. A shrimp pond lives
// or dies by its dissolved oxygen at night (QCVN 02-19:2014 sets its floor); a crop on the coast by the salt
// that intrusion brings up the canals. Otherwise the preset's first limit, which each preset lists first
// because it matters most.
import type { Metric } from '../metrics.ts'
import { isPresetId, THRESHOLD_PRESETS, type ThresholdLimit } from '../thresholds.ts'

export function keyMetricOf(kind: string, preset: string | null): Metric | null {
  if (preset === null || !isPresetId(preset)) return null
  const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS[preset].limits
  const has = (metric: Metric) => limits.some((l) => l.metric === metric)
  if (kind === 'shrimp_pond' && has('dissolved_oxygen')) return 'dissolved_oxygen'
  if (kind !== 'shrimp_pond' && has('salinity')) return 'salinity'
  return limits[0]?.metric ?? null
}
