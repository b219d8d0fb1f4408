// POST/GET/DELETE /api/v1/rules: the contract's simple form, richer kinds beside it, scope checks against
// the registry, who may do what, and retiring a rule clearing its open alerts through the event log.
import { rulesVersion } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { alertsApi, ORCHARD, ORCHARD_SENSOR, POND, POND_SENSOR, presetRuleId, seedAlert } from './harness.ts'

const api = alertsApi()

const post = (payload: object, headers = api.officer) =>
  api.app.inject({ method: 'POST', url: '/api/v1/rules', headers, payload })

describe('POST /api/v1/rules', () => {
  it('creates a threshold rule from the contract form and answers 201 with it', async () => {
    const res = await post({
      sensorId: POND_SENSOR,
      metric: 'dissolved_oxygen',
      min: 3,
      forSeconds: 600,
      severity: 'critical',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      id: expect.any(Number),
      sensorId: POND_SENSOR,
      zone: null,
      scopeZone: POND,
      metric: 'dissolved_oxygen',
      kind: 'threshold',
      min: 3,
      max: null,
      forSeconds: 600,
      severity: 'critical',
      origin: 'custom',
      createdBy: 'officer-lan',
      deletedAt: null,
    })
    const zoneRule = await post({ zone: ORCHARD, metric: 'salinity', max: 1.2, severity: 'major' }, api.admin)
    expect(zoneRule.statusCode).toBe(201)
    expect(zoneRule.json()).toMatchObject({ zone: ORCHARD, scopeZone: ORCHARD, max: 1.2 })
  })

  it('takes the richer kinds beside those fields: rate, offline, repeat, hysteresis, active hours', async () => {
    const rate = await post({
      gatewayId: 'gw-pond',
      metric: 'salinity',
      ratePerMinute: 0.5,
      severity: 'minor',
    })
    expect(rate.statusCode).toBe(201)
    expect(rate.json()).toMatchObject({
      kind: 'rate',
      ratePerMinute: 0.5,
      gatewayId: 'gw-pond',
      scopeZone: POND,
    })
    const offline = await post({ gatewayId: 'gw-pond', silentSeconds: 900, severity: 'major' })
    expect(offline.statusCode).toBe(201)
    expect(offline.json()).toMatchObject({ kind: 'offline', metric: null, silentSeconds: 900 })
    const rich = await post({
      sensorId: POND_SENSOR,
      metric: 'ph',
      min: 7,
      max: 9,
      repeat: { count: 3, withinSeconds: 1800 },
      clearMargin: 0.2,
      clearForSeconds: 300,
      activeHours: { from: '22:00', to: '06:00' },
      severity: 'warning',
      name: 'pH at night',
    })
    expect(rich.statusCode).toBe(201)
    expect(rich.json()).toMatchObject({
      repeat: { count: 3, withinSeconds: 1800 },
      clearMargin: 0.2,
      clearForSeconds: 300,
      activeHours: { from: '22:00', to: '06:00' },
      name: 'pH at night',
    })
  })

  it.each([
    ['min > max', { min: 9, max: 7 }, 'min (9) must not be greater than max (7)'],
    ['unknown metric', { metric: 'oxygen' }, "unknown metric 'oxygen'; known metrics: salinity, ph,"],
    [
      'negative duration',
      { forSeconds: -5 },
      'forSeconds must be a whole number of seconds from 0 to 604800',
    ],
    [
      'fractional duration',
      { forSeconds: 1.5 },
      'forSeconds must be a whole number of seconds from 0 to 604800',
    ],
    ['duration over 7 days', { forSeconds: 604_801 }, 'forSeconds must be a whole number of seconds'],
    ['impossible clear delay', { clearForSeconds: 10 ** 9 }, 'clearForSeconds must be a whole number'],
    ['repeat window of 0', { repeat: { count: 3, withinSeconds: 0 } }, 'repeat.withinSeconds must be'],
    ['unknown severity', { severity: 'urgent' }, 'severity must be one of warning, minor, major, critical'],
    ['no bound', { min: undefined, max: undefined }, 'a threshold rule needs min, max or both'],
    ['two scopes', { zone: POND }, 'give exactly one of zone, gatewayId or sensorId'],
    ['bad active hours', { activeHours: { from: '25:00', to: '06:00' } }, 'activeHours needs from and to'],
    [
      'a rate on a threshold rule',
      { kind: 'threshold', ratePerMinute: 2 },
      'ratePerMinute belongs to rate rules',
    ],
    [
      'offline silence too short',
      { silentSeconds: 30 },
      'silentSeconds must be a whole number of seconds from 60',
    ],
  ])('400 for %s, with validateRule’s words', async (_name, change, message) => {
    const body = { sensorId: POND_SENSOR, metric: 'ph', min: 6, max: 9, severity: 'major', ...change }
    const res = await post(JSON.parse(JSON.stringify(body)))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain(message)
  })

  it('400 listing every problem at once, and for wrong JSON types', async () => {
    const res = await post({
      sensorId: POND_SENSOR,
      metric: 'nope',
      min: 5,
      max: 1,
      forSeconds: -1,
      severity: 'x',
    })
    expect(res.statusCode).toBe(400)
    const { message } = res.json()
    for (const part of [
      'unknown metric',
      'severity must be',
      'min (5) must not be greater',
      'forSeconds must',
    ]) {
      expect(message).toContain(part)
    }
    const typed = await post({ sensorId: POND_SENSOR, metric: 'ph', min: 'low', severity: 'major' })
    expect(typed.statusCode).toBe(400)
    expect(typed.json().message).toMatch(/min/)
  })

  it('404 for an unknown zone, gateway or sensor; 400 for a metric the sensor does not report', async () => {
    for (const [scope, what] of [
      [{ zone: 'VN-NOWHERE' }, 'growing area "VN-NOWHERE" not found'],
      [{ gatewayId: 'gw-nowhere' }, 'gateway "gw-nowhere" not found'],
      [{ sensorId: 'probe-nowhere' }, 'sensor "probe-nowhere" not found'],
    ] as const) {
      const res = await post({ ...scope, metric: 'salinity', max: 4, severity: 'major' })
      expect(res.statusCode, what).toBe(404)
      expect(res.json().message).toBe(what)
    }
    // Area codes may be longer than device ids (export PUC codes): a 100-character code is looked up.
    const long = `VN-${'X'.repeat(97)}`
    const longZone = await post({ zone: long, metric: 'salinity', max: 4, severity: 'major' })
    expect(longZone.statusCode).toBe(404)
    expect(longZone.json().message).toBe(`growing area "${long}" not found`)
    const res = await post({ sensorId: ORCHARD_SENSOR, metric: 'ph', max: 9, severity: 'major' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe(`sensor "${ORCHARD_SENSOR}" does not report ph; it reports salinity`)
  })

  it('refuses the public (401) and cooperatives (403)', async () => {
    const body = { zone: POND, metric: 'salinity', max: 30, severity: 'major' }
    expect((await api.app.inject({ method: 'POST', url: '/api/v1/rules', payload: body })).statusCode).toBe(
      401,
    )
    expect((await post(body, api.tom)).statusCode).toBe(403)
  })
})

describe('GET /api/v1/rules', () => {
  it('lists rules in force with filters; zone covers gateway and sensor rules inside it', async () => {
    const all = (await api.app.inject({ url: '/api/v1/rules', headers: api.officer })).json().rules
    expect(all.length).toBeGreaterThan(5)
    const inPond = (await api.app.inject({ url: `/api/v1/rules?zone=${POND}`, headers: api.officer })).json()
      .rules
    expect(inPond.every((r: { scopeZone: string }) => r.scopeZone === POND)).toBe(true)
    expect(new Set(inPond.map((r: { origin: string }) => r.origin))).toEqual(new Set(['custom', 'preset']))
    const custom = await api.app.inject({
      url: `/api/v1/rules?zone=${POND}&origin=custom`,
      headers: api.officer,
    })
    expect(
      custom
        .json()
        .rules.map((r: { kind: string }) => r.kind)
        .sort(),
    ).toEqual(['offline', 'rate', 'threshold', 'threshold'])
    const byGateway = await api.app.inject({ url: '/api/v1/rules?gatewayId=gw-pond', headers: api.officer })
    expect(byGateway.json().rules).toHaveLength(4)
    const bySensor = await api.app.inject({
      url: `/api/v1/rules?sensorId=${POND_SENSOR}&metric=ph`,
      headers: api.officer,
    })
    expect(bySensor.json().rules).toHaveLength(1)
    const bad = await api.app.inject({ url: '/api/v1/rules?origin=system', headers: api.officer })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('origin must be one of custom, preset')
  })

  it('shows a cooperative the rules of its own areas only, and 404 for another’s rule', async () => {
    const mine = (await api.app.inject({ url: '/api/v1/rules', headers: api.buoi })).json().rules
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((r: { scopeZone: string }) => r.scopeZone === ORCHARD)).toBe(true)
    const pondRule = await presetRuleId(api.db, POND, 'dissolved_oxygen', 'critical')
    expect((await api.app.inject({ url: `/api/v1/rules/${pondRule}`, headers: api.buoi })).statusCode).toBe(
      404,
    )
    const own = await api.app.inject({ url: `/api/v1/rules/${pondRule}`, headers: api.tom })
    expect(own.statusCode).toBe(200)
    expect(own.json()).toMatchObject({ origin: 'preset', preset: 'shrimp_pond', min: 3.5, scopeZone: POND })
    expect((await api.app.inject({ url: '/api/v1/rules' })).statusCode).toBe(401)
  })

  it('400 for an id that is not a positive safe integer', async () => {
    for (const id of ['abc', '0', '99999999999999999999']) {
      const res = await api.app.inject({ url: `/api/v1/rules/${id}`, headers: api.officer })
      expect(res.statusCode, id).toBe(400)
    }
  })
})

describe('DELETE /api/v1/rules/{id}', () => {
  it('retires the rule, clears its open alerts with an event, and changes the rules version', async () => {
    const rule = (
      await post({ sensorId: POND_SENSOR, metric: 'salinity', max: 20, severity: 'major' })
    ).json()
    const base = {
      ruleId: rule.id,
      sensorId: POND_SENSOR,
      gatewayId: 'gw-pond',
      zone: POND,
      metric: 'salinity',
      severity: 'major',
      value: 22,
      threshold: 20,
    }
    const open = await seedAlert(api.db, { ...base, openedAt: new Date('2026-04-01T03:00:00Z') })
    const historical = await seedAlert(api.db, {
      ...base,
      openedAt: new Date('2026-03-30T03:00:00Z'),
      historical: true,
    })
    const closed = await seedAlert(api.db, {
      ...base,
      openedAt: new Date('2026-03-01T03:00:00Z'),
      state: 'cleared',
    })
    const before = await rulesVersion(api.db)

    const res = await api.app.inject({
      method: 'DELETE',
      url: `/api/v1/rules/${rule.id}`,
      headers: api.officer,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      clearedAlerts: 2,
      rule: { id: rule.id, deletedAt: expect.any(String) },
    })
    expect(await rulesVersion(api.db)).not.toBe(before)

    for (const id of [open, historical]) {
      const alert = (await api.app.inject({ url: `/api/v1/alerts/${id}`, headers: api.officer })).json()
      expect(alert.state).toBe('cleared')
      expect(alert.clearedAt).not.toBeNull()
      expect(alert.events.map((e: { type: string }) => e.type)).toEqual(['opened', 'cleared'])
      expect(alert.events[1]).toMatchObject({ note: 'rule deleted', actor: 'officer-lan', dataTime: null })
    }
    const untouched = (await api.app.inject({ url: `/api/v1/alerts/${closed}`, headers: api.officer })).json()
    expect(untouched.events).toHaveLength(1)

    const listed = (await api.app.inject({ url: '/api/v1/rules?origin=custom', headers: api.officer })).json()
      .rules
    expect(listed.map((r: { id: number }) => r.id)).not.toContain(rule.id)
    const still = await api.app.inject({ url: `/api/v1/rules/${rule.id}`, headers: api.officer })
    expect(still.json().deletedAt).not.toBeNull()
    const again = await api.app.inject({
      method: 'DELETE',
      url: `/api/v1/rules/${rule.id}`,
      headers: api.officer,
    })
    expect(again.statusCode).toBe(404)
  })

  it('409 for a preset rule: it follows the zone thresholds', async () => {
    const id = await presetRuleId(api.db, ORCHARD, 'salinity', 'critical')
    const res = await api.app.inject({ method: 'DELETE', url: `/api/v1/rules/${id}`, headers: api.admin })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toContain('PUT /api/v1/zones/{code}/thresholds')
  })

  it('403 for cooperatives, 404 for an unknown id', async () => {
    const id = await presetRuleId(api.db, POND, 'ph', 'major')
    expect(
      (await api.app.inject({ method: 'DELETE', url: `/api/v1/rules/${id}`, headers: api.tom })).statusCode,
    ).toBe(403)
    const res = await api.app.inject({ method: 'DELETE', url: '/api/v1/rules/987654', headers: api.officer })
    expect(res.statusCode).toBe(404)
  })
})

describe('the OpenAPI document', () => {
  it('describes every field of a rule body and every answer of the rule routes', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json()
    const create = doc.paths['/api/v1/rules'].post
    const body = create.requestBody.content['application/json'].schema
    const undescribed = Object.entries(body.properties as Record<string, { description?: string }>)
      .filter(([, p]) => !p.description)
      .map(([name]) => name)
    expect(undescribed).toEqual([])
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '500'])
    expect(doc.paths['/api/v1/alerts/export.csv'].get.responses['200'].content).toHaveProperty('text/csv')
  })
})
