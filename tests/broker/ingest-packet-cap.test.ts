// The hard packet cap (MQTT_MAX_PACKET_BYTES, broker/src/packet-limit.ts): aedes 1.2.0 and mqtt-packet 9
// have no maximum of their own and would buffer whatever remaining length a client announces.
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture, sharedGatewayClient } from './broker-fixture.ts'
import { countReadings, readingsTopic, sensorOf } from './harness.ts'
import { openRawSession } from './ingest-raw-session.ts'

const fixture = sharedBrokerFixture({
  gateways: 1,
  broker: { ingest: { maxPayloadBytes: 4096, maxPacketBytes: 128 * 1024 } },
})
const gw = fixtureGateway(fixture, 0)
const client = sharedGatewayClient(fixture, gw)

const nowSeconds = () => Math.floor(Date.now() / 1000)

describe(`the hard packet cap (${backendName})`, () => {
  it('closes a connection that announces a packet over MQTT_MAX_PACKET_BYTES before buffering its body', async () => {
    const g = await fixture.provisionGateway()
    const session = await openRawSession(fixture.broker.port, g, g.gatewayId)
    const before = fixture.broker.stats().packetsTooLarge
    // PUBLISH QoS 1 whose fixed header announces 100 MB (remaining length 100,000,000 as a variable byte
    // integer), followed by a few bytes only. Without the cap the broker would sit waiting for the rest.
    const header = Buffer.from([0x32, 0x80, 0xc2, 0xd7, 0x2f])
    session.socket.write(Buffer.concat([header, Buffer.alloc(64, 0x61)]))
    await session.closed
    expect(fixture.broker.stats().packetsTooLarge).toBe(before + 1)
    expect(session.received.some((p) => p.cmd === 'puback')).toBe(false)
    expect(
      fixture.logs.some(
        (l) => l.msg === 'mqtt packet over the hard size cap: connection closed' && l.bytes === 100_000_000,
      ),
    ).toBe(true)
    // Everyone else carries on.
    await client.publishAsync(
      readingsTopic(gw),
      JSON.stringify([{ n: `${sensorOf(gw)}:salinity`, v: 4, t: nowSeconds() - 60 }]),
      { qos: 1 },
    )
    expect(client.connected).toBe(true)
  })

  it('closes an mqtt.js connection whose PUBLISH is over the cap, without acknowledging or storing it', async () => {
    const g = await fixture.provisionGateway()
    const c = await fixture.connect(g)
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()))
    // Writing the rest of the packet into the closed socket fails (EPIPE): expected, not a test error.
    c.on('error', () => {})
    const sensor = sensorOf(g)
    // 200 KB of valid SenML: over the 128 KiB packet cap, so not even dead-lettered (its body is never read).
    const pack = [
      { bn: `${sensor}:`, bt: nowSeconds() - 60 },
      ...Array.from({ length: 10_000 }, (_, i) => ({ n: 'salinity', v: 1, t: -i })),
    ]
    const acked = c.publishAsync(readingsTopic(g), JSON.stringify(pack), { qos: 1 }).then(
      () => true,
      () => false,
    )
    await closed
    c.end(true)
    expect(await acked).toBe(false)
    expect(await countReadings(fixture.db, sensor)).toBe(0)
  })
})
