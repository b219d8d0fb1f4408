import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sleep } from '../helpers/wait.ts'
import { fixtureGateway, sharedBrokerFixture, sharedGatewayClient } from './broker-fixture.ts'
import { countReadings, readingsTopic, sensorOf } from './harness.ts'

const fixture = sharedBrokerFixture({
  gateways: 1,
  // A long delay proves the PUBACK waits for the commit rather than racing it.
  broker: { batch: { maxDelayMs: 250 }, registryCache: { channelReloadMs: 100 } },
})
const gw = fixtureGateway(fixture, 0)
const client = sharedGatewayClient(fixture, gw)
// Fixed, absolute times (seconds) so a resent pack is the same readings, not new ones.
let bt = 1_764_400_000
function nextTime(): number {
  bt += 600
  return bt
}

function pack(sensorId: string, at: number, values: Record<string, unknown>): string {
  const records: Record<string, unknown>[] = Object.entries(values).map(([n, v]) => ({ n, v }))
  records[0] = { bn: `${sensorId}:`, bt: at, ...records[0] }
  return JSON.stringify(records)
}

describe(`broker ingest of readings packs (${backendName})`, () => {
  it('has the rows in the database by the time the PUBACK arrives', async () => {
    const sensor = sensorOf(gw)
    await client.publishAsync(readingsTopic(gw), pack(sensor, nextTime(), { salinity: 4.2, ph: 7.8 }), {
      qos: 1,
    })
    const rows = await fixture.db.query<{ metric: string; value: number; quality: number }>(
      `select metric, value, quality from readings where sensor_id = $1 order by metric`,
      [sensor],
    )
    expect(rows).toEqual([
      { metric: 'ph', value: 7.8, quality: 0 },
      { metric: 'salinity', value: 4.2, quality: 0 },
    ])
  })

  it('stores a pack published twice only once', async () => {
    const sensor = sensorOf(gw)
    const body = pack(sensor, nextTime(), { salinity: 5.1, dissolved_oxygen: 6.3 })
    const before = await countReadings(fixture.db, sensor)
    await client.publishAsync(readingsTopic(gw), body, { qos: 1 })
    await client.publishAsync(readingsTopic(gw), body, { qos: 1 })
    expect(await countReadings(fixture.db, sensor)).toBe(before + 2)
  })

  it('dead-letters malformed JSON, acknowledges it and keeps the client connected', async () => {
    await client.publishAsync(readingsTopic(gw), '[{"bn": "oops"', { qos: 1 })
    expect(client.connected).toBe(true)
    expect(
      fixture.logs.some((l) => l.gatewayId === gw.gatewayId && l.msg === 'readings pack dead-lettered'),
    ).toBe(true)
    const sensor = sensorOf(gw)
    const before = await countReadings(fixture.db, sensor)
    await client.publishAsync(readingsTopic(gw), pack(sensor, nextTime(), { salinity: 3.3 }), { qos: 1 })
    expect(await countReadings(fixture.db, sensor)).toBe(before + 1)
  })

  it('stores the good records of a pack with one bad record and logs the bad one', async () => {
    const sensor = sensorOf(gw)
    const at = nextTime()
    const body = JSON.stringify([
      { bn: `${sensor}:`, bt: at, n: 'salinity', u: 'ppt', v: 4.4 },
      { n: 'ph', v: 'seven' },
      { n: 'dissolved_oxygen', u: 'mg/L', v: 5.5 },
    ])
    await client.publishAsync(readingsTopic(gw), body, { qos: 1 })
    const rows = await fixture.db.query<{ metric: string }>(
      `select metric from readings where sensor_id = $1 and time = to_timestamp($2) order by metric`,
      [sensor, at],
    )
    expect(rows.map((r) => r.metric)).toEqual(['dissolved_oxygen', 'salinity'])
    const line = fixture.logs.find(
      (l) => l.gatewayId === gw.gatewayId && l.msg === 'readings pack: records dead-lettered',
    )
    expect(line).toMatchObject({ refused: 1, kept: 2, reasons: { non_finite_value: 1 } })
    expect(client.connected).toBe(true)
  })

  it("does not store a reading for another gateway's sensor, but keeps the pack's own readings", async () => {
    const foreign = await fixture.provisionGateway(['salinity'])
    const at = nextTime()
    const body = JSON.stringify([
      { bn: `${sensorOf(foreign)}:`, bt: at, n: 'salinity', v: 9.9 },
      { bn: `${sensorOf(gw)}:`, n: 'salinity', v: 2.2 },
    ])
    await client.publishAsync(readingsTopic(gw), body, { qos: 1 })
    expect(await countReadings(fixture.db, sensorOf(foreign))).toBe(0)
    const [own] = await fixture.db.query<{ value: number }>(
      `select value from readings where sensor_id = $1 and time = to_timestamp($2)`,
      [sensorOf(gw), at],
    )
    expect(own?.value).toBe(2.2)
    expect(
      fixture.logs.some(
        (l) => l.gatewayId === gw.gatewayId && (l.reasons as Record<string, number>)?.foreign_sensor === 1,
      ),
    ).toBe(true)
  })

  it('accepts a sensor provisioned on this gateway after it connected', async () => {
    const sensorId = `${gw.gatewayId}-late`
    await fixture.db.query(
      `insert into sensors (id, metric, gateway_id, unit, zone_code) values ($1, 'temperature', $2, 'Cel', $3)`,
      [sensorId, gw.gatewayId, fixture.zone],
    )
    await sleep(150)
    await client.publishAsync(readingsTopic(gw), pack(sensorId, nextTime(), { temperature: 29.5 }), {
      qos: 1,
    })
    expect(await countReadings(fixture.db, sensorId)).toBe(1)
  })

  it('stores pH 15 with the out-of-physical-range quality flag', async () => {
    const sensor = sensorOf(gw, 'ph')
    const at = nextTime()
    await client.publishAsync(readingsTopic(gw), pack(sensor, at, { ph: 15 }), { qos: 1 })
    const [row] = await fixture.db.query<{ value: number; quality: number }>(
      `select value, quality from readings where sensor_id = $1 and metric = 'ph' and time = to_timestamp($2)`,
      [sensor, at],
    )
    expect(row).toEqual({ value: 15, quality: 1 })
  })

  it('stores a QoS 0 pack without acknowledging it', async () => {
    const sensor = sensorOf(gw)
    const before = await countReadings(fixture.db, sensor)
    await client.publishAsync(readingsTopic(gw), pack(sensor, nextTime(), { salinity: 6.1 }), { qos: 0 })
    await expect.poll(() => countReadings(fixture.db, sensor)).toBe(before + 1)
  })

  it('counts what it saw', () => {
    const s = fixture.broker.stats()
    expect(s.connectedClients).toBe(1)
    expect(s.packsMalformed).toBe(1)
    // The non-finite record and the foreign sensor; the latter is also counted as an unknown channel.
    expect(s.readingsRejected).toBe(2)
    expect(s.readingsUnknownChannel).toBe(1)
    expect(s.commitFailures).toBe(0)
    expect(s.rowsInserted).toBeGreaterThan(0)
  })
})
