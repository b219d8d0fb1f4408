// The simulator's Circular 10 station and the agent's file input must agree without any config: every
// parameter name the simulated station writes is one the agent maps, to the same metric, and a whole
// simulated file parses back with no problem lines.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_CIRCULAR10_NAMES, parseCircular10File } from '@zonetrace/edge-agent'
import { CIRCULAR10_DEFAULT_NAMES } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'

const METRICS = ['salinity', 'ph', 'dissolved_oxygen', 'temperature'] as const

describe('simulated station files read by the agent', () => {
  it('maps every parameter name the simulator writes to the same metric', () => {
    for (const [name, metric] of Object.entries(CIRCULAR10_DEFAULT_NAMES)) {
      expect(DEFAULT_CIRCULAR10_NAMES[name], name).toBe(metric)
    }
  })

  it('parses a file the simulator wrote with no problem lines', async () => {
    const { startSimulator } = await import('@zonetrace/firmware-sim')
    const dir = await mkdtemp(join(tmpdir(), 'zt-sim-c10-'))
    try {
      const sim = await startSimulator({
        target: { kind: 'circular10', dir, station: 'TV01' },
        gateways: [
          { gatewayId: 'TV01', sensors: METRICS.map((metric) => ({ sensorId: 'TV01-s1', metric })) },
        ],
        zoneKinds: { TV01: 'coconut_canal' },
        intervalSeconds: 60,
        speed: 600,
        seed: 7,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        progressEverySeconds: 0,
      })
      await expect
        .poll(async () => (await readdir(dir)).filter((f) => f.endsWith('.txt')).length)
        .toBeGreaterThan(0)
      await sim.stop()
      const name = (await readdir(dir)).find((f) => f.endsWith('.txt'))!
      const parsed = parseCircular10File(name, await readFile(join(dir, name), 'utf8'), {
        names: DEFAULT_CIRCULAR10_NAMES,
      })
      expect(parsed.ok).toBe(true)
      if (!parsed.ok) return
      expect(parsed.problems).toEqual([])
      expect(parsed.readings.length).toBeGreaterThanOrEqual(4)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
