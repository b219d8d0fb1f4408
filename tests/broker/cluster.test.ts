// Several brokers on one Redis (issue 3 item 9): two `zonetrace broker` processes, A and B, on their own
// ports with the same REDIS_URL and DATABASE_URL, plus a third node P in this process standing for the
// platform (the only publisher the ACL lets reach a gateway: gateways may subscribe to nothing another
// gateway can publish). Messages, retained messages and sessions cross nodes through Redis; readings are
// stored once, by the node that received them.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { topics } from '@zonetrace/contracts'
import mqtt, { type IConnackPacket, type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB, serverUrl, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { until } from '../helpers/wait.ts'
import {
  type BrokerProcess,
  type Child,
  clusterSkipReason,
  startBrokerProcess,
  startRedis,
} from './cluster-harness.ts'
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
import { metricValue } from './metrics-text.ts'

const skip = clusterSkipReason(serverUrl)
// The default reporter shows a skipped file as a count only: say why once.
if (skip) console.info(`tests/broker/cluster.test.ts skipped: ${skip}`)

let t: TestDB
let redis: { url: string; child: Child }
let a: BrokerProcess
let b: BrokerProcess
let platform: TestBroker
let zone: string
const clients: MqttClient[] = []

beforeAll(async () => {
  if (skip) return
  t = await getTestDB()
  zone = await seedZone(t.db)
  redis = await startRedis()
  ;[a, b] = await Promise.all([startBrokerProcess(t.url!, redis.url), startBrokerProcess(t.url!, redis.url)])
  platform = await startTestBroker(t.db, { redisUrl: redis.url })
}, 120_000)

afterAll(async () => {
  for (const c of clients) c.end(true)
  await platform?.broker.close()
  const codes = await Promise.all([a?.child.stop(), b?.child.stop()])
  await redis?.child.stop()
  await t?.close()
  // A broker that cannot close cleanly (Redis connections left open, writer stuck) fails here.
  if (a && b) expect(codes, `${a.child.output()}\n${b.child.output()}`).toEqual([0, 0])
}, 60_000)

async function gateway(url: string, gw: GatewayCredentials, opts: mqtt.IClientOptions = {}) {
  const client = await connectGateway(url, gw, opts)
  clients.push(client)
  return client
}

/** Connects and returns the CONNACK too, to read its session-present flag. */
function connectWithConnack(url: string, gw: GatewayCredentials, opts: mqtt.IClientOptions) {
  return new Promise<{
    client: MqttClient
    connack: IConnackPacket
    firstMessage: ReturnType<typeof nextMessage>
  }>((resolve, reject) => {
    const client = mqtt.connect(url, {
      username: gw.username,
      password: gw.password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      ...opts,
    })
    clients.push(client)
    // Listening from the start: a queued message can arrive in the same read as the CONNACK, and would be
    // emitted before a listener attached after 'connect' exists.
    const firstMessage = nextMessage(client)
    client.once('connect', (connack) => resolve({ client, connack, firstMessage }))
    client.once('error', reject)
  })
}

function nextMessage(client: MqttClient): Promise<{ topic: string; payload: string; retain: boolean }> {
  return new Promise((resolve) =>
    client.once('message', (topic, payload, packet) =>
      resolve({ topic, payload: payload.toString(), retain: packet.retain }),
    ),
  )
}

async function scrape(node: BrokerProcess): Promise<string> {
  const res = await fetch(node.metricsUrl)
  expect(res.status).toBe(200)
  return res.text()
}

let seconds = Math.floor(Date.now() / 1000) - 3600
function pack(gw: GatewayCredentials): string {
  seconds += 1
  return JSON.stringify([
    { bn: `${sensorOf(gw)}:`, bt: seconds },
    { n: 'salinity', u: 'ppt', v: 6.5 },
    { n: 'ph', v: 7.6 },
    { n: 'dissolved_oxygen', u: 'mg/L', v: 4.9 },
  ])
}

describe.skipIf(skip)(`broker cluster over Redis${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('delivers a message published on one node to a gateway subscribed on another', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    const onB = await gateway(b.mqttUrl, gw)
    await onB.subscribeAsync(topics.config(gw.gatewayId), { qos: 1 })
    const received = nextMessage(onB)
    await platform.broker.publish({ topic: topics.config(gw.gatewayId), payload: '{"interval":30}', qos: 1 })
    expect(await received).toMatchObject({ topic: topics.config(gw.gatewayId), payload: '{"interval":30}' })
  })

  it('keeps retained messages in Redis, where every node finds them', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    const topic = topics.config(gw.gatewayId)
    await platform.broker.publish({ topic, payload: '{"interval":60}', qos: 1, retain: true })
    for (const node of [a, b]) {
      const client = await gateway(node.mqttUrl, gw)
      const received = nextMessage(client)
      await client.subscribeAsync(topic, { qos: 1 })
      expect(await received).toEqual({ topic, payload: '{"interval":60}', retain: true })
      await client.endAsync()
    }
  })

  it('moves a persistent session, with the messages queued while offline, from A to B', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    const clientId = `${gw.gatewayId}-agent`
    // A holds nobody else (the earlier tests' gateways on A have left), so 0 means this one is gone too.
    const aIsEmpty = async () =>
      metricValue(await scrape(a), 'zonetrace_connected_gateways') === 0 ? true : undefined
    await until('A to hold no gateway', aIsEmpty, { timeoutMs: 5000, intervalMs: 250, retryErrors: true })
    const first = await connectWithConnack(a.mqttUrl, gw, { clientId, clean: false })
    await first.client.subscribeAsync(topics.config(gw.gatewayId), { qos: 1 })
    await first.client.endAsync()
    // Offline for A too, so the next message is queued in Redis rather than sent to the closing socket.
    await until('A to drop the session', aIsEmpty, { timeoutMs: 5000, intervalMs: 250, retryErrors: true })

    await platform.broker.publish({ topic: topics.config(gw.gatewayId), payload: '{"queued":true}', qos: 1 })
    const second = await connectWithConnack(b.mqttUrl, gw, { clientId, clean: false })
    expect(second.connack.sessionPresent).toBe(true)
    expect((await second.firstMessage).payload).toBe('{"queued":true}')
  })

  it('closes the older connection when the same client id connects to another node', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    const clientId = `${gw.gatewayId}-takeover`
    const onA = await gateway(a.mqttUrl, gw, { clientId })
    const superseded = closeOf(onA)
    const onB = await gateway(b.mqttUrl, gw, { clientId })
    await superseded
    // The newer connection is the one that stays and publishes.
    await onB.publishAsync(readingsTopic(gw), pack(gw), { qos: 1 })
    expect(onB.connected).toBe(true)
    expect(await countReadings(t.db, sensorOf(gw))).toBe(3)
  })

  it('stores each node’s readings once, on the node that received them, with no duplicates', async () => {
    const gwA = await provisionTestGateway(t.db, zone)
    const gwB = await provisionTestGateway(t.db, zone)
    const [beforeA, beforeB] = await Promise.all([scrape(a), scrape(b)])
    const onA = await gateway(a.mqttUrl, gwA)
    const onB = await gateway(b.mqttUrl, gwB)
    const packsA = Array.from({ length: 20 }, () => pack(gwA))
    const packsB = Array.from({ length: 15 }, () => pack(gwB))
    await Promise.all([
      ...packsA.map((p) => onA.publishAsync(readingsTopic(gwA), p, { qos: 1 })),
      ...packsB.map((p) => onB.publishAsync(readingsTopic(gwB), p, { qos: 1 })),
    ])
    expect(await countReadings(t.db, sensorOf(gwA))).toBe(60)
    expect(await countReadings(t.db, sensorOf(gwB))).toBe(45)

    // Every accepted publish is fanned out over Redis; only the receiving node ingests it.
    const [afterA, afterB] = await Promise.all([scrape(a), scrape(b)])
    const committed = (after: string, before: string) =>
      metricValue(after, 'zonetrace_readings_committed_total') -
      metricValue(before, 'zonetrace_readings_committed_total')
    expect(committed(afterA, beforeA)).toBe(60)
    expect(committed(afterB, beforeB)).toBe(45)

    // gwA reconnects to B and resends packs A had acknowledged: B commits them, the database keeps one copy.
    const movedA = await gateway(b.mqttUrl, gwA)
    await Promise.all(packsA.slice(0, 5).map((p) => movedA.publishAsync(readingsTopic(gwA), p, { qos: 1 })))
    const resent = await scrape(b)
    expect(committed(resent, afterB)).toBe(15)
    expect(
      metricValue(resent, 'zonetrace_readings_inserted_total') -
        metricValue(afterB, 'zonetrace_readings_inserted_total'),
    ).toBe(0)
    const [dupes] = await t.db.query<{ n: number }>(
      `select count(*)::int - count(distinct (sensor_id, metric, time))::int as n from readings
        where sensor_id = any($1)`,
      [[sensorOf(gwA), sensorOf(gwB)]],
    )
    expect(dupes?.n).toBe(0)
    expect(await countReadings(t.db, sensorOf(gwA))).toBe(60)
  })
})
