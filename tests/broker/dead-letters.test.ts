// Validation and dead letters (issue 3, item 4). Every reason is produced through the real broker and read
// back from the dead_letters table; every refused pack is still acknowledged. One bad record refuses only
// itself; a payload that is not SenML is refused whole.
import { topics } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture, sharedGatewayClient } from './broker-fixture.ts'
import { connectGateway, countReadings, readingsTopic, sensorOf } from './harness.ts'

const MAX_PAYLOAD = 4096

const fixture = sharedBrokerFixture({
  gateways: 1,
  broker: {
    ingest: { maxPayloadBytes: MAX_PAYLOAD, maxFutureSeconds: 600, maxAgeDays: 400 },
    deadLetters: { flushMs: 50 },
  },
})
const gw = fixtureGateway(fixture, 0)
const client = sharedGatewayClient(fixture, gw)

interface Stored {
  id: number
  gatewayId: string
  topic: string
  reason: string
  detail: string
  recordIndex: number | null
  payload: Uint8Array
  payloadSize: number
  truncated: boolean
}

/** Dead letters of one gateway after id `after`, oldest first, once `count` of them are written. */
async function deadLetters(gatewayId: string, count: number, after = 0): Promise<Stored[]> {
  const read = () =>
    fixture.db.query<Stored & Record<string, unknown>>(
      `select id, gateway_id as "gatewayId", topic, reason, detail, record_index as "recordIndex", payload,
              payload_size as "payloadSize", truncated
         from dead_letters where gateway_id = $1 and id > $2 order by id`,
      [gatewayId, after],
    )
  await expect.poll(async () => (await read()).length, { timeout: 5000 }).toBe(count)
  return read()
}

async function lastId(): Promise<number> {
  const [row] = await fixture.db.query<{ id: number | null }>('select max(id)::int8 as id from dead_letters')
  return row?.id ?? 0
}

const text = (p: Uint8Array) => Buffer.from(p).toString('utf8')
const nowSeconds = () => Math.floor(Date.now() / 1000)

describe(`dead letters (${backendName})`, () => {
  it('refuses a payload that is not SenML whole, with its raw bytes, and acknowledges it', async () => {
    const after = await lastId()
    const bad = ['[{"bn": "oops"', '{"n":"x:ph","v":1}', '[]', '[{"bn":7,"n":"salinity","v":1}]']
    for (const payload of bad) await client.publishAsync(readingsTopic(gw), payload, { qos: 1 })
    expect(client.connected).toBe(true)
    const rows = await deadLetters(gw.gatewayId, bad.length, after)
    expect(rows.map((r) => [r.reason, r.recordIndex, text(r.payload), r.payloadSize, r.truncated])).toEqual(
      bad.map((p) => ['malformed_senml', null, p, Buffer.byteLength(p), false]),
    )
    expect(rows.map((r) => r.detail)).toEqual([
      'payload is not valid JSON',
      'SenML pack must be a JSON array',
      'SenML pack is empty',
      'record 0: bn must be a string',
    ])
    expect(rows.every((r) => r.topic === readingsTopic(gw))).toBe(true)
  })

  it('refuses only the bad records of a pack, one dead letter per reason, and stores the rest', async () => {
    const foreign = await fixture.provisionGateway(['salinity'])
    const own = sensorOf(gw)
    const at = nowSeconds() - 3600
    const records: unknown[] = [
      { bn: `${own}:`, bt: at, n: 'salinity', u: 'ppt', v: 4.1 }, // 0 stored
      { n: 'ph', v: 'NON_FINITE' }, // 1 non_finite_value (1e999 parses to Infinity)
      { n: 'unobtainium', v: 1 }, // 2 invalid_record
      { n: 'dissolved_oxygen', u: 'mg/L', v: 5.5 }, // 3 stored
      { bn: `${sensorOf(foreign)}:` }, // 4 base fields only: no reading
      { n: 'salinity', v: 9.9 }, // 5 foreign_sensor
      { bn: 'nosuch-s1:', n: 'salinity', v: 1 }, // 6 unknown_sensor
      { bn: `${own}:`, n: 'ph', v: 7, t: 3600 + 900 }, // 7 time_out_of_bounds: 15 min ahead
      { n: 'ph', v: 7, t: -401 * 86_400 }, // 8 time_out_of_bounds: 401 days old
      { bn: `${own}:`, n: 'temperature', v: 28 }, // 9 unknown_sensor: no temperature channel on this probe
    ]
    const payload = JSON.stringify(records).replace('"NON_FINITE"', '1e999')
    const after = await lastId()
    await client.publishAsync(readingsTopic(gw), payload, { qos: 1 })

    const rows = await fixture.db.query<{ metric: string; value: number }>(
      `select metric, value from readings where sensor_id = $1 and time = to_timestamp($2) order by metric`,
      [own, at],
    )
    expect(rows).toEqual([
      { metric: 'dissolved_oxygen', value: 5.5 },
      { metric: 'salinity', value: 4.1 },
    ])
    expect(await countReadings(fixture.db, sensorOf(foreign))).toBe(0)
    expect(await countReadings(fixture.db, 'nosuch-s1')).toBe(0)

    const letters = await deadLetters(gw.gatewayId, 5, after)
    const byReason = Object.fromEntries(letters.map((l) => [l.reason, l]))
    expect(Object.keys(byReason).sort()).toEqual([
      'foreign_sensor',
      'invalid_record',
      'non_finite_value',
      'time_out_of_bounds',
      'unknown_sensor',
    ])
    expect(byReason.non_finite_value).toMatchObject({
      recordIndex: 1,
      detail: 'record 1: value is not a finite number',
    })
    expect(byReason.invalid_record).toMatchObject({
      recordIndex: 2,
      detail: 'record 2: unknown metric "unobtainium"',
    })
    expect(byReason.foreign_sensor).toMatchObject({
      recordIndex: 5,
      detail: `record 5: sensor "${sensorOf(foreign)}" is provisioned on gateway "${foreign.gatewayId}", not on this one`,
    })
    expect(byReason.unknown_sensor?.recordIndex).toBe(6)
    expect(byReason.unknown_sensor?.detail).toMatch(
      /^2 records refused\. record 6: channel nosuch-s1:salinity is not provisioned on this gateway; record 9: channel .+-s1:temperature is not provisioned/,
    )
    expect(byReason.time_out_of_bounds?.recordIndex).toBe(7)
    expect(byReason.time_out_of_bounds?.detail).toMatch(
      /^2 records refused\. record 7: time \S+ is more than 600 s ahead of the broker clock; record 8: time \S+ is more than 400 days old$/,
    )
    for (const l of letters) {
      expect(text(l.payload)).toBe(payload)
      expect(l).toMatchObject({ topic: readingsTopic(gw), payloadSize: payload.length, truncated: false })
    }
    expect(client.connected).toBe(true)
  })

  it('keeps backfills within the age limit and readings within the allowed clock skew', async () => {
    const sensor = sensorOf(gw, 'ph')
    const now = nowSeconds()
    const pack = [
      { bn: `${sensor}:`, bt: now, n: 'ph', v: 7.1, t: 500 }, // 500 s ahead: a fast clock, allowed
      { n: 'ph', v: 7.2, t: -399 * 86_400 }, // 399 days old: a long outage backfilled
    ]
    const before = fixture.broker.stats().deadLetters.byReason.time_out_of_bounds
    await client.publishAsync(readingsTopic(gw), JSON.stringify(pack), { qos: 1 })
    const rows = await fixture.db.query<{ value: number }>(
      `select value from readings where sensor_id = $1 and metric = 'ph' and time in (to_timestamp($2), to_timestamp($3))
        order by value`,
      [sensor, now + 500, now - 399 * 86_400],
    )
    expect(rows).toEqual([{ value: 7.1 }, { value: 7.2 }])
    expect(fixture.broker.stats().deadLetters.byReason.time_out_of_bounds).toBe(before)
  })

  it('refuses an oversized payload whole, keeps its first 16 KiB, and acknowledges it', async () => {
    const sensor = sensorOf(gw)
    const at = nowSeconds() - 7200
    // A valid pack, only too big: 1000 salinity readings one second apart (about 20 KB).
    const pack = [
      { bn: `${sensor}:`, bt: at },
      ...Array.from({ length: 1000 }, (_, i) => ({ n: 'salinity', v: 3.5, t: i })),
    ]
    const payload = Buffer.from(JSON.stringify(pack))
    expect(payload.length).toBeGreaterThan(16 * 1024)
    const after = await lastId()
    await client.publishAsync(readingsTopic(gw), payload, { qos: 1 })
    const [letter] = await deadLetters(gw.gatewayId, 1, after)
    expect(letter).toMatchObject({
      reason: 'oversized_payload',
      recordIndex: null,
      payloadSize: payload.length,
      truncated: true,
      detail: `payload of ${payload.length} bytes is over the limit of ${MAX_PAYLOAD} bytes`,
    })
    expect(Buffer.from(letter!.payload).equals(payload.subarray(0, 16 * 1024))).toBe(true)
    const [stored] = await fixture.db.query<{ n: number }>(
      `select count(*)::int as n from readings where sensor_id = $1 and time >= to_timestamp($2) and time < to_timestamp($3)`,
      [sensor, at, at + 1000],
    )
    expect(stored?.n).toBe(0)
    expect(client.connected).toBe(true)
  })

  it('does not retain an oversized status', async () => {
    const big = JSON.stringify({ state: 'online', note: 'x'.repeat(MAX_PAYLOAD) })
    const after = await lastId()
    await client.publishAsync(topics.status(gw.gatewayId), big, { qos: 1, retain: true })
    const [letter] = await deadLetters(gw.gatewayId, 1, after)
    expect(letter).toMatchObject({
      reason: 'oversized_payload',
      topic: topics.status(gw.gatewayId),
      truncated: false,
    })
    const retained = await fixture.broker.retained(topics.status(gw.gatewayId))
    expect(retained.map((m) => m.payload.toString())).not.toContain(big)
  })
})

describe(`dead-letter writes off the hot path (${backendName})`, () => {
  it('acknowledges and stores the good readings while dead-letter writes fail, and writes them later', async () => {
    const sensor = sensorOf(gw)
    const at = nowSeconds() - 1800
    const { writeFailures: failuresBefore, written: writtenBefore } = fixture.broker.stats().deadLetters
    // Fault: the dead_letters table is gone, so every dead-letter insert fails. Readings must not notice.
    await fixture.db.query('alter table dead_letters rename to dead_letters_away')
    try {
      const pack = [
        { bn: `${sensor}:`, bt: at, n: 'salinity', v: 4.4 },
        { n: 'unobtainium', v: 1 },
      ]
      await client.publishAsync(readingsTopic(gw), JSON.stringify(pack), { qos: 1 })
      const [row] = await fixture.db.query<{ value: number }>(
        `select value from readings where sensor_id = $1 and metric = 'salinity' and time = to_timestamp($2)`,
        [sensor, at],
      )
      expect(row?.value).toBe(4.4)
      await expect
        .poll(() => fixture.broker.stats().deadLetters.writeFailures, { timeout: 5000 })
        .toBeGreaterThan(failuresBefore)
      expect(fixture.broker.stats().deadLetters.buffered).toBeGreaterThan(0)
      expect(fixture.logs.some((l) => l.msg === 'dead-letter write failed; kept for the next flush')).toBe(
        true,
      )
    } finally {
      await fixture.db.query('alter table dead_letters_away rename to dead_letters')
    }
    await expect
      .poll(() => fixture.broker.stats().deadLetters.written, { timeout: 5000 })
      .toBe(writtenBefore + 1)
    expect(fixture.broker.stats().deadLetters.buffered).toBe(0)
    const [kept] = await fixture.db.query<{ n: number }>(
      `select count(*)::int as n from dead_letters where gateway_id = $1 and reason = 'invalid_record'
          and convert_from(payload, 'UTF8') like $2`,
      [gw.gatewayId, `%"bt":${at}%`],
    )
    expect(kept?.n).toBe(1)
  })

  it('holds at most maxBuffered dead letters, dropping the oldest with a count and a log line', async () => {
    // A broker whose buffer holds 3 and whose timer never fires within the test: only close() flushes.
    const small = await fixture.startBroker({ deadLetters: { maxBuffered: 3, flushMs: 3_600_000 } })
    const g = await fixture.provisionGateway()
    const c = await connectGateway(small.url, g)
    for (let i = 1; i <= 5; i++) await c.publishAsync(readingsTopic(g), `not senml #${i}`, { qos: 1 })
    expect(small.broker.stats().deadLetters).toMatchObject({ buffered: 3, dropped: 2, written: 0 })
    await c.endAsync()
    await small.broker.close()
    expect(
      small.logs.some((l) => l.msg === 'dead-letter buffer full: oldest dropped' && l.dropped === 2),
    ).toBe(true)
    const rows = await fixture.db.query<{ payload: Uint8Array }>(
      'select payload from dead_letters where gateway_id = $1 order by id',
      [g.gatewayId],
    )
    expect(rows.map((r) => text(r.payload))).toEqual(['not senml #3', 'not senml #4', 'not senml #5'])
  })
})
