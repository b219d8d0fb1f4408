// Fault injected, through the real broker over MQTT: gateway A publishes a status whose JSON carries a
// \u0000 escape (PostgreSQL's jsonb refuses it) and alarm reports with a NUL in their rule id or label.
// Must survive: gateway B's presence (last_seen_at, online, status) keeps moving in the database while A's
// bad status is pending; A's reports are stored with the NUL escaped, each acknowledged on a connection that
// stays up, and counted in zonetrace_writer_rows_isolated_total. A's status is refused at the edge
// (publish/screen.ts) or, behind it, stored escaped by presence (writer-isolation.test.ts calls presence
// directly with such a status).
import { topics } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { sleep } from '../helpers/wait.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { closeOf, sensorOf } from './harness.ts'
import { metricValue } from './metrics-text.ts'

const fixture = sharedBrokerFixture({
  gateways: 2,
  broker: {
    presenceFlushMs: 50,
    ingest: { maxFutureSeconds: 600, maxAgeDays: 30 },
    deadLetters: { flushMs: 50 },
  },
})
const gatewayA = fixtureGateway(fixture, 0)
const gatewayB = fixtureGateway(fixture, 1)

interface Presence {
  online: boolean
  lastSeenAt: Date | null
  status: Record<string, unknown> | null
}

async function presenceOf(gatewayId: string): Promise<Presence> {
  const [row] = await fixture.db.query<Presence & Record<string, unknown>>(
    'select online, last_seen_at as "lastSeenAt", status from gateways where id = $1',
    [gatewayId],
  )
  return row!
}

const isolated = async (writer: string) =>
  metricValue(await fixture.broker.metrics.metrics(), 'zonetrace_writer_rows_isolated_total', { writer })

describe(`rows the database refuses, over MQTT (${backendName})`, () => {
  it("keeps every other gateway's presence moving while one gateway's status holds a NUL", async () => {
    const before = await isolated('presence')
    const clientA = await fixture.connect(gatewayA)
    const clientB = await fixture.connect(gatewayB)
    await clientB.publishAsync(topics.status(gatewayB.gatewayId), '{"state":"online","spool":1}', { qos: 1 })
    await expect
      .poll(async () => (await presenceOf(gatewayB.gatewayId)).status)
      .toEqual({ state: 'online', spool: 1 })
    const first = (await presenceOf(gatewayB.gatewayId)).lastSeenAt!

    // The JSON escape, as a gateway would send it: JSON.parse makes it a NUL, jsonb refuses it.
    await clientA.publishAsync(topics.status(gatewayA.gatewayId), '{"state":"online","note":"a\\u0000b"}', {
      qos: 1,
    })
    await sleep(20)
    await clientB.publishAsync(topics.status(gatewayB.gatewayId), '{"state":"online","spool":2}', { qos: 1 })

    await expect
      .poll(async () => (await presenceOf(gatewayB.gatewayId)).status, { timeout: 5_000 })
      .toEqual({ state: 'online', spool: 2 })
    expect((await presenceOf(gatewayB.gatewayId)).lastSeenAt!.getTime()).toBeGreaterThan(first.getTime())
    // Not stored at all, or stored with the NUL escaped: never the NUL, never a frozen batch.
    expect([null, { state: 'online', note: 'a\\u0000b' }]).toContainEqual(
      (await presenceOf(gatewayA.gatewayId)).status,
    )
    if ((await presenceOf(gatewayA.gatewayId)).status !== null)
      expect(await isolated('presence')).toBeGreaterThan(before)

    // A publishes the same bad status again: B's going offline still reaches the database.
    await clientA.publishAsync(topics.status(gatewayA.gatewayId), '{"state":"online","note":"c\\u0000d"}', {
      qos: 1,
    })
    const closed = closeOf(clientB)
    await clientB.endAsync()
    await closed
    await expect
      .poll(async () => (await presenceOf(gatewayB.gatewayId)).online, { timeout: 5_000 })
      .toBe(false)
    expect((await presenceOf(gatewayA.gatewayId)).online).toBe(true)
    expect(clientA.connected).toBe(true)
    await clientA.endAsync()
  })

  it('acknowledges an alarm report holding a NUL and stores it escaped, on a connection that stays up', async () => {
    const before = await isolated('gateway_alarms')
    const client = await fixture.connect(gatewayA)
    let closes = 0
    client.on('close', () => closes++)
    const report = (fields: Record<string, unknown>) =>
      JSON.stringify({
        kind: 'raised',
        ruleId: 'do-below-3',
        sensorId: sensorOf(gatewayA, 'dissolved_oxygen'),
        metric: 'dissolved_oxygen',
        value: 1.6,
        threshold: 3,
        severity: 'critical',
        time: new Date(Date.now() - 60_000).toISOString(),
        label: { vi: 'Oxy hòa tan thấp', en: 'Dissolved oxygen low' },
        ...fields,
      })
    const t0 = Date.now() - 120_000
    const at = (k: number) => new Date(t0 + k * 1000).toISOString()
    await client.publishAsync(
      topics.alarms(gatewayA.gatewayId),
      report({ ruleId: 'do\u0000below', time: at(1) }),
      {
        qos: 1,
      },
    )
    await client.publishAsync(
      topics.alarms(gatewayA.gatewayId),
      report({ label: { vi: 'x\u0000y', en: 'lone \ud800' }, time: at(2) }),
      { qos: 1 },
    )
    await client.publishAsync(topics.alarms(gatewayA.gatewayId), report({ time: at(3) }), { qos: 1 })
    const rows = await fixture.db.query<{ ruleId: string; label: { vi: string; en: string } }>(
      `select rule_id as "ruleId", label from gateway_alarms where gateway_id = $1 order by time`,
      [gatewayA.gatewayId],
    )
    expect(rows).toEqual([
      { ruleId: 'do\\u0000below', label: { vi: 'Oxy hòa tan thấp', en: 'Dissolved oxygen low' } },
      { ruleId: 'do-below-3', label: { vi: 'x\\u0000y', en: expect.stringMatching(/^lone /) } },
      { ruleId: 'do-below-3', label: { vi: 'Oxy hòa tan thấp', en: 'Dissolved oxygen low' } },
    ])
    expect(closes).toBe(0)
    expect(await isolated('gateway_alarms')).toBe(before + 2)
    await client.endAsync()
  })
})
