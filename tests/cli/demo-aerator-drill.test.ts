// The demo's live alert without running the demo: its simulator options replayed through the model for a
// start at every hour of the day. The shrimp pond's aerator drill must put DO under the shrimp_pond preset's
// limit long enough for the preset rule to open its alert within about five minutes of the start, give the
// oxygen back after the restart, and leave every other demo gateway exactly as it was.
import {
  banner,
  DEMO_AERATOR_DRILL,
  DEMO_AREAS,
  DEMO_FAULTS,
  DEMO_GATEWAYS,
  demoInfo,
  demoZoneKinds,
} from '@zonetrace/cli'
import { type Metric, THRESHOLD_PRESETS, type ThresholdLimit } from '@zonetrace/contracts'
import { PRESET_RULE_TIMING } from '@zonetrace/db'
import { createPackSource, createWeather, type FaultName, type TimedPack } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'

const INTERVAL_SECONDS = 10 // the demo's default --interval
const METRICS: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
const pond = DEMO_AREAS.find((a) => a.kind === 'shrimp_pond')!
const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS[pond.preset].limits
const DO_MIN = limits.find((l) => l.metric === 'dissolved_oxygen' && l.min !== undefined)!.min!

/** The demo fleet as runDemo hands it to the simulator: same order, kinds and probes. */
function demoRun(seed: number, startMs: number, faults: readonly FaultName[], minutes: number) {
  const kinds = demoZoneKinds()
  const weather = createWeather({ seed })
  return DEMO_GATEWAYS.map((g, index) => {
    const sensors = []
    for (let j = 1; j <= g.probes; j++)
      for (const metric of METRICS) sensors.push({ sensorId: `${g.id}-s${j}`, metric })
    const source = createPackSource({
      gateway: { gatewayId: g.id, sensors },
      kind: kinds[g.id],
      seed,
      index,
      intervalSeconds: INTERVAL_SECONDS,
      startMs,
      faults,
      aeratorDrill: DEMO_AERATOR_DRILL,
      weather,
    })
    return { id: g.id, packs: Array.from({ length: (minutes * 60) / INTERVAL_SECONDS }, () => source.next()) }
  })
}

/** Seconds from the start until the preset rule would open: DO under the limit for forSeconds running. */
function opensAfter(packs: TimedPack[], probe: number): number | undefined {
  let since: number | undefined
  for (const p of packs) {
    const v = p.probes[probe]!.values.dissolved_oxygen!
    if (v >= DO_MIN) since = undefined
    else {
      since ??= p.timeMs
      if (p.timeMs - since >= PRESET_RULE_TIMING.forSeconds * 1000)
        return (p.timeMs - packs[0]!.timeMs) / 1000
    }
  }
  return undefined
}

describe("the demo's aerator drill", () => {
  const pondGateway = DEMO_GATEWAYS.find((g) => g.zone === pond.code)!
  // 00:00 local time on 10 March 2026, then every hour of that day; the demo's default seed and two more.
  const starts = Array.from({ length: 24 }, (_, h) => Date.UTC(2026, 2, 9, 17 + h))

  it.each([1, 2, 3])('opens the alert within five minutes of the start at any hour (seed %i)', (seed) => {
    for (const startMs of starts) {
      const pondRun = demoRun(seed, startMs, DEMO_FAULTS, 20).find((r) => r.id === pondGateway.id)!
      const clean = demoRun(seed, startMs, [], 20).find((r) => r.id === pondGateway.id)!
      for (let j = 0; j < pondGateway.probes; j++) {
        const at = opensAfter(pondRun.packs, j)
        const hour = new Date(startMs + 7 * 3_600_000).getUTCHours()
        expect(at, `${hour}:00, probe ${j + 1}`).toBeDefined()
        expect(at!).toBeGreaterThan(DEMO_AERATOR_DRILL.afterSeconds)
        expect(at!).toBeLessThanOrEqual(5 * 60)
        // Two minutes after the restart the pond is back to its clean self, to 0.05 mg/L.
        const back =
          (DEMO_AERATOR_DRILL.afterSeconds + DEMO_AERATOR_DRILL.offSeconds + 120) / INTERVAL_SECONDS
        for (let k = back; k < pondRun.packs.length; k++) {
          const diff =
            clean.packs[k]!.probes[j]!.values.dissolved_oxygen! -
            pondRun.packs[k]!.probes[j]!.values.dissolved_oxygen!
          expect(diff).toBeLessThan(0.05)
        }
      }
    }
  })

  it('leaves every other demo gateway exactly as without the fault', () => {
    const startMs = starts[14]!
    const faulty = demoRun(1, startMs, DEMO_FAULTS, 30)
    const clean = demoRun(1, startMs, [], 30)
    for (const [i, r] of faulty.entries()) {
      if (r.id === pondGateway.id) expect(r.packs).not.toEqual(clean[i]!.packs)
      else expect(r.packs, r.id).toEqual(clean[i]!.packs)
    }
  })

  it('the banner says when to expect it and where to watch it', () => {
    const info = demoInfo({
      apiPort: 3000,
      mqttPort: 1883,
      adminToken: 'tok',
      database: 'embedded',
      gateways: DEMO_GATEWAYS.map((g) => g.id),
      labelUrl: 'http://localhost:3000/01/x',
      accounts: [],
    })
    const text = banner(info, '.zonetrace/demo.json')
    expect(text).toContain(`the shrimp pond ${pond.code} (gateway`)
    expect(text).toContain(`under ${DO_MIN} mg/L`)
    expect(text).toContain(
      "curl -H 'Authorization: Bearer tok' 'http://localhost:3000/api/v1/alerts?state=active'",
    )
    expect(text).toContain(
      "curl -N -H 'Authorization: Bearer tok' 'http://localhost:3000/api/v1/alerts/stream'",
    )
    expect(info).toMatchObject({ alertsUrl: 'http://localhost:3000/api/v1/alerts?state=active' })
  })
})
