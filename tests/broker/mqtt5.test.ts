// aedes 1.2.0 speaks MQTT 3.1.1 (and 3.1). An MQTT 5 client must get a clear refusal, not a hang or a crash.
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone, TEST_ZONE } from '../helpers/fixtures.ts'
import { provisionTestGateway, startTestBroker, type TestBroker } from './harness.ts'

let t: TestDB
let b: TestBroker
beforeAll(async () => {
  t = await getTestDB()
  await seedZone(t.db)
  b = await startTestBroker(t.db)
})
afterAll(async () => {
  await b?.broker.close()
  await t?.close()
})

describe(`MQTT protocol versions (${backendName})`, () => {
  it('refuses an MQTT 5 connect with "unacceptable protocol version" and keeps serving 3.1.1', async () => {
    const gw = await provisionTestGateway(t.db, TEST_ZONE)
    const err = await mqtt
      .connectAsync(b.url, {
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
    const ok = await mqtt.connectAsync(b.url, {
      username: gw.username,
      password: gw.password,
      reconnectPeriod: 0,
    })
    expect(ok.connected).toBe(true)
    await ok.endAsync()
  })
})
