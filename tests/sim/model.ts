// Runs the simulator's model directly, sample by sample, with no clock and no network: a simulated month
// takes a fraction of a second.
import type { Metric } from '@zonetrace/contracts'
import { createPackSource, type FaultName, type TimedPack, type Weather } from '@zonetrace/firmware-sim'

export const CORE: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
export const HOUR = 3600
export const DAY = 24 * HOUR
export const WEEK = 7 * DAY
/** 00:00 local time (UTC+7) on 3 March 2026: the dry season. */
export const DRY_START = Date.UTC(2026, 2, 2, 17)
/** 00:00 local time on 1 September 2026: the wet season. */
export const WET_START = Date.UTC(2026, 7, 31, 17)

export function gateway(id: string, probes = 1) {
  const sensors = []
  for (let j = 1; j <= probes; j++)
    for (const metric of CORE) sensors.push({ sensorId: `${id}-s${j}`, metric })
  return { gatewayId: id, sensors }
}

export interface ModelRun {
  kind: string
  seed: number
  intervalSeconds: number
  seconds: number
  startMs?: number
  faults?: FaultName[]
  probes?: number
  weather?: Weather
}

export function simulate(r: ModelRun): TimedPack[] {
  const src = createPackSource({
    gateway: gateway('gw-1', r.probes ?? 1),
    kind: r.kind,
    seed: r.seed,
    index: 0,
    intervalSeconds: r.intervalSeconds,
    startMs: r.startMs ?? DRY_START,
    faults: r.faults,
    weather: r.weather,
  })
  return Array.from({ length: Math.floor(r.seconds / r.intervalSeconds) }, () => src.next())
}

/** One metric of the first probe, sample by sample (undefined where the probe sent nothing). */
export function seriesOf(packs: TimedPack[], metric: Metric): (number | undefined)[] {
  return packs.map((p) => {
    const probe = p.probes[0]
    return p.powered && probe && !probe.dropped ? probe.values[metric] : undefined
  })
}

export function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length
}
