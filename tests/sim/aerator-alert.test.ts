// The demo's live alert, end to end and fast: a simulated shrimp-pond gateway whose aerator stops, the real
// broker with its alert engine, a real database. The crash must open a live (not historical) critical DO
// alert per probe, and the restart must clear it. The drill plays a pond hour per real second, and the
// rule keeps the shrimp_pond preset's limit with its one- and five-minute timings shortened to seconds.
import { startBroker } from '@zonetrace/broker'
import { type Metric, THRESHOLD_PRESETS, type ThresholdLimit } from '@zonetrace/contracts'
import { provisionGateway, upsertGrowingArea } from '@zonetrace/db'
import { startSimulator } from '@zonetrace/firmware-sim'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { sleep, until } from '../helpers/wait.ts'
import { addRule } from '../rules/engine-harness.ts'

const silent = pino({ level: 'silent' })
const ZONE = 'VN-TEST-SHRIMP-01'
const GATEWAY = 'pond-aerator'
const PROBES = [`${GATEWAY}-s1`, `${GATEWAY}-s2`]
const METRICS: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS.shrimp_pond.limits
const DO_LIMIT = limits.find((l) => l.metric === 'dissolved_oxygen' && l.min !== undefined)!

let testDb: TestDB
let broker: Awaited<ReturnType<typeof startBroker>>

beforeAll(async () => {
  testDb = await getTestDB()
  await seedZone(testDb.db)
  await upsertGrowingArea(testDb.db, {
    code: ZONE,
    name: 'Ao tôm thử nghiệm',
    cooperativeId: 'htx-test',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    areaHa: 2,
    communeCode: '29338',
  })
})

afterAll(async () => {
  await broker?.close()
  await testDb?.close()
})

type AlertRow = {
  sensorId: string
  state: string
  historical: boolean
  severity: string
  value: number
}

describe('aerator failure in a shrimp pond, through the broker', () => {
  it('opens a live critical DO alert per probe during the crash and clears it after the restart', {
    timeout: 30_000,
  }, async () => {
    const ruleId = await addRule(testDb.db, {
      zone_code: ZONE,
      metric: 'dissolved_oxygen',
      kind: 'threshold',
      min: DO_LIMIT.min,
      severity: DO_LIMIT.severity,
      for_seconds: 1,
      clear_margin: 0.2,
      clear_for_seconds: 2,
    })
    broker = await startBroker({
      db: testDb.db,
      port: 0,
      host: '127.0.0.1',
      logger: silent,
      alerts: { lateAfterSeconds: 300 },
    })
    const gateway = await provisionGateway(testDb.db, {
      id: GATEWAY,
      zone: ZONE,
      sensors: PROBES.flatMap((sensorId) => METRICS.map((metric) => ({ sensorId, metric }))),
    })
    const alerts = () =>
      testDb.db.query<AlertRow>(
        `select sensor_id as "sensorId", state, historical, severity, value
           from alerts where rule_id = $1 order by sensor_id`,
        [ruleId],
      )
    const sim = await startSimulator({
      url: `mqtt://127.0.0.1:${broker.port}`,
      gateways: [gateway],
      zoneKinds: { [GATEWAY]: 'shrimp_pond' },
      intervalSeconds: 0.25,
      speed: 1,
      // Both probes of this seed read the pond at or above its true DO, so their clean readings stay over
      // the clear level (3.7 mg/L) at any hour of the day the test runs.
      seed: 16,
      faults: ['aerator-failure'],
      aeratorDrill: { afterSeconds: 2, offSeconds: 6, pace: 3600 },
      logger: silent,
      progressEverySeconds: 0,
    })
    try {
      // Nothing before the aerator stops: the pond is well above the limit.
      await sleep(1500)
      expect(await alerts()).toEqual([])

      const opened = await until(
        'an alert on each probe',
        async () => {
          const rows = await alerts()
          return rows.length === PROBES.length ? rows : undefined
        },
        // Wall-clock room for a loaded CI machine (the whole suite on 2 cores): it took 10.5 s alone.
        { timeoutMs: 30_000 },
      )
      for (const [i, a] of opened.entries()) {
        expect(a).toMatchObject({ sensorId: PROBES[i], historical: false, severity: 'critical' })
        expect(a.value).toBeLessThan(DO_LIMIT.min!)
      }

      const cleared = await until(
        'the alerts to clear',
        async () => {
          const rows = await alerts()
          return rows.every((a) => a.state === 'cleared') ? rows : undefined
        },
        { timeoutMs: 15_000 },
      )
      // Cleared, not replaced: still one alert per probe, live.
      expect(cleared.map((a) => [a.sensorId, a.historical])).toEqual(PROBES.map((p) => [p, false]))
    } finally {
      await sim.stop()
    }
  })
})
