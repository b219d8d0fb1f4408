// Parameter names station loggers commonly write, mapped to our metrics. The circular fixes the line
// layout, not the parameter names, so these are the usual English codes and their unaccented Vietnamese
// forms; a station's config adds or overrides names (inputs.circular10[].names). Lookup ignores case.
// Deliberately absent: NH4+ (ammonium is not NH3) and COD/BOD/TOC, which have no metric of ours.
import { isMetric, type Metric } from '@zonetrace/contracts'

export const DEFAULT_CIRCULAR10_NAMES: Readonly<Record<string, Metric>> = {
  pH: 'ph',
  DO: 'dissolved_oxygen',
  Temp: 'temperature',
  Temperature: 'temperature',
  Nhiet_do: 'temperature',
  Salinity: 'salinity',
  Sal: 'salinity',
  Do_man: 'salinity',
  EC: 'conductivity',
  Conductivity: 'conductivity',
  Turbidity: 'turbidity',
  TUR: 'turbidity',
  Do_duc: 'turbidity',
  TSS: 'tss',
  NH3: 'nh3',
  H2S: 'h2s',
  Alkalinity: 'alkalinity',
  Do_kiem: 'alkalinity',
  Cl: 'chloride',
  'Cl-': 'chloride',
  Level: 'water_level',
  WL: 'water_level',
  Muc_nuoc: 'water_level',
}

/**
 * The defaults with a station's own names over them. Throws with every bad entry listed when a name maps
 * to something that is not a metric: a config mistake to fix before any file is read.
 */
export function circular10Names(
  configured: Readonly<Record<string, string>> = {},
): Readonly<Record<string, Metric>> {
  const bad = Object.entries(configured).filter(([, metric]) => !isMetric(metric))
  if (bad.length > 0) {
    throw new Error(
      `circular10 names map to unknown metrics: ${bad.map(([n, m]) => `${n} → ${m}`).join(', ')}`,
    )
  }
  return { ...DEFAULT_CIRCULAR10_NAMES, ...(configured as Record<string, Metric>) }
}
