// One multi-parameter probe: the zone's ideal water plus what makes each real probe differ: a fixed
// calibration offset, slow drift (water is patchy and changes over hours) and a little reading noise.
import type { Metric } from '@zonetrace/contracts'
import type { WaterFault } from './faults/pond-faults.ts'
import { gaussian, mulberry32 } from './prng.ts'
import type { ZoneProfile } from './profiles.ts'
import { idealWater, type WaterState } from './water.ts'

type Core = 'salinity' | 'temperature' | 'dissolved_oxygen' | 'ph'

interface NoiseSpec {
  offset: number
  drift: number
  jitter: number
  decimals: number
}

const NOISE: Record<Core, NoiseSpec> = {
  salinity: { offset: 0.08, drift: 0.04, jitter: 0.01, decimals: 2 }, // fractions of the value
  temperature: { offset: 0.3, drift: 0.3, jitter: 0.05, decimals: 2 },
  dissolved_oxygen: { offset: 0.3, drift: 0.3, jitter: 0.05, decimals: 2 },
  ph: { offset: 0.05, drift: 0.04, jitter: 0.01, decimals: 2 },
}
const CORE = Object.keys(NOISE) as Core[]
/** Drift correlation time: patches of different water pass a probe over a few hours. */
const DRIFT_TAU_SECONDS = 3 * 3600

// Quantities a probe derives from the core four (conversion factors from water-dynamics.md).
const DERIVED: Partial<Record<Metric, (w: WaterState) => number>> = {
  conductivity: (w) => round(w.salinity * 1950, 0), // 1 ppt ≈ 1.9–2 mS/cm
  chloride: (w) => round(w.salinity * 553, 0), // mg/L ≈ ppt × 553
  water_level: (w) => round(w.tide * 150, 1), // 3–4 m tidal range on this coast
}

export function simulatedMetric(metric: string): boolean {
  return (CORE as string[]).includes(metric) || Object.hasOwn(DERIVED, metric)
}

export interface Probe {
  /**
   * Values at `timeMs`; call with increasing times, `dtSeconds` apart, for the drift to be right.
   * `freshening` is the run's Weather.freshening at that time (0 when it has not rained lately).
   */
  sample(timeMs: number, dtSeconds: number, freshening?: number): Partial<Record<Metric, number>>
}

/** `pond` changes the water itself (a stopped aerator) before this probe's own errors are added. */
export function createProbe(
  profile: ZoneProfile,
  seed: number,
  metrics: readonly Metric[],
  pond?: WaterFault,
): Probe {
  const rand = mulberry32(seed)
  const offset = Object.fromEntries(CORE.map((m) => [m, NOISE[m].offset * gaussian(rand)])) as Record<
    Core,
    number
  >
  const drift: Record<Core, number> = { salinity: 0, temperature: 0, dissolved_oxygen: 0, ph: 0 }

  return {
    sample(timeMs, dtSeconds, freshening = 0) {
      const rho = Math.exp(-dtSeconds / DRIFT_TAU_SECONDS)
      const clean = idealWater(profile, timeMs, freshening)
      const ideal = pond ? pond(timeMs, clean) : clean
      const w: WaterState = { ...ideal }
      for (const m of CORE) {
        const spec = NOISE[m]
        // AR(1): stationary spread `spec.drift` whatever the sampling interval.
        drift[m] = rho * drift[m] + spec.drift * Math.sqrt(1 - rho * rho) * gaussian(rand)
        const noise = offset[m] + drift[m] + spec.jitter * gaussian(rand)
        w[m] = m === 'salinity' ? ideal.salinity * (1 + noise) : ideal[m] + noise
      }
      w.salinity = Math.max(0.01, w.salinity)
      w.dissolved_oxygen = Math.max(0.05, w.dissolved_oxygen)
      w.ph = Math.min(10, Math.max(4, w.ph))

      const out: Partial<Record<Metric, number>> = {}
      for (const metric of metrics) {
        const derive = DERIVED[metric]
        if (derive) out[metric] = derive(w)
        else if ((CORE as string[]).includes(metric))
          out[metric] = round(w[metric as Core], NOISE[metric as Core].decimals)
      }
      return out
    },
  }
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals
  return Math.round(x * f) / f
}
