// A cluster that tells the truth about its gateways (issue 18, part 5): two `zonetrace broker` processes,
// A and B, on one Redis and one database, with BROKER_HEARTBEAT_MS=1000 (a node is lost after 3 s), plus a
// node P in this process that reads the retained status from Redis as the platform would. In every case the
// gateways row (online, connected_node, last_seen_at), the retained status and the gateway offline alerts
// must agree with where the gateway really is, within the bounds below.
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiHarness, startHarness } from '../api/harness.ts'
import { serverUrl, type TestDB } from '../helpers/db.ts'
import { sleep } from '../helpers/wait.ts'
import { addRule } from '../rules/engine-harness.ts'
import {
  type BrokerProcess,
  type Child,
  clusterSkipReason,
  startBrokerProcess,
  startRedis,
} from './cluster-harness.ts'
import { closeOf, connectGateway, provisionTestGateway, startTestBroker, type TestBroker } from './harness.ts'
import { metricValue } from './metrics-text.ts'

const skip = clusterSkipReason(serverUrl)
if (skip) console.info(`tests/broker/cluster-presence.test.ts skipped: ${skip}`)

const HEARTBEAT_MS = 1000
/** A move or a drop shows within two presence writes (one heartbeat each), plus the time to connect. */
const MOVE_BOUND_MS = 4 * HEARTBEAT_MS
/** A lost node is taken over after its TTL (3 heartbeats) and the next heartbeat of a live node. */
const NODE_LOST_BOUND_MS = 3 * HEARTBEAT_MS + 2 * HEARTBEAT_MS + 2000
/** An offline rule opens silentSeconds after last seen, at the next alert sweep (every 10 s). */
const SILENT_SECONDS = 2
const ALERT_BOUND_MS = NODE_LOST_BOUND_MS + SILENT_SECONDS * 1000 + 10_000 + 3000
const env = { BROKER_HEARTBEAT_MS: String(HEARTBEAT_MS) }

let api: ApiHarness
let t: TestDB
let redis: { url: string; port: number; child: Child }
let a: BrokerProcess
let b: BrokerProcess
let platform: TestBroker
let zone: string
const clients: MqttClient[] = []

beforeAll(async () => {
  if (skip) return
  // The API on the same database: PUT config goes through it, as an admin would send it.
  api = await startHarness()
  t = api.test
  zone = api.zone
  redis = await startRedis()
  ;[a, b] = await Promise.all([
    startBrokerProcess(t.url!, redis.url, env),
    startBrokerProcess(t.url!, redis.url, env),
  ])
  platform = await startTestBroker(t.db, { redisUrl: redis.url, alerts: false })
}, 120_000)

afterAll(async () => {
  for (const c of clients) c.end(true)
  await platform?.broker.close()
  await Promise.all([a?.child.stop(), b?.child.stop()])
  await redis?.child.stop()
  await api?.close()
}, 60_000)

interface Row {
  online: boolean
  node: string | null
  lastSeenAt: Date | null
  status: Record<string, unknown> | null
}

async function row(gatewayId: string): Promise<Row> {
  const [r] = await t.db.query<Row & Record<string, unknown>>(
    `select online, connected_node as node, last_seen_at as "lastSeenAt", status from gateways where id = $1`,
    [gatewayId],
  )
  return r!
}

async function retained(gatewayId: string): Promise<Record<string, unknown> | undefined> {
  const [message] = await platform.broker.retained(topics.status(gatewayId))
  return message ? JSON.parse(message.payload.toString()) : undefined
}

async function activeOfflineAlerts(gatewayId: string): Promise<number> {
  const [r] = await t.db.query<{ n: number }>(
    `select count(*)::int as n from alerts where gateway_id = $1 and kind = 'offline' and state = 'active'`,
    [gatewayId],
  )
  return r!.n
}

/** A gateway as the edge agent runs it: connects, then says online on its retained status topic. */
async function agent(node: BrokerProcess, gw: GatewayCredentials, clientId: string, withWill = false) {
  const will = {
    topic: topics.status(gw.gatewayId),
    payload: Buffer.from('{"state":"offline","spool":0}'),
    qos: 1 as const,
    retain: true,
  }
  const client = await connectGateway(node.mqttUrl, gw, {
    clientId,
    keepalive: 30,
    ...(withWill ? { will } : {}),
  })
  clients.push(client)
  await client.publishAsync(topics.status(gw.gatewayId), '{"state":"online","spool":0}', {
    qos: 1,
    retain: true,
  })
  return client
}

/** The TCP link vanishes without DISCONNECT. */
async function dropAbruptly(client: MqttClient): Promise<void> {
  const closed = closeOf(client)
  client.stream.destroy()
  await closed
  client.end(true)
}

async function watchOffline(gw: GatewayCredentials): Promise<void> {
  await addRule(t.db, {
    gateway_id: gw.gatewayId,
    kind: 'offline',
    silent_seconds: SILENT_SECONDS,
    severity: 'major',
  })
}

const within = (ms: number) => ({ timeout: ms, interval: 200 })

async function onlineOn(gatewayId: string, bound = MOVE_BOUND_MS): Promise<string> {
  await expect.poll(async () => (await row(gatewayId)).online, within(bound)).toBe(true)
  return (await row(gatewayId)).node!
}

describe.skipIf(skip)(`cluster presence over Redis${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('a gateway moving A → B → A stays online on the node it moved to, with its retained status', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    await watchOffline(gw)
    const clientId = `${gw.gatewayId}-agent`
    await agent(a, gw, clientId, true)
    const nodeA = await onlineOn(gw.gatewayId)

    for (const [to, from] of [
      [b, nodeA],
      [a, null],
    ] as const) {
      const before = (await row(gw.gatewayId)).node
      const movedAt = Date.now()
      // Same client id: the node it leaves closes the old connection (takeover), and sees it disconnect.
      await agent(to, gw, clientId, true)
      await expect.poll(async () => (await row(gw.gatewayId)).node, within(MOVE_BOUND_MS)).not.toBe(before)
      if (from) expect((await row(gw.gatewayId)).node).not.toBe(from)
      // Two more presence writes of both nodes: the node it left must not have marked it offline.
      await sleep(3 * HEARTBEAT_MS)
      const now = await row(gw.gatewayId)
      expect(now).toMatchObject({ online: true, status: { state: 'online', spool: 0 } })
      expect(now.node).not.toBeNull()
      expect(now.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(movedAt - 1000)
      expect(await retained(gw.gatewayId)).toMatchObject({ state: 'online' })
    }
    expect(await activeOfflineAlerts(gw.gatewayId)).toBe(0)
  })

  it('the node a gateway left cannot mark it offline, nor its late will overwrite it', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    const onA = await agent(a, gw, `${gw.gatewayId}-first`, true)
    const nodeA = await onlineOn(gw.gatewayId)
    // The gateway reconnects to B before A notices its old link is dead (another client id: no takeover).
    await agent(b, gw, `${gw.gatewayId}-second`, true)
    await expect.poll(async () => (await row(gw.gatewayId)).node, within(MOVE_BOUND_MS)).not.toBe(nodeA)
    // Now A notices: it publishes the old connection's will and unregisters it.
    await dropAbruptly(onA)
    await sleep(3 * HEARTBEAT_MS)
    expect(await row(gw.gatewayId)).toMatchObject({ online: true, status: { state: 'online' } })
    expect((await row(gw.gatewayId)).node).not.toBe(nodeA)
    expect(await retained(gw.gatewayId)).toMatchObject({ state: 'online' })
  })

  it('kill -9 of a node takes its gateways offline once (node-lost), with or without a will', async () => {
    const withWill = await provisionTestGateway(t.db, zone)
    const without = await provisionTestGateway(t.db, zone)
    const movedOff = await provisionTestGateway(t.db, zone)
    for (const gw of [withWill, without, movedOff]) await watchOffline(gw)
    await agent(b, withWill, `${withWill.gatewayId}-agent`, true)
    await agent(b, without, `${without.gatewayId}-agent`, false)
    await agent(b, movedOff, `${movedOff.gatewayId}-agent`, true)
    const nodeB = await onlineOn(withWill.gatewayId)
    await onlineOn(without.gatewayId)
    await onlineOn(movedOff.gatewayId)
    // One gateway leaves B for A before the crash (its link to B is still open).
    await agent(a, movedOff, `${movedOff.gatewayId}-moved`, true)
    await expect.poll(async () => (await row(movedOff.gatewayId)).node, within(MOVE_BOUND_MS)).not.toBe(nodeB)

    const [lastHeartbeat] = await t.db.query<{ at: Date }>(
      'select heartbeat_at as at from broker_nodes where node_id = $1',
      [nodeB],
    )
    const killedAt = Date.now()
    await b.child.kill()
    for (const gw of [withWill, without]) {
      await expect.poll(async () => (await row(gw.gatewayId)).online, within(NODE_LOST_BOUND_MS)).toBe(false)
      const r = await row(gw.gatewayId)
      expect(r.node).toBeNull()
      // Last seen when its node was last alive, not before and not after the crash.
      expect(r.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(lastHeartbeat!.at.getTime())
      expect(r.lastSeenAt!.getTime()).toBeLessThanOrEqual(killedAt + 1000)
      expect(await retained(gw.gatewayId)).toMatchObject({ state: 'offline', reason: 'node-lost' })
    }
    expect(await t.db.query('select 1 from broker_nodes where node_id = $1', [nodeB])).toEqual([])
    // The gateway that had moved is untouched, and said online.
    expect(await row(movedOff.gatewayId)).toMatchObject({ online: true })
    expect(await retained(movedOff.gatewayId)).toMatchObject({ state: 'online' })

    // Offline alerts open for the two that are gone, and only for them.
    for (const gw of [withWill, without]) {
      await expect.poll(() => activeOfflineAlerts(gw.gatewayId), within(ALERT_BOUND_MS)).toBe(1)
    }
    expect(await activeOfflineAlerts(movedOff.gatewayId)).toBe(0)

    // Announced once: a later heartbeat does not say it again.
    const said = await retained(without.gatewayId)
    await sleep(2 * HEARTBEAT_MS)
    expect(await retained(without.gatewayId)).toEqual(said)

    // The gateway comes back on a live node: online there, retained online, its alert cleared.
    await agent(a, without, `${without.gatewayId}-back`, false)
    await onlineOn(without.gatewayId)
    await expect
      .poll(() => retained(without.gatewayId), within(MOVE_BOUND_MS))
      .toMatchObject({ state: 'online' })
    await expect.poll(() => activeOfflineAlerts(without.gatewayId), within(ALERT_BOUND_MS)).toBe(0)

    b = await startBrokerProcess(t.url!, redis.url, env)
  }, 120_000)

  it('a config PUT to the API reaches the gateway on node B, and GET reads it back', async () => {
    const gw = await provisionTestGateway(t.db, zone)
    const onB = await agent(b, gw, `${gw.gatewayId}-agent`)
    await onB.subscribeAsync(topics.config(gw.gatewayId), { qos: 1 })
    const received = new Promise<{ payload: string; retain: boolean }>((resolve) =>
      onB.once('message', (_topic, payload, packet) =>
        resolve({ payload: payload.toString(), retain: packet.retain }),
      ),
    )
    const config = { samplingSeconds: 120 }
    const put = await api.app.inject({
      method: 'PUT',
      url: `/api/v1/gateways/${gw.gatewayId}/config`,
      headers: await api.auth({ role: 'admin' }),
      payload: config,
    })
    expect(put.statusCode).toBe(200)
    // Delivered within one heartbeat of whichever node publishes it, through Redis to B.
    const message = await received
    expect(JSON.parse(message.payload)).toEqual(config)
    const read = await api.app.inject({
      url: `/api/v1/gateways/${gw.gatewayId}/config`,
      headers: await api.auth({ role: 'officer' }),
    })
    expect(read.json()).toMatchObject({ config, version: 1, published: true })
    // Retained: a gateway subscribing later, on A, gets it too.
    const [kept] = await platform.broker.retained(topics.config(gw.gatewayId))
    expect(JSON.parse(kept!.payload.toString())).toEqual(config)
  })

  it('a Redis restart with gateways connecting during the outage leaves no phantom connection', async () => {
    const steady = await provisionTestGateway(t.db, zone)
    const during = await Promise.all([1, 2, 3].map(() => provisionTestGateway(t.db, zone)))
    await agent(a, steady, `${steady.gatewayId}-agent`)
    await onlineOn(steady.gatewayId)

    await redis.child.stop()
    // These connect while Redis is away: aedes waits on it before registering them, and they give up.
    const attempts = during.map((gw) =>
      connectGateway(a.mqttUrl, gw, { clientId: `${gw.gatewayId}-outage`, connectTimeout: 1500 }).then(
        (c) => {
          clients.push(c)
          return c
        },
        () => null,
      ),
    )
    const outcomes = await Promise.all(attempts)
    // They did connect while Redis was away, and gave up waiting for the CONNACK.
    expect(outcomes.filter((c) => c === null).length).toBeGreaterThan(0)
    for (const c of outcomes) c?.end(true)
    redis = await startRedis(redis.port)

    // After the outage: A counts exactly the connections that are open, and the database agrees.
    const aPort = Number(new URL(a.mqttUrl).port)
    const openOnA = () => clients.filter((c) => c.connected && c.options.port === aPort).length
    const countedByA = async () =>
      metricValue(await (await fetch(a.metricsUrl)).text(), 'zonetrace_connected_gateways')
    await sleep(4 * HEARTBEAT_MS)
    await expect.poll(async () => (await countedByA()) - openOnA(), within(10_000)).toBe(0)
    for (const gw of during) {
      const connected = outcomes[during.indexOf(gw)]?.connected === true
      expect((await row(gw.gatewayId)).online, gw.gatewayId).toBe(connected)
    }
    expect(await row(steady.gatewayId)).toMatchObject({ online: true })
  }, 90_000)
})
