import type { GatewayCredentials } from '@zonetrace/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName, type TestDB } from '../helpers/db.ts'
import {
  type BrokerFixture,
  closeBrokerFixture,
  closeOf,
  connectGateway,
  openBrokerFixture,
  refusalCode,
  startTestBroker,
  type TestBroker,
} from './harness.ts'

let f: BrokerFixture
let t: TestDB
let b: TestBroker
let gw: GatewayCredentials
let other: GatewayCredentials
beforeAll(async () => {
  f = await openBrokerFixture(2, { presenceFlushMs: 100 })
  ;({ t, b } = f)
  ;[gw, other] = f.gateways as [GatewayCredentials, GatewayCredentials]
})
afterAll(() => closeBrokerFixture(f))

describe(`broker authentication (${backendName})`, () => {
  it('refuses an anonymous client with "not authorized" (CONNACK 5)', async () => {
    expect(await refusalCode(b.url, null)).toBe(5)
  })

  it('refuses a username without a password with "not authorized" (CONNACK 5)', async () => {
    expect(await refusalCode(b.url, { username: gw.username })).toBe(5)
  })

  it('refuses a wrong password with "bad username or password" (CONNACK 4)', async () => {
    expect(await refusalCode(b.url, { username: gw.username, password: `${gw.password}x` })).toBe(4)
  })

  it('refuses an unknown gateway with "bad username or password" (CONNACK 4)', async () => {
    expect(await refusalCode(b.url, { username: 'gw-nobody', password: gw.password })).toBe(4)
    expect(await refusalCode(b.url, { username: 'not a gateway id/#', password: gw.password })).toBe(4)
  })

  it('accepts the provisioned secret and runs scrypt once for a reconnect storm', async () => {
    const before = b.broker.stats().secretVerifications
    const clients = await Promise.all(Array.from({ length: 5 }, () => connectGateway(b.url, gw)))
    expect(clients.every((c) => c.connected)).toBe(true)
    await Promise.all(clients.map((c) => c.endAsync()))
    const again = await connectGateway(b.url, gw)
    await again.endAsync()
    // The five simultaneous connects may each verify before the first result is remembered; the sixth may not.
    const used = b.broker.stats().secretVerifications - before
    expect(used).toBeGreaterThanOrEqual(1)
    expect(used).toBeLessThanOrEqual(5)
    const settled = b.broker.stats().secretVerifications
    await (await connectGateway(b.url, gw)).endAsync()
    expect(b.broker.stats().secretVerifications).toBe(settled)
  })

  it('never writes a password into the log', async () => {
    await refusalCode(b.url, { username: gw.username, password: 'wrong-secret-in-clear' })
    await (await connectGateway(b.url, gw)).endAsync()
    const text = b.raw.join('')
    expect(text).not.toContain(gw.password)
    expect(text).not.toContain('wrong-secret-in-clear')
    expect(b.logs.some((l) => l.gatewayId === gw.gatewayId && /bad username or password/.test(l.msg))).toBe(
      true,
    )
  })

  it("refuses a gateway that takes another gateway's client id (CONNACK 2) and keeps the holder online", async () => {
    const holder = await connectGateway(b.url, gw, { clientId: `shared-${gw.gatewayId}` })
    const code = await connectGateway(b.url, other, { clientId: `shared-${gw.gatewayId}` }).then(
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
    const client = await connectGateway(b.url, other)
    await client.endAsync()
    await expect
      .poll(async () => {
        const [row] = await t.db.query<{ last_seen_at: Date | null }>(
          `select last_seen_at from gateways where id = $1`,
          [other.gatewayId],
        )
        return row?.last_seen_at
      })
      .toBeInstanceOf(Date)
  })

  it('closes cleanly: no new connections afterwards', async () => {
    const local = await startTestBroker(t.db)
    const client = await connectGateway(local.url, gw)
    const closed = closeOf(client)
    await local.broker.close()
    await closed
    await expect(connectGateway(local.url, gw)).rejects.toThrow(/ECONNREFUSED/)
  })
})
