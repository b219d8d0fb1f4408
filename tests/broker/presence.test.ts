// Gateway presence (issue 3, item 7): online from an authenticated connect, offline from a disconnect or a
// will, written in batches to gateways.online / last_seen_at / status and shown by GET /api/v1/gateways.
// The retained status topic never keeps saying "online" for a gateway that is gone: the gateway's own
// offline (will or explicit) stays, otherwise the broker publishes one.
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiHarness, startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sleep } from '../helpers/wait.ts'
import { type BrokerFixture, openBrokerFixture } from './broker-fixture.ts'
import { closeOf } from './harness.ts'

let api: ApiHarness
let fixture: BrokerFixture

beforeAll(async () => {
  api = await startHarness()
  fixture = await openBrokerFixture({
    on: { db: api.test.db, zone: api.zone },
    broker: { presenceFlushMs: 50 },
  })
})
afterAll(async () => {
  await fixture?.close()
  await api?.close()
})

interface Presence {
  online: boolean
  lastSeenAt: Date | null
  status: Record<string, unknown> | null
}

async function presenceOf(gatewayId: string): Promise<Presence | undefined> {
  const [row] = await fixture.db.query<Presence & Record<string, unknown>>(
    'select online, last_seen_at as "lastSeenAt", status from gateways where id = $1',
    [gatewayId],
  )
  return row
}

const onlineOf = async (gatewayId: string) => (await presenceOf(gatewayId))?.online

async function apiGateway(gatewayId: string): Promise<Record<string, unknown> | undefined> {
  const res = await api.app.inject({ url: '/api/v1/gateways' })
  expect(res.statusCode).toBe(200)
  return res.json().gateways.find((g: { id: string }) => g.id === gatewayId)
}

async function retainedPayload(gatewayId: string): Promise<string | undefined> {
  const [message] = await fixture.broker.retained(topics.status(gatewayId))
  return message?.payload.toString()
}

async function retainedStatus(gatewayId: string): Promise<Record<string, unknown> | undefined> {
  const payload = await retainedPayload(gatewayId)
  return payload === undefined ? undefined : JSON.parse(payload)
}

/** The retained status once a wrongly scheduled broker offline has had time to land over it. */
async function settledRetainedPayload(gatewayId: string): Promise<string | undefined> {
  await sleep(200)
  return retainedPayload(gatewayId)
}

async function provision(): Promise<GatewayCredentials> {
  return fixture.provisionGateway()
}

/** Fault: the TCP connection vanishes without DISCONNECT (power cut, link lost). */
async function dropAbruptly(client: MqttClient): Promise<void> {
  const closed = closeOf(client)
  client.stream.destroy()
  await closed
  client.end(true)
}

describe(`gateway presence (${backendName})`, () => {
  it('marks a gateway online on connect, in the database and the API, with its status and last seen', async () => {
    const gw = await provision()
    expect(await presenceOf(gw.gatewayId)).toEqual({ online: false, lastSeenAt: null, status: null })
    const client = await fixture.connect(gw)
    await client.publishAsync(topics.status(gw.gatewayId), '{"state":"online","spool":3}', {
      qos: 1,
      retain: true,
    })
    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(true)
    await expect
      .poll(async () => (await presenceOf(gw.gatewayId))?.status)
      .toEqual({ state: 'online', spool: 3 })
    expect((await presenceOf(gw.gatewayId))?.lastSeenAt).toBeInstanceOf(Date)
    expect(await apiGateway(gw.gatewayId)).toMatchObject({
      online: true,
      lastSeenAt: expect.stringMatching(/^\d{4}-/),
      status: { state: 'online', spool: 3 },
    })
    await client.endAsync()
  })

  it('marks a gateway that drops without a will offline and publishes a retained offline status for it', async () => {
    const gw = await provision()
    const client = await fixture.connect(gw)
    await client.publishAsync(topics.status(gw.gatewayId), '{"state":"online"}', { qos: 1, retain: true })
    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(true)
    await dropAbruptly(client)

    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(false)
    await expect.poll(() => retainedStatus(gw.gatewayId)).toMatchObject({ state: 'offline' })
    const status = await retainedStatus(gw.gatewayId)
    expect(Date.now() - Date.parse(String(status?.at))).toBeLessThan(60_000)
    expect(await apiGateway(gw.gatewayId)).toMatchObject({ online: false })
  })

  it("keeps the gateway's own retained will and stores it as its status", async () => {
    const gw = await provision()
    const will = '{"state":"offline","spool":7}'
    const client = await fixture.connect(gw, {
      will: { topic: topics.status(gw.gatewayId), payload: Buffer.from(will), qos: 1, retain: true },
    })
    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(true)
    await dropAbruptly(client)

    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(false)
    await expect
      .poll(async () => (await presenceOf(gw.gatewayId))?.status)
      .toEqual({ state: 'offline', spool: 7 })
    // The will is what stays.
    expect(await settledRetainedPayload(gw.gatewayId)).toBe(will)
  })

  it('keeps an offline the gateway published itself before a clean disconnect', async () => {
    const gw = await provision()
    const client = await fixture.connect(gw)
    const goodbye = '{"state":"offline","spool":0}'
    await client.publishAsync(topics.status(gw.gatewayId), goodbye, { qos: 1, retain: true })
    await client.endAsync()
    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(false)
    expect(await settledRetainedPayload(gw.gatewayId)).toBe(goodbye)
  })

  it('publishes offline for a clean disconnect that left "online" retained', async () => {
    const gw = await provision()
    const client = await fixture.connect(gw)
    await client.publishAsync(topics.status(gw.gatewayId), '{"state":"online"}', { qos: 1, retain: true })
    await client.endAsync()
    await expect.poll(() => retainedStatus(gw.gatewayId)).toMatchObject({ state: 'offline' })
  })

  it('stays online through a takeover of its client id and while a second connection is open', async () => {
    const gw = await provision()
    const first = await fixture.connect(gw, { clientId: gw.gatewayId })
    await first.publishAsync(topics.status(gw.gatewayId), '{"state":"online"}', { qos: 1, retain: true })
    const firstClosed = closeOf(first)
    // The same gateway reconnecting before the broker noticed the old link died [MQTT-3.1.4-2].
    const second = await fixture.connect(gw, { clientId: gw.gatewayId })
    await firstClosed
    first.end(true)
    const other = await fixture.connect(gw, { clientId: `${gw.gatewayId}-b` })
    await dropAbruptly(other)
    await sleep(300)
    expect(await onlineOf(gw.gatewayId)).toBe(true)
    expect(await retainedStatus(gw.gatewayId)).toEqual({ state: 'online' })
    await second.endAsync()
    await expect.poll(() => onlineOf(gw.gatewayId)).toBe(false)
  })

  it('does not count a refused connection as online', async () => {
    const gw = await provision()
    const refused = await mqtt
      .connectAsync(fixture.url, {
        username: gw.username,
        password: 'wrong',
        reconnectPeriod: 0,
        protocolVersion: 4,
      })
      .then(
        (c) => c.endAsync().then(() => false),
        () => true,
      )
    expect(refused).toBe(true)
    await sleep(200)
    expect(await onlineOf(gw.gatewayId)).toBe(false)
  })

  it('starts with every gateway offline: a crashed broker could not record its drops', async () => {
    const gw = await provision()
    await fixture.db.query('update gateways set online = true where id = $1', [gw.gatewayId])
    const restarted = await fixture.startBroker()
    try {
      expect(await onlineOf(gw.gatewayId)).toBe(false)
    } finally {
      await restarted.broker.close()
    }
  })
})
