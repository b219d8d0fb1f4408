// Fault injected: the readings table is renamed away while a gateway publishes, so the batch commit fails
// with a statement error (undefined table). Unlike an unreachable database (outage.test.ts), retrying the
// same statement could never succeed, so the batch is given up rather than held.
// Must survive: the gateway gets no PUBACK (its connection is closed instead), the failure is logged and
// counted once, and once the table is back the gateway's own resend after reconnecting is stored and
// acknowledged.
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { countReadings, readingsTopic, sensorOf } from './harness.ts'
import { publishWhileTableParked } from './parked-table.ts'

const fixture = sharedBrokerFixture({ gateways: 1, broker: { batch: { maxDelayMs: 5 } } })
const gw = fixtureGateway(fixture, 0)

describe(`broker when a batch commit fails (${backendName})`, () => {
  it('withholds the PUBACK, disconnects, and stores the resend after the database recovers', async () => {
    const client = await fixture.connect(gw, { reconnectPeriod: 300 })
    const sensor = sensorOf(gw)
    const body = JSON.stringify([{ bn: `${sensor}:`, bt: 1_764_400_000, n: 'salinity', v: 4.2 }])

    const { resend } = await publishWhileTableParked(fixture.db, client, {
      table: 'readings',
      topic: readingsTopic(gw),
      body,
    })
    expect(fixture.logs.filter((l) => l.msg === 'reading batch commit failed')).toHaveLength(1)

    await resend
    expect(await countReadings(fixture.db, sensor)).toBe(1)
    expect(fixture.broker.stats()).toMatchObject({ commitFailures: 1, dbErrors: 1, retrying: false })
    await client.endAsync()
  })
})
