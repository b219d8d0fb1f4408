import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { closeOf, connectGateway, refusalCode } from './harness.ts'

const fixture = sharedBrokerFixture({ gateways: 2, broker: { presenceFlushMs: 100 } })
const gw = fixtureGateway(fixture, 0)
const other = fixtureGateway(fixture, 1)

describe(`broker authentication (${backendName})`, () => {
  it('refuses an anonymous client with "not authorized" (CONNACK 5)', async () => {
    expect(await refusalCode(fixture.url, null)).toBe(5)
  })

  it('refuses a username without a password with "not authorized" (CONNACK 5)', async () => {
    expect(await refusalCode(fixture.url, { username: gw.username })).toBe(5)
  })

  it('refuses a wrong password with "bad username or password" (CONNACK 4)', async () => {
    expect(await refusalCode(fixture.url, { username: gw.username, password: `${gw.password}x` })).toBe(4)
  })

  it('refuses an unknown gateway with "bad username or password" (CONNACK 4)', async () => {
    expect(await refusalCode(fixture.url, { username: 'gw-nobody', password: gw.password })).toBe(4)
    expect(await refusalCode(fixture.url, { username: 'not a gateway id/#', password: gw.password })).toBe(4)
  })

  it('accepts the provisioned secret and verifies it once for a reconnect storm', async () => {
    const before = fixture.broker.stats().secretVerifications
    const clients = await Promise.all(Array.from({ length: 5 }, () => fixture.connect(gw)))
    expect(clients.every((c) => c.connected)).toBe(true)
    await Promise.all(clients.map((c) => c.endAsync()))
    const again = await fixture.connect(gw)
    await again.endAsync()
    // The five simultaneous connects may each verify before the first result is remembered; the sixth may not.
    const used = fixture.broker.stats().secretVerifications - before
    expect(used).toBeGreaterThanOrEqual(1)
    expect(used).toBeLessThanOrEqual(5)
    const settled = fixture.broker.stats().secretVerifications
    await (await fixture.connect(gw)).endAsync()
    expect(fixture.broker.stats().secretVerifications).toBe(settled)
  })

  it('never writes a password into the log', async () => {
    await refusalCode(fixture.url, { username: gw.username, password: 'wrong-secret-in-clear' })
    await (await fixture.connect(gw)).endAsync()
    const text = fixture.rawLogs.join('')
    expect(text).not.toContain(gw.password)
    expect(text).not.toContain('wrong-secret-in-clear')
    expect(
      fixture.logs.some((l) => l.gatewayId === gw.gatewayId && /bad username or password/.test(l.msg)),
    ).toBe(true)
  })

  it("refuses a gateway that takes another gateway's client id (CONNACK 2) and keeps the holder online", async () => {
    const holder = await fixture.connect(gw, { clientId: `shared-${gw.gatewayId}` })
    const code = await fixture.connect(other, { clientId: `shared-${gw.gatewayId}` }).then(
      async (c) => {
        await c.endAsync()
        return 0
      },
      (err: { code?: number }) => err.code,
    )
    expect(code).toBe(2)
    expect(holder.connected).toBe(true)
    await holder.publishAsync(`zt/v1/gw/${gw.gatewayId}/status`, '{"state":"online"}', { qos: 1 })
    await holder.endAsync()
  })

  it('records last_seen for a gateway that connected', async () => {
    const client = await fixture.connect(other)
    await client.endAsync()
    await expect
      .poll(async () => {
        const [row] = await fixture.db.query<{ last_seen_at: Date | null }>(
          `select last_seen_at from gateways where id = $1`,
          [other.gatewayId],
        )
        return row?.last_seen_at
      })
      .toBeInstanceOf(Date)
  })

  it('closes cleanly: no new connections afterwards', async () => {
    const local = await fixture.startBroker()
    const client = await connectGateway(local.url, gw)
    const closed = closeOf(client)
    await local.broker.close()
    await closed
    await expect(connectGateway(local.url, gw)).rejects.toThrow(/ECONNREFUSED/)
  })
})
