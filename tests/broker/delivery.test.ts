import { topics } from '@zonetrace/contracts'
import type { MqttClient } from 'mqtt'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { grantedQos } from '../helpers/mqtt-suback.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'

const fixture = sharedBrokerFixture({ gateways: 2 })
const gw = fixtureGateway(fixture, 0)
const other = fixtureGateway(fixture, 1)

function nextMessage(client: MqttClient): Promise<{ topic: string; payload: string; retain: boolean }> {
  return new Promise((resolve) =>
    client.once('message', (topic, payload, packet) =>
      resolve({ topic, payload: payload.toString(), retain: packet.retain }),
    ),
  )
}

describe(`broker delivery of platform messages (${backendName})`, () => {
  it('delivers a retained config to its gateway on subscribe, and only to it', async () => {
    const config = JSON.stringify({ intervalS: 60 })
    await fixture.broker.publish({ topic: topics.config(gw.gatewayId), payload: config, retain: true })

    const stranger = await fixture.connect(other)
    const strangerGot: string[] = []
    stranger.on('message', (topic) => strangerGot.push(topic))
    expect(await grantedQos(stranger, topics.config(gw.gatewayId))).toEqual([128])

    const client = await fixture.connect(gw)
    const message = nextMessage(client)
    expect(await grantedQos(client, topics.config(gw.gatewayId))).toEqual([1])
    expect(await message).toEqual({ topic: topics.config(gw.gatewayId), payload: config, retain: true })

    const command = nextMessage(client)
    await grantedQos(client, topics.command(gw.gatewayId))
    await fixture.broker.publish({ topic: topics.command(gw.gatewayId), payload: '{"do":"calibrate"}' })
    expect((await command).payload).toBe('{"do":"calibrate"}')
    expect(strangerGot).toEqual([])
    await Promise.all([client.endAsync(), stranger.endAsync()])
  })
})
