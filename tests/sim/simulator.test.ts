// The simulator against the real broker and database: what it publishes is accepted and stored.
import { startBroker } from '@zonetrace/broker'
import type { GatewayCredentials } from '@zonetrace/contracts'
import { provisionGateway } from '@zonetrace/db'
import { startSimulator } from '@zonetrace/firmware-sim'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { until } from '../helpers/wait.ts'

const silent = pino({ level: 'silent' })
const PROBE = ['salinity', 'ph', 'dissolved_oxygen', 'temperature'] as const

let testDb: TestDB
let broker: Awaited<ReturnType<typeof startBroker>>
let gateways: GatewayCredentials[]

beforeAll(async () => {
  testDb = await getTestDB()
  const zone = await seedZone(testDb.db)
  gateways = []
  for (const id of ['sim-a', 'sim-b']) {
    const sensors = [1, 2].flatMap((j) => PROBE.map((metric) => ({ sensorId: `${id}-s${j}`, metric })))
    gateways.push(await provisionGateway(testDb.db, { id, zone, sensors }))
  }
  broker = await startBroker({ db: testDb.db, port: 0, host: '127.0.0.1', logger: silent })
})

afterAll(async () => {
  await broker?.close()
  await testDb?.close()
})

describe('startSimulator against the broker', () => {
  it('publishes acknowledged packs whose readings are stored on simulated time', async () => {
    const started = Date.now()
    const sim = await startSimulator({
      url: `mqtt://127.0.0.1:${broker.port}`,
      gateways,
      zoneKinds: { 'sim-a': 'shrimp_pond', 'sim-b': 'rice_field' },
      intervalSeconds: 60,
      speed: 600, // ten simulated minutes per real second
      seed: 1,
      logger: silent,
      progressEverySeconds: 0,
    })
    try {
      await until('ten acknowledged packs', () => sim.published() >= 10)
    } finally {
      await sim.stop()
    }
    const published = sim.published()
    // Every acknowledged pack was committed by the broker before its PUBACK.
    const rows = await testDb.db.query<{ sensor: string; n: number; first: Date; last: Date }>(
      `select sensor_id as sensor, count(*)::int as n, min(time) as first, max(time) as last
         from readings group by sensor_id order by sensor_id`,
    )
    expect(rows.map((r) => r.sensor)).toEqual(['sim-a-s1', 'sim-a-s2', 'sim-b-s1', 'sim-b-s2'])
    const total = rows.reduce((s, r) => s + r.n, 0)
    expect(total).toBe(published * 2 * PROBE.length)
    const a = rows[0]!
    expect(a.first.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000)
    // Packs are one simulated minute apart, ahead of the real clock at this speed.
    expect((a.last.getTime() - a.first.getTime()) / 60_000).toBe(a.n / PROBE.length - 1)
  })

  it('fails fast with a clear message when the broker refuses the credentials', async () => {
    const wrong = { ...gateways[0]!, password: 'not-the-secret' }
    await expect(
      startSimulator({
        url: `mqtt://127.0.0.1:${broker.port}`,
        gateways: [wrong],
        intervalSeconds: 10,
        speed: 1,
        seed: 1,
        logger: silent,
        connectTimeoutMs: 10_000,
      }),
    ).rejects.toThrow(/gateway sim-a could not connect .*not authorised/)
  })

  it('gives up on an unreachable broker after the connect timeout', async () => {
    await expect(
      startSimulator({
        url: 'mqtt://127.0.0.1:1',
        gateways: [gateways[1]!],
        intervalSeconds: 10,
        speed: 1,
        seed: 1,
        logger: silent,
        connectTimeoutMs: 1500,
      }),
    ).rejects.toThrow(/gateway sim-b could not connect/)
  })
})
