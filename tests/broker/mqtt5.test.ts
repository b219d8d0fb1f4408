// aedes 1.2.0 speaks MQTT 3.1.1 (and 3.1). An MQTT 5 client must get a clear refusal, not a hang or a crash.
import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sharedBrokerFixture } from './broker-fixture.ts'

const fixture = sharedBrokerFixture()

describe(`MQTT protocol versions (${backendName})`, () => {
  it('refuses an MQTT 5 connect with "unacceptable protocol version" and keeps serving 3.1.1', async () => {
    const gw = await fixture.provisionGateway()
    const err = await mqtt
      .connectAsync(fixture.url, {
        username: gw.username,
        password: gw.password,
        protocolVersion: 5,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
      })
      .then(
        async (c) => {
          await c.endAsync()
          return undefined
        },
        (e: { code?: number }) => e,
      )
    expect(err?.code).toBe(1)
    const ok = await mqtt.connectAsync(fixture.url, {
      username: gw.username,
      password: gw.password,
      reconnectPeriod: 0,
    })
    expect(ok.connected).toBe(true)
    await ok.endAsync()
  })
})
