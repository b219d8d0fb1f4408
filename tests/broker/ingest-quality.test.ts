// Physically impossible values are stored with a quality flag, not dropped and not dead-lettered (issue 3,
// item 5), and the series route leaves them out of its aggregates. Each metric is tried just past its
// physical range and exactly on its bounds, which are still good.
import { Quality } from '@zonetrace/contracts'
import { provisionGateway } from '@zonetrace/db'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiHarness, startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { type BrokerFixture, openBrokerFixture } from './broker-fixture.ts'

const SENSOR = 'gw-quality-s1'
// An hour-long window of instants one minute apart, an hour ago (inside the default ingest time bounds).
const T0 = Math.floor(Date.now() / 3_600_000) * 3600 - 7200

let api: ApiHarness
let fixture: BrokerFixture
let client: MqttClient

beforeAll(async () => {
  api = await startHarness()
  const gw = await provisionGateway(api.test.db, {
    id: 'gw-quality',
    zone: api.zone,
    sensors: (['salinity', 'ph', 'dissolved_oxygen', 'temperature'] as const).map((metric) => ({
      sensorId: SENSOR,
      metric,
    })),
  })
  fixture = await openBrokerFixture({ on: { db: api.test.db, zone: api.zone } })
  client = await fixture.connect(gw)
})
afterAll(async () => {
  await fixture?.close()
  await api?.close()
})

const CASES = [
  { metric: 'ph', flagged: [14.01, -0.01], good: [14, 0, 7.5] },
  { metric: 'salinity', flagged: [-0.1, 50.1], good: [0, 50, 4.2] },
  { metric: 'dissolved_oxygen', flagged: [25.1], good: [25, 0, 6] },
] as const

describe(`quality flags at the physical bounds (${backendName})`, () => {
  it.each(CASES)(
    'stores $metric past its range flagged and on its bounds as good',
    async ({ metric, flagged, good }) => {
      const values = [...flagged, ...good]
      const pack = [{ bn: `${SENSOR}:`, bt: T0 }, ...values.map((v, i) => ({ n: metric, v, t: i * 60 }))]
      await client.publishAsync(`zt/v1/gw/gw-quality/readings`, JSON.stringify(pack), { qos: 1 })

      const rows = await fixture.db.query<{ value: number; quality: number }>(
        `select value, quality from readings where sensor_id = $1 and metric = $2 order by time`,
        [SENSOR, metric],
      )
      expect(rows).toEqual([
        ...flagged.map((value) => ({ value, quality: Quality.outOfPhysicalRange })),
        ...good.map((value) => ({ value, quality: Quality.good })),
      ])
      // Not refused: no dead letter of any reason was raised.
      expect(Object.values(fixture.broker.stats().deadLetters.byReason).every((n) => n === 0)).toBe(true)

      // One bucket over the whole window: only the good values are counted, and none of the flagged ones
      // can be the min or the max.
      const from = new Date(T0 * 1000).toISOString()
      const to = new Date((T0 + 3600) * 1000).toISOString()
      const res = await api.app.inject({
        url: `/api/v1/sensors/${SENSOR}/series?metric=${metric}&from=${from}&to=${to}&bucket=1h`,
      })
      expect(res.statusCode).toBe(200)
      const [point, ...rest] = res.json().points
      expect(rest).toEqual([])
      expect(point.count).toBe(good.length)
      expect(point.min).toBe(Math.min(...good))
      expect(point.max).toBe(Math.max(...good))
    },
  )
})

describe(`quality set at the source (${backendName})`, () => {
  it('stores the zq flag of a reading, unless the value is impossible anyway', async () => {
    const pack = [
      { bn: `${SENSOR}:`, bt: T0 + 30, n: 'temperature', v: 29.5, zq: Quality.calibrating },
      { n: 'temperature', v: 29.6, t: 60, zq: Quality.clockSuspect },
      { n: 'temperature', v: 60, t: 120, zq: Quality.deviceError },
      { n: 'temperature', v: 29.7, t: 180 },
    ]
    await client.publishAsync(`zt/v1/gw/gw-quality/readings`, JSON.stringify(pack), { qos: 1 })
    const rows = await fixture.db.query<{ quality: number }>(
      `select quality from readings where sensor_id = $1 and metric = 'temperature' order by time`,
      [SENSOR],
    )
    expect(rows.map((r) => r.quality)).toEqual([
      Quality.calibrating,
      Quality.clockSuspect,
      Quality.outOfPhysicalRange,
      Quality.good,
    ])
  })
})
