// PUT and GET /api/v1/gateways/{id}/config (issue 18, part 5): admins set the config a gateway's agent
// applies, checked against the agent's own schema; what the agent would ignore is refused with 400 and the
// reasons, never a 500. The stored config survives the process (it is in the database) and is marked
// unpublished until a broker node publishes it (tests/broker/cluster-presence.test.ts follows it to a
// gateway on another node).
import { parseRemoteConfig } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const api = sharedFixture(startHarness)

async function put(id: string, payload: unknown, role: 'admin' | 'officer' = 'admin') {
  return api.app.inject({
    method: 'PUT',
    url: `/api/v1/gateways/${id}/config`,
    headers: { ...(await api.auth({ role })), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  })
}

async function get(id: string) {
  return api.app.inject({
    url: `/api/v1/gateways/${id}/config`,
    headers: await api.auth({ role: 'officer' }),
  })
}

async function provision(id: string) {
  const res = await api.app.inject({
    method: 'POST',
    url: '/api/v1/gateways',
    headers: await api.auth({ role: 'admin' }),
    payload: { id, zone: api.zone },
  })
  expect(res.statusCode).toBe(201)
}

const config = {
  samplingSeconds: 300,
  alarmRules: [{ id: 'do-low', metric: 'dissolved_oxygen', below: 3, severity: 'critical' }],
}

describe('gateway config', () => {
  it('stores a config the agent accepts, versions it, and reads it back', async () => {
    await provision('gw-cfg-1')
    expect(parseRemoteConfig(JSON.stringify(config)).ok).toBe(true)
    const first = await put('gw-cfg-1', config)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ gatewayId: 'gw-cfg-1', config, version: 1, published: false })
    const second = await put('gw-cfg-1', { samplingSeconds: 60 })
    expect(second.json()).toMatchObject({ config: { samplingSeconds: 60 }, version: 2, published: false })

    const read = await get('gw-cfg-1')
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({ gatewayId: 'gw-cfg-1', config: { samplingSeconds: 60 }, version: 2 })
    expect(read.json().updatedBy).toEqual(expect.any(String))
  })

  it('refuses, with 400 and the reasons, what the agent would ignore', async () => {
    await provision('gw-cfg-2')
    const bad = [
      { samplingSeconds: 0 },
      { samplingSeconds: '60' }, // the agent does not coerce
      { alarmRules: [{ id: 'x', metric: 'ph', severity: 'loud' }] },
      { alarmRules: [{ id: 'x', metric: 'ph', severity: 'info', extra: true }] }, // rules are closed
      [1, 2],
      'text',
    ]
    for (const body of bad) {
      expect(parseRemoteConfig(JSON.stringify(body)).ok, JSON.stringify(body)).toBe(false)
      const res = await put('gw-cfg-2', body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().message, JSON.stringify(body)).toMatch(/^config refused: \//)
    }
    const nul = await put('gw-cfg-2', { samplingSeconds: 60, note: 'a\u0000b' })
    expect(nul.statusCode).toBe(400)
    expect((await get('gw-cfg-2')).statusCode).toBe(404)
  })

  it('answers 404 for an unknown gateway, 403 to an officer, 401 without a token', async () => {
    expect((await put('gw-nobody', config)).statusCode).toBe(404)
    expect((await get('gw-nobody')).statusCode).toBe(404)
    await provision('gw-cfg-3')
    expect((await put('gw-cfg-3', config, 'officer')).statusCode).toBe(403)
    const anonymous = await api.app.inject({
      method: 'PUT',
      url: '/api/v1/gateways/gw-cfg-3/config',
      payload: config,
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('is documented in the OpenAPI with the agent schema as its body', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json()
    const op = doc.paths['/api/v1/gateways/{gatewayId}/config'].put
    expect(op.security).toEqual([{ bearerAuth: [] }])
    expect(Object.keys(op.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['samplingSeconds', 'alarmRules']),
    )
  })
})
