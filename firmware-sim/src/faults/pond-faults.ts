// Faults of the pond's water itself rather than of a probe: they change what every probe of the gateway
// measures, before each adds its own offset, drift and noise.
import type { ZoneProfile } from '../profiles.ts'
import type { WaterState } from '../water.ts'
import { type AeratorDrill, createAerator } from './aerator-failure.ts'
import type { FaultName } from './names.ts'

/** Zone kinds run with aerators: only intensive shrimp ponds; canals, fields and intakes have none. */
export const AERATED_KINDS: readonly string[] = ['shrimp_pond']

/** The water at `timeMs` given the fault-free water; returns a new state, the input is left alone. */
export type WaterFault = (timeMs: number, water: WaterState) => WaterState

interface PondFaultOptions {
  kind: string | undefined
  profile: ZoneProfile
  seed: number
  startMs: number
  aeratorDrill?: AeratorDrill | undefined
}

/** Undefined when none of `faults` touches this kind of water, so a clean pond costs nothing. */
export function createPondFaults(
  faults: readonly FaultName[],
  opts: PondFaultOptions,
): WaterFault | undefined {
  if (!faults.includes('aerator-failure') || !AERATED_KINDS.includes(opts.kind ?? '')) return undefined
  const aerator = createAerator({
    seed: opts.seed,
    startMs: opts.startMs,
    cycle: opts.profile.dissolvedOxygen,
    drill: opts.aeratorDrill,
  })
  return (timeMs, water) => ({ ...water, dissolved_oxygen: aerator.oxygen(timeMs, water.dissolved_oxygen) })
}
