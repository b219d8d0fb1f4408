import { topics } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { grantedQos } from '../helpers/mqtt-suback.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { closeOf, countReadings, sensorOf } from './harness.ts'

const fixture = sharedBrokerFixture({ gateways: 2 })
const gw = fixtureGateway(fixture, 0)
const other = fixtureGateway(fixture, 1)

const SECRET_PAYLOAD = 'payload-that-must-not-be-logged'

describe(`broker topic ACL (${backendName})`, () => {
  it("refuses a publish to another gateway's readings topic: disconnects, stores nothing, logs the gateway", async () => {
    const client = await fixture.connect(gw)
    const closed = closeOf(client)
    const body = JSON.stringify([
      { bn: `${sensorOf(other)}:`, bt: 1_764_400_000, n: 'salinity', v: 1, x: SECRET_PAYLOAD },
    ])
    client.publish(topics.readings(other.gatewayId), body, { qos: 1 })
    await closed
    expect(await countReadings(fixture.db, sensorOf(other))).toBe(0)
    const line = fixture.logs.find((l) => l.msg.startsWith('publish refused by ACL'))
    expect(line).toMatchObject({ gatewayId: gw.gatewayId, topic: topics.readings(other.gatewayId) })
    expect(fixture.rawLogs.join('')).not.toContain(SECRET_PAYLOAD)
    client.end(true)
  })

  it('refuses a publish to its own config topic (platform to gateway only)', async () => {
    const client = await fixture.connect(gw)
    const closed = closeOf(client)
    client.publish(topics.config(gw.gatewayId), '{}', { qos: 1 })
    await closed
    client.end(true)
  })

  it("refuses a subscription to another gateway's config with granted QoS 128 and keeps the client", async () => {
    const client = await fixture.connect(gw)
    expect(await grantedQos(client, topics.config(other.gatewayId))).toEqual([128])
    expect(await grantedQos(client, 'zt/v1/gw/+/config')).toEqual([128])
    expect(await grantedQos(client, '#')).toEqual([128])
    expect(client.connected).toBe(true)
    expect(
      fixture.logs.some((l) => l.msg === 'subscribe refused by ACL' && l.gatewayId === gw.gatewayId),
    ).toBe(true)
    await client.endAsync()
  })

  it('grants its own config and command topics', async () => {
    const client = await fixture.connect(gw)
    expect(await grantedQos(client, [topics.config(gw.gatewayId), topics.command(gw.gatewayId)])).toEqual([
      1, 1,
    ])
    await client.endAsync()
  })

  it('accepts a retained status and an alarm on its own topics', async () => {
    const client = await fixture.connect(gw)
    await client.publishAsync(topics.status(gw.gatewayId), '{"state":"online","spool":0}', {
      qos: 1,
      retain: true,
    })
    await client.publishAsync(topics.alarms(gw.gatewayId), '{"kind":"power"}', { qos: 1 })
    expect(client.connected).toBe(true)
    await client.endAsync()
  })
})
