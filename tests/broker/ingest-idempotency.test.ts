// Redelivery never makes a second row (issue 3, item 2): a PUBLISH resent with the DUP flag, the same pack
// replayed on a new connection after its PUBACK was lost, and an edge backfill overlapping what is stored.
// aedes does not deduplicate QoS 1 (only QoS 2 has a packet-id store); the readings primary key
// (sensor, metric, time) with ON CONFLICT DO NOTHING does, so the first stored value of an instant wins.
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { readingsTopic, sensorOf } from './harness.ts'
import { openRawSession } from './ingest-raw-session.ts'

// A long commit window leaves time to drop a connection between PUBLISH and PUBACK.
const fixture = sharedBrokerFixture({ gateways: 1, broker: { batch: { maxDelayMs: 200 } } })
const gw = fixtureGateway(fixture, 0)

/** One instant of the gateway's probe: salinity, pH and DO, values derived from the time. */
function instant(sensor: string, at: number, shift = 0): Record<string, unknown>[] {
  return [
    { bn: `${sensor}:`, bt: at, n: 'salinity', u: 'ppt', v: 4 + (at % 7) / 10 + shift },
    { n: 'ph', v: 7 + (at % 5) / 10 + shift },
    { n: 'dissolved_oxygen', u: 'mg/L', v: 5 + (at % 3) / 10 + shift },
  ]
}

interface Row {
  t: number
  metric: string
  value: number
}

async function stored(sensor: string): Promise<Row[]> {
  return fixture.db.query<Row & Record<string, unknown>>(
    `select extract(epoch from time)::float8 as t, metric, value from readings where sensor_id = $1
      order by time, metric`,
    [sensor],
  )
}

/** What instant() would store, in the same order as stored(). */
function expected(sensor: string, times: number[]): Row[] {
  return times.flatMap((at) =>
    instant(sensor, at)
      .map((r) => ({ t: at, metric: String(r.n), value: r.v as number }))
      .sort((x, y) => x.metric.localeCompare(y.metric)),
  )
}

describe(`idempotent ingest (${backendName})`, () => {
  it('stores a PUBLISH resent with the DUP flag and the same message id once', async () => {
    const g = await fixture.provisionGateway()
    const sensor = sensorOf(g)
    const session = await openRawSession(fixture.broker.port, g, `${g.gatewayId}-dup`)
    const body = JSON.stringify(instant(sensor, 1_764_500_000))
    await session.publish(readingsTopic(g), body, 11)
    await session.publish(readingsTopic(g), body, 11, true)
    // And back to back, the DUP copy sent while the original's PUBACK is still held for its commit.
    const next = JSON.stringify(instant(sensor, 1_764_500_600))
    await Promise.all([
      session.publish(readingsTopic(g), next, 12),
      session.publish(readingsTopic(g), next, 12, true),
    ])
    await session.end()
    expect(await stored(sensor)).toEqual(expected(sensor, [1_764_500_000, 1_764_500_600]))
  })

  it('stores a pack replayed after a reconnect once, when the first PUBACK never arrived', async () => {
    const g = await fixture.provisionGateway()
    const sensor = sensorOf(g)
    const body = JSON.stringify(instant(sensor, 1_764_501_200))
    // Fault: the connection drops right after the PUBLISH, inside the 200 ms commit window, so the broker
    // commits the pack but cannot acknowledge it. The gateway resends it (DUP) on its next connection.
    const first = await openRawSession(fixture.broker.port, g, g.gatewayId)
    first.send({
      cmd: 'publish',
      topic: readingsTopic(g),
      payload: body,
      qos: 1,
      messageId: 1,
      dup: false,
      retain: false,
    })
    first.socket.destroy()
    await first.closed
    await expect.poll(() => stored(sensor).then((r) => r.length), { timeout: 5000 }).toBe(3)
    expect(first.received.some((p) => p.cmd === 'puback')).toBe(false)

    const second = await openRawSession(fixture.broker.port, g, g.gatewayId)
    await second.publish(readingsTopic(g), body, 1, true)
    await second.end()
    expect(await stored(sensor)).toEqual(expected(sensor, [1_764_501_200]))

    // The same pack once more from mqtt.js on a fresh session, as a gateway replaying its spool would.
    const client = await fixture.connect(g)
    await client.publishAsync(readingsTopic(g), body, { qos: 1 })
    await client.endAsync()
    expect(await stored(sensor)).toEqual(expected(sensor, [1_764_501_200]))
  })

  it('adds only the new instants of a backfill that overlaps stored data, and keeps the stored values', async () => {
    const sensor = sensorOf(gw)
    const client = await fixture.connect(gw)
    const t0 = 1_764_600_000
    const live = Array.from({ length: 10 }, (_, i) => t0 + i * 60)
    for (const at of live)
      await client.publishAsync(readingsTopic(gw), JSON.stringify(instant(sensor, at)), { qos: 1 })
    expect(await stored(sensor)).toEqual(expected(sensor, live))

    // The edge agent's spool: 20 instants from 5 minutes before the first live one to 5 after the last,
    // one pack, relative times. The 10 overlapping instants carry other values (a recalibrated probe
    // re-sending): the values stored first stay.
    const backfill = Array.from({ length: 20 }, (_, i) => t0 - 300 + i * 60)
    const base = backfill[0]!
    const pack: Record<string, unknown>[] = [{ bn: `${sensor}:`, bt: base }]
    for (const at of backfill) {
      const shift = live.includes(at) ? 100 : 0
      for (const r of instant(sensor, at, shift)) pack.push({ n: r.n, u: r.u, v: r.v, t: at - base })
    }
    await client.publishAsync(readingsTopic(gw), JSON.stringify(pack), { qos: 1 })
    await client.endAsync()

    const times = [...new Set([...live, ...backfill])].sort((x, y) => x - y)
    const rows = await stored(sensor)
    expect(rows).toHaveLength(3 * 20)
    expect(rows).toEqual(expected(sensor, times))
  })
})
