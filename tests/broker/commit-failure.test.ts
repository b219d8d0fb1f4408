// Fault injected: the readings table is renamed away while a gateway publishes, so the batch commit fails
// with a statement error (undefined table). Unlike an unreachable database (outage.test.ts), retrying the
// same statement could never succeed, so the batch is given up rather than held.
// Must survive: the gateway gets no PUBACK (its connection is closed instead), the failure is logged and
// counted once, and once the table is back the gateway's own resend after reconnecting is stored and
// acknowledged.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { type BrokerFixture, openBrokerFixture } from './broker-fixture.ts'
import { closeOf, countReadings, readingsTopic, sensorOf } from './harness.ts'

let fixture: BrokerFixture
let gw: GatewayCredentials
beforeAll(async () => {
  fixture = await openBrokerFixture({ gateways: 1, broker: { batch: { maxDelayMs: 5 } } })
  gw = fixture.gateways[0]!
})
afterAll(() => fixture?.close())

describe(`broker when a batch commit fails (${backendName})`, () => {
  it('withholds the PUBACK, disconnects, and stores the resend after the database recovers', async () => {
    const client = await fixture.connect(gw, { reconnectPeriod: 300 })
    const sensor = sensorOf(gw)
    const body = JSON.stringify([{ bn: `${sensor}:`, bt: 1_764_400_000, n: 'salinity', v: 4.2 }])

    await fixture.db.query('alter table readings rename to readings_parked')
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
      await fixture.db.query('alter table readings_parked rename to readings')
    }
    expect(fixture.logs.filter((l) => l.msg === 'reading batch commit failed')).toHaveLength(1)

    await published
    expect(await countReadings(fixture.db, sensor)).toBe(1)
    expect(fixture.broker.stats()).toMatchObject({ commitFailures: 1, dbErrors: 1, retrying: false })
    await client.endAsync()
  })
})
