// Turns one gateway's provisioned channels into a deterministic stream of samples, one per interval, each
// carrying every probe of the gateway (one SenML base name per probe). No I/O: tests replay it directly.
import { buildSenmlPack, type GatewayCredentials, type Metric, type QualityFlag } from '@zonetrace/contracts'
import type { AeratorDrill } from './faults/aerator-failure.ts'
import { createGatewayFaults } from './faults/gateway-faults.ts'
import type { FaultName } from './faults/names.ts'
import { createPondFaults } from './faults/pond-faults.ts'
import { createProbeFaults, type ProbeFaults } from './faults/probe-faults.ts'
import { deriveSeed } from './prng.ts'
import { createProbe, type Probe, simulatedMetric } from './probe.ts'
import { profileFor } from './profiles.ts'
import { createWeather, type Weather } from './weather.ts'

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
  /** Field faults to inject (default none). */
  faults?: readonly FaultName[] | undefined
  /** With aerator-failure in a shrimp pond: a stop at a set time after `startMs`, before the seeded nights. */
  aeratorDrill?: AeratorDrill | undefined
  /** The run's rain; shared by all gateways of a run. Default: seeded from `seed`. */
  weather?: Weather | undefined
}

export interface ProbeSample {
  sensorId: string
  values: Partial<Record<Metric, number>>
  quality: Partial<Record<Metric, QualityFlag>>
  /** The probe did not answer: left out of the pack; `values` is what the logger read last. */
  dropped: boolean
}

export interface TimedPack {
  /** True simulated time of the sample, ms: when the gateway sends it. */
  timeMs: number
  /** The gateway clock's reading of that time, stamped on the readings (off under clock-skew). */
  stampMs: number
  /** False during a power cut: nothing is measured or sent, and `pack` is empty. */
  powered: boolean
  probes: ProbeSample[]
  /** SenML for the probes that answered; empty when none did. */
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

interface ProbeRun {
  sensorId: string
  probe: Probe
  faults: ProbeFaults
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
  const faults = opts.faults ?? []
  const weather = opts.weather ?? createWeather({ seed: opts.seed })
  // Fault streams are seeded apart from the probe noise: the same seed gives the same water with or
  // without faults, so a faulty run can be compared value by value with a clean one.
  const pond = createPondFaults(faults, {
    kind: opts.kind,
    profile,
    seed: deriveSeed(opts.seed, opts.index, 'pond'),
    startMs: opts.startMs,
    aeratorDrill: opts.aeratorDrill,
  })
  const probes: ProbeRun[] = [...byProbe].map(([sensorId, metrics], j) => ({
    sensorId,
    probe: createProbe(profile, deriveSeed(opts.seed, opts.index, j), metrics, pond),
    faults: createProbeFaults(faults, deriveSeed(opts.seed, opts.index, j, 'faults'), opts.startMs),
  }))
  const gateway = createGatewayFaults(faults, deriveSeed(opts.seed, opts.index, 'gateway'), opts.startMs)
  const timeOf = (k: number) => opts.startMs + k * opts.intervalSeconds * 1000
  let k = 0

  return {
    gatewayId: opts.gateway.gatewayId,
    skipped,
    timeOf,
    next() {
      const timeMs = timeOf(k++)
      const stampMs = gateway.stamp(timeMs)
      const freshening = weather.freshening(timeMs)
      // The water and the faults run on through a power cut, so what follows it is what a clean run has.
      const samples = probes.map(({ sensorId, probe, faults }) => ({
        sensorId,
        ...faults.apply(timeMs, probe.sample(timeMs, opts.intervalSeconds, freshening)),
      }))
      if (!gateway.powered(timeMs)) return { timeMs, stampMs, powered: false, probes: [], pack: [] }
      const pack = samples.flatMap((s) =>
        s.dropped ? [] : buildSenmlPack(s.sensorId, stampMs, s.values, s.quality),
      )
      return { timeMs, stampMs, powered: true, probes: samples, pack }
    },
  }
}
