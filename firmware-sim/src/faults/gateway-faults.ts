// Faults of the gateway as a whole (water-dynamics.md § Sensors and faults): a clock without network time
// that starts off and drifts, and power cuts that silence it until it boots and reconnects.
import { deriveSeed, mulberry32 } from '../prng.ts'
import { createEpisodes } from './episodes.ts'
import type { FaultName } from './names.ts'

export interface GatewayFaults {
  /** What the gateway's clock reads at true time `timeMs`. */
  stamp(timeMs: number): number
  /** False while the gateway has no power; call with non-decreasing times. */
  powered(timeMs: number): boolean
  /** The clock error this gateway was given, for logs and tests (0 without clock-skew). */
  readonly clock: { offsetMs: number; driftPpm: number }
}

const MINUTE_MS = 60_000
const DAY_MS = 1440 * MINUTE_MS

export function createGatewayFaults(
  faults: readonly FaultName[],
  seed: number,
  startMs: number,
): GatewayFaults {
  const clock = faults.includes('clock-skew') ? clockError(deriveSeed(seed, 'clock-skew')) : noClockError
  // A cut every three days or so, 15 minutes to 4 hours: a tripped breaker, a grid cut in the dry season.
  const cuts = faults.includes('power-loss')
    ? createEpisodes(deriveSeed(seed, 'power-loss'), startMs, {
        meanGapMs: 3 * DAY_MS,
        minMs: 15 * MINUTE_MS,
        maxMs: 240 * MINUTE_MS,
      })
    : undefined
  return {
    clock,
    stamp: (timeMs) => Math.round(timeMs + clock.offsetMs + (clock.driftPpm * (timeMs - startMs)) / 1e6),
    powered: (timeMs) => cuts?.at(timeMs) === undefined,
  }
}

const noClockError = { offsetMs: 0, driftPpm: 0 }

/** Set by hand once, 1–15 minutes off either way, then a cheap crystal's 20–200 ppm (2–17 s a day). */
function clockError(seed: number): { offsetMs: number; driftPpm: number } {
  const rand = mulberry32(seed)
  const sign = () => (rand() < 0.5 ? -1 : 1)
  return {
    offsetMs: sign() * Math.round((1 + 14 * rand()) * MINUTE_MS),
    driftPpm: sign() * Math.round(20 + 180 * rand()),
  }
}
