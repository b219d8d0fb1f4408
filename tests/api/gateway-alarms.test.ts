// GET /api/v1/gateways/{gatewayId}/alarms over reports a real broker stored from real MQTT publishes: newest
// first with its filters, every gateway for officers and admins, a cooperative only the gateways of its own
// growing areas (another's answers exactly like a missing one), nothing for the public.
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import { provisionGateway, upsertCooperative, upsertGrowingArea } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectGateway, startTestBroker, type TestBroker } from '../broker/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const api = sharedFixture(startHarness)
let testBroker: TestBroker
let own: GatewayCredentials
let foreign: GatewayCredentials

const HOUR_MS = 3_600_000
const t0 = Date.now() - 10 * HOUR_MS
const at = (hours: number) => new Date(t0 + hours * HOUR_MS).toISOString()

function report(g: GatewayCredentials, kind: 'raised' | 'cleared', time: string, ruleId = 'do-below-3') {
  return {
    kind,
    ruleId,
    sensorId: g.sensors[0]!.sensorId,
    metric: 'dissolved_oxygen',
    value: kind === 'raised' ? 1.6 : 3.4,
    threshold: 3,
    severity: 'critical',
    time,
    label: { vi: 'Oxy hòa tan dưới 3 mg/L', en: 'Dissolved oxygen below 3 mg/L' },
    ...(kind === 'cleared' ? { reason: 'recovered' } : {}),
  }
}

async function publish(g: GatewayCredentials, reports: object[]): Promise<void> {
  const client = await connectGateway(testBroker.url, g)
  for (const r of reports)
    await client.publishAsync(topics.alarms(g.gatewayId), JSON.stringify(r), { qos: 1 })
  await client.endAsync()
}

beforeAll(async () => {
  const db = api.test.db
  await upsertCooperative(db, { id: 'htx-other', name: 'HTX Khác', communeCode: '29335' })
  await upsertGrowingArea(db, {
    code: 'VN-TEST-OTHER-01',
    name: 'Vùng khác',
    cooperativeId: 'htx-other',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    communeCode: '29335',
  })
  own = await provisionGateway(db, { id: 'gw-alarm-own', zone: api.zone, sensors: ['dissolved_oxygen'] })
  foreign = await provisionGateway(db, {
    id: 'gw-alarm-foreign',
    zone: 'VN-TEST-OTHER-01',
    sensors: ['dissolved_oxygen'],
  })
  testBroker = await startTestBroker(db)
  await publish(own, [
    report(own, 'raised', at(1)),
    report(own, 'cleared', at(2)),
    report(own, 'raised', at(3)),
    report(own, 'raised', at(3)), // a spool resend
    report(own, 'raised', at(4), 'ph-range'),
  ])
  await publish(foreign, [report(foreign, 'raised', at(1))])
})
afterAll(async () => {
  await testBroker?.broker.close()
})

async function get(gatewayId: string, query = '', headers: Record<string, string> = {}) {
  return api.app.inject({ url: `/api/v1/gateways/${gatewayId}/alarms${query}`, headers })
}

describe(`GET /api/v1/gateways/{gatewayId}/alarms (${backendName})`, () => {
  it('lists an officer every stored report of a gateway, newest first by the time taken', async () => {
    const res = await get(own.gatewayId, '', await api.auth({ role: 'officer' }))
    expect(res.statusCode).toBe(200)
    const { alarms } = res.json()
    expect(
      alarms.map((a: { ruleId: string; kind: string; time: string }) => [a.ruleId, a.kind, a.time]),
    ).toEqual([
      ['ph-range', 'raised', at(4)],
      ['do-below-3', 'raised', at(3)],
      ['do-below-3', 'cleared', at(2)],
      ['do-below-3', 'raised', at(1)],
    ])
    expect(alarms[2]).toEqual({
      id: expect.any(Number),
      gatewayId: own.gatewayId,
      ruleId: 'do-below-3',
      sensorId: own.sensors[0]!.sensorId,
      metric: 'dissolved_oxygen',
      kind: 'cleared',
      value: 3.4,
      threshold: 3,
      severity: 'critical',
      time: at(2),
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      label: { vi: 'Oxy hòa tan dưới 3 mg/L', en: 'Dissolved oxygen below 3 mg/L' },
      reason: 'recovered',
    })
    expect(alarms[0].reason).toBeNull()
  })

  it('filters by kind and by time taken, and pages with limit', async () => {
    const admin = await api.auth({ role: 'admin' })
    const kinds = (res: { json(): { alarms: { kind: string; time: string }[] } }) =>
      res.json().alarms.map((a) => `${a.kind}@${a.time}`)
    expect(kinds(await get(own.gatewayId, '?kind=cleared', admin))).toEqual([`cleared@${at(2)}`])
    expect(kinds(await get(own.gatewayId, `?since=${encodeURIComponent(at(3))}`, admin))).toEqual([
      `raised@${at(4)}`,
      `raised@${at(3)}`,
    ])
    expect(kinds(await get(own.gatewayId, '?kind=raised&limit=1', admin))).toEqual([`raised@${at(4)}`])
  })

  it('shows a cooperative its own gateways and answers 404 for another cooperative’s, as for a missing one', async () => {
    const coop = await api.auth({ role: 'cooperative', cooperativeId: 'htx-test' })
    const mine = await get(own.gatewayId, '', coop)
    expect(mine.statusCode).toBe(200)
    expect(mine.json().alarms).toHaveLength(4)

    const theirs = await get(foreign.gatewayId, '', coop)
    const missing = await get('gw-nowhere', '', coop)
    expect([theirs.statusCode, missing.statusCode]).toEqual([404, 404])
    expect(theirs.json()).toEqual({ error: 'Not Found', message: `gateway "${foreign.gatewayId}" not found` })
    expect(missing.json()).toEqual({ error: 'Not Found', message: 'gateway "gw-nowhere" not found' })

    const other = await get(
      foreign.gatewayId,
      '',
      await api.auth({ role: 'cooperative', cooperativeId: 'htx-other' }),
    )
    expect(other.json().alarms.map((a: { gatewayId: string }) => a.gatewayId)).toEqual([foreign.gatewayId])
    // An officer reads both.
    expect((await get(foreign.gatewayId, '', await api.auth({ role: 'officer' }))).statusCode).toBe(200)
  })

  it('refuses the public with 401 and bad parameters with 400', async () => {
    const res = await get(own.gatewayId)
    expect(res.statusCode).toBe(401)
    expect(res.json().alarms).toBeUndefined()
    const officer = await api.auth({ role: 'officer' })
    for (const query of ['?kind=burning', '?limit=0', '?limit=1001', '?since=yesterday']) {
      const bad = await get(own.gatewayId, query, officer)
      expect(bad.statusCode, query).toBe(400)
      expect(bad.json().error).toBe('Bad Request')
    }
  })
})
