// Fault injected: more than 10,000 malformed MQTT packets (valid ones from mqtt-packet with bytes flipped,
// cut short, doubled, an oversized or lying remaining length, a bad first byte, or plain garbage) over
// thousands of raw TCP sockets, half of them after a valid CONNECT; plus invalid SenML payloads over a
// valid mqtt.js session. Meanwhile a well-behaved gateway publishes QoS 1 packs.
// Must survive: the broker (no uncaught exception or unhandled rejection in this process, which hosts
// it); every good pack acknowledged and stored exactly once; every invalid payload acknowledged without
// losing its session; no client left behind; and new connections still accepted at the end.
// FUZZ_SEED=<n> replays a run.
import { existsSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import type { MqttClient } from 'mqtt'
import { generate } from 'mqtt-packet'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sleep } from '../helpers/wait.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { catchCrashes } from './crash-catcher.ts'
import { readingsTopic, sensorOf } from './harness.ts'
import {
  int,
  invalidSenml,
  mutatedPacket,
  type PacketContext,
  type Random,
  seededRandom,
} from './mqtt-mutations.ts'
import { expectedFingerprint, numberedPack, storedFingerprint, streamPacks } from './numbered-packs.ts'

const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31)
const PACKETS = 10_500
const SOCKETS_AT_ONCE = 16
const INVALID_PAYLOADS = 1_000

const fixture = sharedBrokerFixture({ gateways: 3, broker: { batch: { maxDelayMs: 20 } } })
const good = fixtureGateway(fixture, 0)
const senml = fixtureGateway(fixture, 1)
const raw = fixtureGateway(fixture, 2)

/** One raw socket: maybe a valid CONNECT first, then broken packets in one write or several; null when it
 * could not even connect. */
async function fuzzSocket(rng: Random, port: number, c: PacketContext): Promise<number | null> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  const opened = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true))
    socket.once('error', () => resolve(false))
  })
  if (!opened) return null
  const packets: Buffer[] = []
  if (rng() < 0.5) {
    packets.push(
      generate({
        cmd: 'connect',
        clientId: c.gatewayId,
        username: c.gatewayId,
        password: Buffer.from(c.password),
      }),
    )
  }
  const broken = 2 + int(rng, 6)
  for (let k = 0; k < broken; k++) packets.push(mutatedPacket(rng, c))
  // Packet type 0 is reserved [MQTT-2.2.1]: the broker must drop the connection, and by closing first it
  // keeps the TIME_WAIT on its side, so thousands of sockets do not use up this machine's ephemeral ports.
  packets.push(Buffer.from([0x00, 0x00]))
  if (rng() < 0.5) socket.write(Buffer.concat(packets))
  else for (const p of packets) if (socket.writable) socket.write(p)
  await Promise.race([closed, sleep(200)])
  socket.destroy()
  await closed
  return broken
}

/** Established TCP connections whose local end is the broker's port (Linux /proc), else undefined. */
function brokerSockets(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  let n = 0
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) return undefined
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/)
      if (local?.endsWith(`:${hexPort}`) && state === '01') n++
    }
  }
  return n
}

async function sendInvalidPayloads(client: MqttClient, rng: Random): Promise<void> {
  const foreign = sensorOf(good)
  const valid = numberedPack(senml, 0, Math.floor(Date.now() / 1000) - 3600).payload
  for (let i = 0; i < INVALID_PAYLOADS; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, () =>
        client.publishAsync(readingsTopic(senml), invalidSenml(rng, valid, foreign), { qos: 1 }),
      ),
    )
  }
}

describe(`broker under fuzzed MQTT input (${backendName})`, () => {
  it(`survives ${PACKETS} broken packets and ${INVALID_PAYLOADS} invalid payloads (seed ${SEED})`, async () => {
    console.info(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it)`)
    const caught = catchCrashes()
    const rng = seededRandom(SEED)
    const goodClient = await fixture.connect(good)
    const senmlClient = await fixture.connect(senml)
    const closes = { good: 0, senml: 0 }
    goodClient.on('close', () => closes.good++)
    senmlClient.on('close', () => closes.senml++)
    const stream = streamPacks(goodClient, good, Math.floor(Date.now() / 1000) - 30 * 86_400, {
      window: 20,
      tickMs: 10,
    })
    const started = Date.now()
    try {
      const recent = Math.floor(Date.now() / 1000) - 3600
      const ctx: PacketContext = {
        gatewayId: raw.gatewayId,
        password: raw.password,
        pack: numberedPack(raw, 0, recent).payload,
      }
      let packets = 0
      let sockets = 0
      let refused = 0
      const worker = async (wrng: Random) => {
        while (packets < PACKETS) {
          const sent = await fuzzSocket(wrng, fixture.broker.port, ctx)
          if (sent === null) refused++
          else {
            packets += sent
            sockets++
          }
        }
      }
      // One generator per worker, seeded from the run's: interleaving differs between runs, inputs do not.
      const workers = Array.from({ length: SOCKETS_AT_ONCE }, () => worker(seededRandom(int(rng, 2 ** 31))))
      await Promise.all([...workers, sendInvalidPayloads(senmlClient, seededRandom(int(rng, 2 ** 31)))])
      const fuzzMs = Date.now() - started

      stream.stop()
      await stream.drained(30_000)
      expect(caught.crashes).toEqual([])
      expect(refused).toBe(0)
      expect(stream.errors).toEqual([])
      expect(closes).toEqual({ good: 0, senml: 0 })
      expect(
        await storedFingerprint(
          fixture.db,
          good.sensors.map((s) => s.sensorId),
        ),
      ).toEqual(expectedFingerprint(stream.readings()))
      // Every fuzz socket is closed on the broker's side too: only the two sessions above are left. The
      // kernel's count, not aedes' connectedClients: aedes 1.2 still registers a client whose socket closed
      // while its CONNECT was being processed, so under this load that counter drifts upward
      // (moscajs/aedes#1023, #928); it is printed below, not asserted.
      if (brokerSockets(fixture.broker.port) !== undefined) {
        await expect.poll(() => brokerSockets(fixture.broker.port), { timeout: 10_000 }).toBe(2)
      }

      const late = await fixture.connect(raw)
      const lastPack = numberedPack(raw, 1, recent)
      await late.publishAsync(readingsTopic(raw), lastPack.payload, { qos: 1 })
      const [stored] = await fixture.db.query<{ n: number }>(
        'select count(*)::int as n from readings where sensor_id = any($1::text[]) and time = $2',
        [raw.sensors.map((s) => s.sensorId), new Date(lastPack.readings[0]!.timeMs)],
      )
      expect(stored?.n).toBe(raw.sensors.length)
      await late.endAsync()
      console.info(
        `fuzz: ${packets} broken packets over ${sockets} sockets and ${INVALID_PAYLOADS} invalid payloads in ${fuzzMs} ms;` +
          ` meanwhile ${stream.sent()} good packs, all acknowledged and stored once;` +
          ` aedes connectedClients now ${fixture.broker.stats().connectedClients} for 2 open sessions`,
      )
    } finally {
      stream.stop()
      caught.stop()
      await goodClient.endAsync(true)
      await senmlClient.endAsync(true)
    }
  }, 120_000)
})
