// Growing areas, sensors and gateways over HTTP, and provisioning a gateway as the contract prints it.
import { loadGatewayAuth, verifySecret } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const api = sharedFixture(startHarness)
let admin: { authorization: string }
beforeAll(async () => {
  admin = await api.auth({ role: 'admin' })
})

function provision(payload: unknown) {
  return api.app.inject({
    method: 'POST',
    url: '/api/v1/gateways',
    headers: admin,
    payload: payload as object,
  })
}

describe('GET /api/v1/zones', () => {
  it('lists growing areas, each with its code and the commune in force today', async () => {
    const res = await api.app.inject({ url: '/api/v1/zones' })
    expect(res.statusCode).toBe(200)
    const { zones } = res.json()
    expect(zones).toHaveLength(1)
    expect(zones[0]).toMatchObject({
      code: api.zone,
      cooperativeId: 'htx-test',
      crop: 'coconut',
      areaHa: 12.5,
      commune: { registeredCode: '29338', code: '29335' },
    })
  })
})

describe('POST /api/v1/gateways', () => {
  it('201 with exactly the JSON of `zonetrace gateway add`, and a password the broker will accept', async () => {
    const res = await provision({ id: 'gw-reg-1', zone: api.zone, sensors: ['salinity', 'ph'] })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(Object.keys(body)).toEqual(['gatewayId', 'username', 'password', 'sensors'])
    expect(body).toEqual({
      gatewayId: 'gw-reg-1',
      username: 'gw-reg-1',
      password: expect.stringMatching(/^\S{20,}$/),
      sensors: [
        { sensorId: 'gw-reg-1-s1', metric: 'salinity' },
        { sensorId: 'gw-reg-1-s1', metric: 'ph' },
      ],
    })
    const stored = await loadGatewayAuth(api.test.db, 'gw-reg-1')
    expect(await verifySecret(body.password, stored!.secretHash)).toBe(true)
  })

  it('accepts explicit sensor channels and no sensors at all', async () => {
    const res = await provision({
      id: 'gw-reg-2',
      zone: api.zone,
      sensors: [
        { sensorId: 'probe-a', metric: 'dissolved_oxygen' },
        { sensorId: 'probe-b', metric: 'temperature' },
      ],
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().sensors).toEqual([
      { sensorId: 'probe-a', metric: 'dissolved_oxygen' },
      { sensorId: 'probe-b', metric: 'temperature' },
    ])
    const bare = await provision({ id: 'gw-reg-3', zone: api.zone })
    expect(bare.statusCode).toBe(201)
    expect(bare.json().sensors).toEqual([])
  })

  it('409 for a gateway id that exists', async () => {
    const res = await provision({ id: 'gw-reg-1', zone: api.zone, sensors: ['temperature'] })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ error: 'Conflict', message: 'gateway "gw-reg-1" already exists' })
  })

  it('404 for an unknown growing area', async () => {
    const res = await provision({ id: 'gw-reg-x', zone: 'VN-NOWHERE-01', sensors: ['salinity'] })
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('unknown growing area "VN-NOWHERE-01"')
  })

  it('400 with a message for a bad metric, a bad id, a missing field or a wrong type', async () => {
    const cases: [unknown, RegExp][] = [
      [{ id: 'gw-reg-y', zone: api.zone, sensors: ['salinty'] }, /unknown metric "salinty"/],
      [
        { id: 'gw-reg-y', zone: api.zone, sensors: [{ sensorId: 'p', metric: 'lux' }] },
        /unknown metric "lux"/,
      ],
      [{ id: 'gw reg/#', zone: api.zone, sensors: [] }, /body\/id must use only ASCII letters, digits/],
      [{ id: 'gw-reg-y', zone: api.zone, sensors: ['ph', 'ph'] }, /listed twice/],
      [{ zone: api.zone }, /body must have required property 'id'/],
      [{ id: 'gw-reg-y', zone: api.zone, sensors: [{ metric: 'ph' }] }, /body\/sensors\/0/],
      [{ id: 'x'.repeat(65), zone: api.zone }, /body\/id must NOT have more than 64 characters/],
      [[1, 2], /body must be object/],
    ]
    for (const [payload, message] of cases) {
      const res = await provision(payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
      expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(message) })
    }
    const list = await api.app.inject({ url: '/api/v1/gateways' })
    expect(list.json().gateways.map((g: { id: string }) => g.id)).not.toContain('gw-reg-y')
  })

  it('400 for a malformed JSON body and 415 for a body that is not JSON', async () => {
    const malformed = await api.app.inject({
      method: 'POST',
      url: '/api/v1/gateways',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"id": "gw-reg-z", ',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json()).toEqual({
      error: 'Bad Request',
      message: expect.stringMatching(/not valid JSON/),
    })
    const text = await api.app.inject({
      method: 'POST',
      url: '/api/v1/gateways',
      headers: { ...admin, 'content-type': 'application/xml' },
      payload: '<gateway id="gw-reg-z"/>',
    })
    expect(text.statusCode).toBe(415)
    expect(text.json().error).toBe('Unsupported Media Type')
  })
})

describe('GET /api/v1/sensors and /api/v1/gateways', () => {
  it('list every sensor channel with its gateway, metric, unit and zone', async () => {
    const res = await api.app.inject({ url: '/api/v1/sensors' })
    expect(res.statusCode).toBe(200)
    const { sensors } = res.json()
    expect(sensors).toHaveLength(4)
    expect(sensors).toContainEqual({
      sensorId: 'probe-a',
      gatewayId: 'gw-reg-2',
      metric: 'dissolved_oxygen',
      unit: 'mg/L',
      zone: api.zone,
    })
  })

  it('filter sensors by gateway and by zone', async () => {
    const byGateway = await api.app.inject({ url: '/api/v1/sensors?gatewayId=gw-reg-1' })
    expect(
      byGateway
        .json()
        .sensors.map((s: { metric: string }) => s.metric)
        .sort(),
    ).toEqual(['ph', 'salinity'])
    const byZone = await api.app.inject({ url: `/api/v1/sensors?zone=${api.zone}` })
    expect(byZone.json().sensors).toHaveLength(4)
    const elsewhere = await api.app.inject({ url: '/api/v1/sensors?zone=VN-NOWHERE-01' })
    expect(elsewhere.json()).toEqual({ sensors: [] })
    const empty = await api.app.inject({ url: '/api/v1/sensors?zone=' })
    expect(empty.statusCode).toBe(400)
  })

  it('list gateways with zone, online state, last seen, last status and sensor count', async () => {
    const res = await api.app.inject({ url: '/api/v1/gateways' })
    expect(res.statusCode).toBe(200)
    const { gateways } = res.json()
    expect(gateways.map((g: { id: string }) => g.id)).toEqual(['gw-reg-1', 'gw-reg-2', 'gw-reg-3'])
    expect(gateways[0]).toEqual({
      id: 'gw-reg-1',
      zone: api.zone,
      online: false,
      lastSeenAt: null,
      status: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sensorCount: 2,
      position: null,
    })
    expect(gateways[2].sensorCount).toBe(0)
  })
})
