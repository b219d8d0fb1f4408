// Registry and lot routes over HTTP: ownership, lineage, recall and every bad input of issue 5 answered 4xx.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { lotBody, startTraceHarness } from './trace-harness.ts'

const api = sharedFixture(startTraceHarness)

const newLot = (over: Record<string, unknown> = {}) => lotBody({ id: 'DS2611A', quantity: 500, ...over })

describe('lots over HTTP', () => {
  it('lists own lots for a cooperative, all for an officer, and nothing without a token', async () => {
    const own = await api.app.inject({ url: '/api/v1/lots', headers: api.vicosap })
    expect(own.statusCode).toBe(200)
    expect(own.json().lots.map((l: { id: string }) => l.id)).toEqual(['DS2610A'])
    const all = await api.app.inject({ url: '/api/v1/lots', headers: api.officer })
    expect(all.json().lots).toHaveLength(2)
    expect((await api.app.inject({ url: '/api/v1/lots' })).statusCode).toBe(401)
  })

  it('creates a lot with a commissioning event, then records later steps', async () => {
    const made = await api.post('/api/v1/lots', api.vicosap, newLot())
    expect(made.statusCode).toBe(201)
    expect(made.json()).toMatchObject({ id: 'DS2611A', cooperativeId: 'vicosap', disposition: 'active' })
    const packed = await api.post('/api/v1/lots/DS2611A/events', api.vicosap, {
      bizStep: 'packing',
      time: '2026-11-03T03:00:00Z',
      place: 'Xưởng Cầu Kè',
    })
    expect(packed.statusCode).toBe(201)
    const lot = await api.app.inject({ url: '/api/v1/lots/DS2611A', headers: api.vicosap })
    expect(lot.json().events.map((e: { bizStep: string }) => e.bizStep)).toEqual(['commissioning', 'packing'])
  })

  it('answers a foreign cooperative’s lot with 404 on every route', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/lots/DS2610A', undefined],
      ['POST', '/api/v1/lots/DS2610A/events', { bizStep: 'packing', time: '2026-11-03T03:00:00Z' }],
      ['POST', '/api/v1/lots/DS2610A/labels', { count: 1 }],
      ['POST', '/api/v1/lots/DS2610A/recall', { reason: 'x' }],
      ['GET', '/api/v1/lots/DS2610A/scans', undefined],
    ] as const) {
      const res = await api.app.inject({ method, url, headers: api.hoaTan, ...(payload ? { payload } : {}) })
      expect(res.statusCode, `${method} ${url}`).toBe(404)
    }
  })

  it('splits, merges and recalls through the API with lineage both ways', async () => {
    const split = await api.post('/api/v1/lots/DS2611A/split', api.vicosap, {
      parts: [
        { id: 'DS2611A-1', quantity: 200 },
        { id: 'DS2611A-2', quantity: 300 },
      ],
    })
    expect(split.statusCode).toBe(201)
    const merged = await api.post('/api/v1/lots/merge', api.vicosap, {
      id: 'DS2611M',
      inputs: ['DS2611A-1', 'DS2610A'],
    })
    expect(merged.statusCode).toBe(201)
    expect(merged.json().parents).toEqual(['DS2610A', 'DS2611A-1'])
    const recall = await api.post('/api/v1/lots/DS2611A/recall', api.vicosap, {
      reason: 'Kiểm nghiệm không đạt',
    })
    expect(recall.json().recalled).toEqual(['DS2611A', 'DS2611A-1', 'DS2611A-2', 'DS2611M'])
    const status = await api.app.inject({ url: '/api/v1/lots/DS2611M/status', headers: api.vicosap })
    expect(status.json()).toMatchObject({ recalled: true, recallReason: 'Kiểm nghiệm không đạt' })
    const labels = await api.post('/api/v1/lots/DS2611M/labels', api.vicosap, { count: 1 })
    expect(labels.statusCode).toBe(400)
  })
})

describe('bad input gets a clear 4xx', () => {
  const post = (url: string, payload: object, headers = api.vicosap) => api.post(url, headers, payload)

  it('refuses a bad GTIN check digit, stars out of range and an unknown OCOP group', async () => {
    const base = { id: 'p1', gtin: '8930000000034', name: 'Kẹo', group: 'food', stars: 4 }
    const bad = await post('/api/v1/products', base)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/check digit/)
    expect((await post('/api/v1/products', { ...base, gtin: '8930000000033', stars: 6 })).statusCode).toBe(
      400,
    )
    expect(
      (await post('/api/v1/products', { ...base, gtin: '8930000000033', group: 'weapons' })).statusCode,
    ).toBe(400)
    const ok = await post('/api/v1/products', { ...base, gtin: '8930000000033' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ gtin: '08930000000033', cooperativeId: 'vicosap', ocop: true })
  })

  it('refuses over-long and illegal lot ids, reversed windows and unknown units', async () => {
    for (const over of [
      { id: 'L'.repeat(21) },
      { id: 'lot with space' },
      { id: 'ĐƯỜNG' },
      { harvestedFrom: '2026-11-05T00:00:00Z' },
      { unit: 'kilograms' },
      { quantity: -1 },
      { areaCodes: [] },
      { areaCodes: ['VN-TEST-HOATAN'] },
    ]) {
      const res = await post('/api/v1/lots', newLot({ id: 'DS-BAD', ...over }))
      expect(res.statusCode, JSON.stringify(over)).toBe(400)
    }
  })

  it('refuses a malformed polygon, an unknown preset and a cooperative writing for another', async () => {
    const area = { code: 'VN-TEST-NEW', name: 'Mới', crop: 'rice', communeCode: '29335' }
    expect(
      (await post('/api/v1/zones', { ...area, polygon: { type: 'Polygon', coordinates: [[[1, 2]]] } }))
        .statusCode,
    ).toBe(400)
    expect((await post('/api/v1/zones', { ...area, preset: 'martian_soil' })).statusCode).toBe(400)
    expect((await post('/api/v1/zones', { ...area, cooperativeId: 'htx-hoa-tan' })).statusCode).toBe(400)
    const ok = await post('/api/v1/zones', {
      ...area,
      preset: 'rice',
      certifications: [
        { scheme: 'organic', certificateNo: 'HC-1', issuer: null, validFrom: null, validTo: '2027-06-30' },
      ],
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({
      preset: 'rice',
      commune: { code: '29335' },
      certifications: [{ scheme: 'organic' }],
    })
  })

  it('refuses label counts out of range and non-JSON bodies without a 500', async () => {
    expect((await post('/api/v1/lots/DS2610A/labels', { count: 0 })).statusCode).toBe(400)
    expect((await post('/api/v1/lots/DS2610A/labels', { count: 10_001 })).statusCode).toBe(400)
    const junk = await api.app.inject({
      method: 'POST',
      url: '/api/v1/lots',
      headers: { ...api.vicosap, 'content-type': 'application/json' },
      payload: '{"id":',
    })
    expect(junk.statusCode).toBe(400)
  })
})

describe('what a lot publishes', () => {
  const reads = ['epcis', 'evidence', 'status']

  it('shows an unlabelled lot only to its cooperative, officers and admins; others get 404 as for no lot', async () => {
    for (const part of reads) {
      const url = `/api/v1/lots/HT2610A/${part}`
      expect((await api.app.inject({ url })).statusCode, `${url} public`).toBe(404)
      expect((await api.app.inject({ url, headers: api.vicosap })).statusCode, `${url} other`).toBe(404)
      expect((await api.app.inject({ url, headers: api.hoaTan })).statusCode, `${url} owner`).toBe(200)
      expect((await api.app.inject({ url, headers: api.officer })).statusCode, `${url} officer`).toBe(200)
      const missing = await api.app.inject({ url: `/api/v1/lots/NOSUCHLOT/${part}` })
      expect((await api.app.inject({ url })).json()).toEqual({
        ...missing.json(),
        message: 'lot HT2610A not found',
      })
    }
  })

  it('publishes a lot with its first label: then anyone may read it', async () => {
    const issued = await api.post('/api/v1/lots/HT2610A/labels', api.hoaTan, { count: 1 })
    expect(issued.statusCode).toBe(201)
    for (const part of reads) {
      const res = await api.app.inject({ url: `/api/v1/lots/HT2610A/${part}` })
      expect(res.statusCode, part).toBe(200)
    }
  })
})
