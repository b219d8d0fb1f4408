// Presets and a growing area's thresholds: the public preset list, an area's preset rules from its
// registration on, PUT with overrides keeping the rule ids of limits that stay and retiring those that go,
// and who may write which area.
import { PRESET_IDS, THRESHOLD_PRESETS } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { alertsApi, ORCHARD, POND, POND_SENSOR, presetRuleId, seedAlert } from './harness.ts'

const api = alertsApi()

const put = (zone: string, payload: object, headers = api.officer) =>
  api.app.inject({ method: 'PUT', url: `/api/v1/zones/${zone}/thresholds`, headers, payload })

type Rule = { id: number; metric: string; severity: string; min: number | null; max: number | null }
async function presetRules(zone: string): Promise<Rule[]> {
  const res = await api.app.inject({ url: `/api/v1/rules?zone=${zone}&origin=preset`, headers: api.officer })
  return res.json().rules
}

describe('GET /api/v1/presets', () => {
  it('lists every preset, without a token, with limits, standards, units and unconfirmed marks', async () => {
    const res = await api.app.inject({ url: '/api/v1/presets' })
    expect(res.statusCode).toBe(200)
    const { presets } = res.json()
    expect(presets.map((p: { id: string }) => p.id)).toEqual(PRESET_IDS)
    const shrimp = presets.find((p: { id: string }) => p.id === 'shrimp_pond')
    expect(shrimp.label).toEqual(THRESHOLD_PRESETS.shrimp_pond.label)
    expect(shrimp.standard).toContain('QCVN 02-19:2014')
    expect(shrimp.limits).toContainEqual({
      metric: 'dissolved_oxygen',
      unit: 'mg/L',
      severity: 'critical',
      min: 3.5,
      max: null,
      standard: 'QCVN 02-19:2014/BNNPTNT',
      standardVi: 'QCVN 02-19:2014/BNNPTNT',
      note: 'pre-dawn dips are the usual failure',
      noteVi: 'oxy thường tụt vào lúc rạng sáng',
      unconfirmed: false,
    })
    const nh3 = shrimp.limits.find((l: { metric: string }) => l.metric === 'nh3')
    expect(nh3).toMatchObject({ max: 0.3, unconfirmed: true })
    const hue = presets.find((p: { id: string }) => p.id === 'pond_tiered_hue')
    expect(hue.source).toBe('water-dynamics.md')
  })
})

describe('an area registered with a preset', () => {
  it('is watched from the start: one preset rule per limit, unconfirmed marks copied', async () => {
    const rules = await presetRules(POND)
    expect(rules).toHaveLength(THRESHOLD_PRESETS.shrimp_pond.limits.length)
    expect(rules.find((r) => r.metric === 'dissolved_oxygen')).toMatchObject({
      severity: 'critical',
      min: 3.5,
      max: null,
      kind: 'threshold',
      preset: 'shrimp_pond',
      unconfirmed: false,
      forSeconds: 60,
      clearMargin: 0.2,
    })
    expect(rules.find((r) => r.metric === 'h2s')).toMatchObject({ max: 0.05, unconfirmed: true })
  })
})

describe('GET /api/v1/zones/{code}/thresholds', () => {
  it('shows the preset’s limits in force with their source, open to all', async () => {
    const res = await api.app.inject({ url: `/api/v1/zones/${ORCHARD}/thresholds` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      zone: ORCHARD,
      preset: {
        id: 'pomelo',
        label: THRESHOLD_PRESETS.pomelo.label,
        standard: 'field practice',
      },
      limits: [
        {
          metric: 'salinity',
          unit: 'ppt',
          severity: 'critical',
          min: null,
          max: 1.55,
          minSource: null,
          maxSource: 'preset',
          standard: 'field practice',
          standardVi: 'thực tiễn sản xuất',
          note: null,
          noteVi: null,
          unconfirmed: false,
          ruleId: await presetRuleId(api.db, ORCHARD, 'salinity', 'critical'),
        },
      ],
      overrides: [],
    })
    expect((await api.app.inject({ url: '/api/v1/zones/VN-NOWHERE/thresholds' })).statusCode).toBe(404)
  })
})

describe('PUT /api/v1/zones/{code}/thresholds', () => {
  it('applies overrides: changed and unchanged limits keep their rule ids, values show their source', async () => {
    const before = await presetRules(POND)
    const res = await put(POND, {
      preset: 'shrimp_pond',
      overrides: [
        { metric: 'dissolved_oxygen', min: 4 },
        { metric: 'nh3', max: 0.2 },
      ],
    })
    expect(res.statusCode).toBe(200)
    const view = res.json()
    expect(view.limits.find((l: { metric: string }) => l.metric === 'dissolved_oxygen')).toMatchObject({
      min: 4,
      minSource: 'override',
      maxSource: null,
    })
    // An area value replaces the unconfirmed one.
    expect(view.limits.find((l: { metric: string }) => l.metric === 'nh3')).toMatchObject({
      max: 0.2,
      maxSource: 'override',
      unconfirmed: false,
    })
    expect(view.limits.find((l: { metric: string }) => l.metric === 'ph')).toMatchObject({
      min: 7,
      max: 9,
      minSource: 'preset',
      maxSource: 'preset',
    })
    expect(view.overrides).toEqual([
      expect.objectContaining({ metric: 'dissolved_oxygen', severity: 'critical', min: 4, max: null }),
      expect.objectContaining({
        metric: 'nh3',
        severity: 'major',
        min: null,
        max: 0.2,
        updatedBy: 'officer-lan',
      }),
    ])
    const after = await presetRules(POND)
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort())
    expect(after.find((r) => r.metric === 'dissolved_oxygen')?.min).toBe(4)
  })

  it('switching preset keeps the ids of limits both presets share and retires the rest with their alerts', async () => {
    const doCritical = await presetRuleId(api.db, POND, 'dissolved_oxygen', 'critical')
    const salinity = await presetRuleId(api.db, POND, 'salinity', 'major')
    const alert = await seedAlert(api.db, {
      ruleId: salinity,
      sensorId: POND_SENSOR,
      gatewayId: 'gw-pond',
      zone: POND,
      metric: 'salinity',
      severity: 'major',
      openedAt: new Date('2026-04-02T05:00:00Z'),
      value: 38,
      threshold: 35,
    })
    const res = await put(POND, {
      preset: 'pond_tiered_hue',
      overrides: [{ metric: 'dissolved_oxygen', severity: 'major', min: 3.2 }],
    })
    expect(res.statusCode).toBe(200)
    const rules = await presetRules(POND)
    expect(rules.map((r) => `${r.metric}/${r.severity}`).sort()).toEqual([
      'dissolved_oxygen/critical',
      'dissolved_oxygen/major',
      'nh3/critical',
      'nh3/major',
      'ph/critical',
      'ph/major',
    ])
    const kept = rules.find((r) => r.metric === 'dissolved_oxygen' && r.severity === 'critical')!
    expect(kept.id).toBe(doCritical)
    expect(kept.min).toBe(2)
    expect(rules.find((r) => r.metric === 'dissolved_oxygen' && r.severity === 'major')?.min).toBe(3.2)
    expect(rules.map((r) => r.id)).not.toContain(salinity)

    const retired = (await api.app.inject({ url: `/api/v1/rules/${salinity}`, headers: api.officer })).json()
    expect(retired.deletedAt).not.toBeNull()
    const cleared = (await api.app.inject({ url: `/api/v1/alerts/${alert}`, headers: api.officer })).json()
    expect(cleared.state).toBe('cleared')
    expect(cleared.events.at(-1)).toMatchObject({
      type: 'cleared',
      note: 'limit removed from the growing area thresholds',
    })
    // The earlier overrides named limits of shrimp_pond: the nh3 one had no meaning left and is gone.
    const view = (await api.app.inject({ url: `/api/v1/zones/${POND}/thresholds` })).json()
    expect(view.overrides.map((o: { metric: string }) => o.metric)).toEqual(['dissolved_oxygen'])
  })

  it('the same PUT twice changes nothing and no id', async () => {
    const body = {
      preset: 'pond_tiered_hue',
      overrides: [{ metric: 'dissolved_oxygen', severity: 'major', min: 3.2 }],
    }
    const first = (await put(POND, body)).json()
    const second = (await put(POND, body)).json()
    expect(second.limits).toEqual(first.limits)
  })

  it('concurrent writes of one area queue on its row: all succeed, one rule per limit remains', async () => {
    const bodies = [4, 4.5, 5].map((min) => ({
      preset: 'surface_water_B',
      overrides: [{ metric: 'dissolved_oxygen', min }],
    }))
    const answers = await Promise.all(bodies.map((b) => put(POND, b)))
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200])
    const rules = await presetRules(POND)
    expect(rules.map((r) => r.metric).sort()).toEqual(['dissolved_oxygen', 'ph', 'tss'])
    expect([4, 4.5, 5]).toContain(rules.find((r) => r.metric === 'dissolved_oxygen')?.min)
    const back = await put(POND, {
      preset: 'pond_tiered_hue',
      overrides: [{ metric: 'dissolved_oxygen', severity: 'major', min: 3.2 }],
    })
    expect(back.statusCode).toBe(200)
  })

  it('preset null retires every preset rule of the area', async () => {
    const res = await put(ORCHARD, { preset: null })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ preset: null, limits: [], overrides: [] })
    expect(await presetRules(ORCHARD)).toEqual([])
    const back = await put(ORCHARD, { preset: 'pomelo' })
    expect(back.json().limits[0].ruleId).toBe((await presetRules(ORCHARD))[0]!.id)
  })

  it.each([
    [
      'an unknown preset, listing the known ones',
      { preset: 'lobster_tank' },
      `unknown preset "lobster_tank"; known presets: ${PRESET_IDS.join(', ')}`,
    ],
    [
      'an unknown metric',
      { preset: 'pomelo', overrides: [{ metric: 'oxygen', max: 1 }] },
      "unknown metric 'oxygen'; known metrics:",
    ],
    [
      'a metric the preset does not limit',
      { preset: 'pomelo', overrides: [{ metric: 'ph', max: 9 }] },
      'preset pomelo has no limit on ph; it limits salinity',
    ],
    [
      'an ambiguous tier',
      { preset: 'pond_tiered_hue', overrides: [{ metric: 'nh3', max: 0.1 }] },
      'preset pond_tiered_hue has 2 limits on nh3 (major, critical): name one by severity',
    ],
    [
      'a tier the preset lacks',
      { preset: 'pond_tiered_hue', overrides: [{ metric: 'nh3', severity: 'minor', max: 0.1 }] },
      'preset pond_tiered_hue has no minor limit on nh3; it has major, critical',
    ],
    [
      'min > max after the override',
      { preset: 'shrimp_pond', overrides: [{ metric: 'ph', min: 9.5 }] },
      'ph (major): min 9.5 would be greater than max 9',
    ],
    [
      'an override that sets nothing',
      { preset: 'shrimp_pond', overrides: [{ metric: 'ph' }] },
      'ph (major): the override sets neither min nor max',
    ],
    [
      'a limit overridden twice',
      {
        preset: 'shrimp_pond',
        overrides: [
          { metric: 'ph', min: 6.5 },
          { metric: 'ph', max: 8.5 },
        ],
      },
      'ph (major) is overridden twice',
    ],
    [
      'overrides without a preset',
      { preset: null, overrides: [{ metric: 'ph', min: 6.5 }] },
      'overrides need a preset',
    ],
  ])('400 for %s', async (_name, body, message) => {
    const res = await put(POND, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain(message)
  })

  it('a cooperative writes its own area; another’s answers 404 like a missing one', async () => {
    const own = await put(
      ORCHARD,
      { preset: 'pomelo', overrides: [{ metric: 'salinity', max: 1.2 }] },
      api.buoi,
    )
    expect(own.statusCode).toBe(200)
    expect(own.json().overrides[0]).toMatchObject({ max: 1.2, updatedBy: 'buoi-user' })
    const foreign = await put(POND, { preset: 'shrimp_pond' }, api.buoi)
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().message).toBe(`growing area ${POND} not found`)
    const missing = await put('VN-NOWHERE', { preset: 'shrimp_pond' }, api.buoi)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toBe('growing area VN-NOWHERE not found')
    const anon = await api.app.inject({
      method: 'PUT',
      url: `/api/v1/zones/${POND}/thresholds`,
      payload: { preset: null },
    })
    expect(anon.statusCode).toBe(401)
    const officer = await put(POND, { preset: 'pond_tiered_hue' }, api.admin)
    expect(officer.statusCode).toBe(200)
  })
})
