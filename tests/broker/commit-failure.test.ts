// Fault injected: the readings table is renamed away while a gateway publishes, so the batch commit fails
// with a statement error (undefined table). Unlike an unreachable database (outage.test.ts), retrying the
// same statement could never succeed, so the batch is given up rather than held.
// Must survive: the gateway gets no PUBACK (its connection is closed instead), the failure is logged and
// counted once, and once the table is back the gateway's own resend after reconnecting is stored and
// acknowledged.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import {
  closeOf,
  connectGateway,
  countReadings,
  provisionTestGateway,
  readingsTopic,
  sensorOf,
  startTestBroker,
  type TestBroker,
} from './harness.ts'

let t: TestDB
let b: TestBroker
let gw: GatewayCredentials
beforeAll(async () => {
  t = await getTestDB()
  gw = await provisionTestGateway(t.db, await seedZone(t.db))
  b = await startTestBroker(t.db, { batch: { maxDelayMs: 5 } })
})
afterAll(async () => {
  await b?.broker.close()
  await t?.close()
})

describe(`broker when a batch commit fails (${backendName})`, () => {
  it('withholds the PUBACK, disconnects, and stores the resend after the database recovers', async () => {
    const client = await connectGateway(b.url, gw, { reconnectPeriod: 300 })
    const sensor = sensorOf(gw)
    const body = JSON.stringify([{ bn: `${sensor}:`, bt: 1_764_400_000, n: 'salinity', v: 4.2 }])

    await t.db.query('alter table readings rename to readings_parked')
    let acked = false
    const published = new Promise<void>((resolve, reject) =>
      client.publish(readingsTopic(gw), body, { qos: 1 }, (err) => {
        acked = true
        if (err) reject(err)
        else resolve()
      }),
    )
    try {
      await closeOf(client)
      expect(acked).toBe(false)
    } finally {
      await t.db.query('alter table readings_parked rename to readings')
    }
    expect(b.logs.filter((l) => l.msg === 'reading batch commit failed')).toHaveLength(1)

    await published
    expect(await countReadings(t.db, sensor)).toBe(1)
    expect(b.broker.stats()).toMatchObject({ commitFailures: 1, dbErrors: 1, retrying: false })
    await client.endAsync()
  })
})
