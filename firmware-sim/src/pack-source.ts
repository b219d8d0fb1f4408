// Turns one gateway's provisioned channels into a deterministic stream of SenML packs, one per interval,
// each carrying every probe of the gateway (one base name per probe). No I/O: tests replay it directly.
import { buildSenmlPack, type GatewayCredentials, type Metric } from '@zonetrace/contracts'
import { deriveSeed } from './prng.ts'
import { createProbe, type Probe, simulatedMetric } from './probe.ts'
import { profileFor } from './profiles.ts'

export interface PackSourceOptions {
  gateway: Pick<GatewayCredentials, 'gatewayId' | 'sensors'>
  /** Zone kind (shrimp_pond, coconut_canal, rice_field, orchard_canal…); unknown kinds behave as a canal. */
  kind?: string | undefined
  seed: number
  /** Position of the gateway in the run; seeds derive from it, not from ids, so reruns with new ids repeat. */
  index: number
  intervalSeconds: number
  /** Simulated time of the first pack, in ms. */
  startMs: number
}

export interface TimedPack {
  timeMs: number
  pack: unknown[]
}

export interface PackSource {
  readonly gatewayId: string
  /** Channels the model cannot produce (turbidity, nh3…): never published. */
  readonly skipped: string[]
  timeOf(k: number): number
  /** The next pack in sequence. */
  next(): TimedPack
}

export function createPackSource(opts: PackSourceOptions): PackSource {
  const byProbe = new Map<string, Metric[]>()
  const skipped: string[] = []
  for (const { sensorId, metric } of opts.gateway.sensors) {
    if (!simulatedMetric(metric)) {
      skipped.push(`${sensorId}:${metric}`)
      continue
    }
    byProbe.set(sensorId, [...(byProbe.get(sensorId) ?? []), metric])
  }
  const profile = profileFor(opts.kind)
  const probes: [string, Probe][] = [...byProbe].map(([sensorId, metrics], j) => [
    sensorId,
    createProbe(profile, deriveSeed(opts.seed, opts.index, j), metrics),
  ])
  const timeOf = (k: number) => opts.startMs + k * opts.intervalSeconds * 1000
  let k = 0

  return {
    gatewayId: opts.gateway.gatewayId,
    skipped,
    timeOf,
    next() {
      const timeMs = timeOf(k++)
      const pack = probes.flatMap(([sensorId, probe]) =>
        buildSenmlPack(sensorId, timeMs, probe.sample(timeMs, opts.intervalSeconds)),
      )
      return { timeMs, pack }
    },
  }
}
