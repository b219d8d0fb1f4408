// The unit spellings station loggers write, and the factor that brings each to our metric's unit
// (contracts METRICS). Stations differ in spelling, not in what they measure, so matching ignores case and
// the many ways of writing degrees and micro; a unit that does not measure the metric's quantity is refused
// for its line rather than guessed at.
//
// Salinity: ‰ ≈ g/L ≈ PSU ≈ ppt for this water (/work/shared/domain/water-dynamics.md, "Units").
import type { Metric } from '@zonetrace/contracts'

type Factors = Readonly<Record<string, number>>

const MASS_PER_LITRE: Factors = { 'mg/l': 1, ppm: 1, 'g/l': 1000, 'ug/l': 0.001 }

const UNITS: Readonly<Record<Metric, Factors>> = {
  salinity: { ppt: 1, '‰': 1, 'o/oo': 1, '%o': 1, psu: 1, 'g/kg': 1, 'g/l': 1 },
  ph: { ph: 1, '-': 1 },
  dissolved_oxygen: MASS_PER_LITRE,
  temperature: { cel: 1, '°c': 1, degc: 1 },
  turbidity: { ntu: 1 },
  conductivity: { 'us/cm': 1, 'ms/cm': 1000, 'ms/m': 10 },
  water_level: { cm: 1, m: 100, mm: 0.1 },
  tss: MASS_PER_LITRE,
  nh3: MASS_PER_LITRE,
  h2s: MASS_PER_LITRE,
  alkalinity: { ...MASS_PER_LITRE, 'mgcaco3/l': 1 },
  chloride: MASS_PER_LITRE,
}

/** Metrics a station may write without a unit: their values are dimensionless. */
const UNITLESS = new Set<Metric>(['ph'])

/**
 * The factor to multiply a value in `unit` by to get the metric's unit; undefined when the unit does not
 * fit the metric. `unit` undefined means the line had none.
 */
export function unitFactor(metric: Metric, unit: string | undefined): number | undefined {
  if (unit === undefined) return UNITLESS.has(metric) ? 1 : undefined
  return UNITS[metric][normalizeUnit(unit)]
}

function normalizeUnit(unit: string): string {
  return (
    unit
      .normalize('NFKC')
      .toLowerCase()
      // Micro sign (U+00B5) and Greek mu (U+03BC) both appear; NFKC already folds the first into the second.
      .replace(/μ/g, 'u')
      // Degree sign stand-ins: a letter o, or nothing before C (NFKC made º an o and ℃ a °c).
      .replace(/^[o°]?c$/, '°c')
  )
}
