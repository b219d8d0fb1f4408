// The platform's text rules at the HTTP edge (docs/security.md#input-rules): every finding of the outside
// attack answered 400 with a clear message, text stored as NFC with LF line ends, and area codes unique
// without regard to case.
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { issueLabels, lotBody, pathOf, startTraceHarness } from '../trace/trace-harness.ts'

const api = sharedFixture(startTraceHarness)
let label: string

beforeAll(async () => {
  label = pathOf((await issueLabels(api))[0]!.url)
})

const area = (over: Record<string, unknown> = {}) => ({
  code: 'VN-TEST-RULES-01',
  name: 'Vùng thử',
  crop: 'coconut',
  communeCode: '29332',
  ...over,
})
const lot = (over: Record<string, unknown> = {}) => lotBody({ id: 'RULES01', quantity: 10, ...over })

describe('URLs', () => {
  it.each([
    ['/api/v1/sensors/%00/series', 'the URL contains a NUL character'],
    ['/api/v1/lots/x%00y/status', 'the URL contains a NUL character'],
    ['/api/v1/lots/x%1By/status', 'the URL contains the control character U+001B'],
    ['/api/v1/zones?x=%C2%85', 'the URL contains the control character U+0085'],
    ['/api/v1/lots/%E2%80%AEx/status', 'the URL contains the bidirectional control U+202E'],
  ])('%s answers 400: %s', async (url, message) => {
    const res = await api.app.inject({ url, headers: api.officer })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: 'Bad Request', message })
  })

  it('refuses malformed percent-encoding', async () => {
    const res = await api.app.inject({ url: '/api/v1/lots/%E0%A4%A/status', headers: api.officer })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: 'Bad Request' })
  })

  it('refuses a NUL on the public resolver paths too', async () => {
    const res = await api.app.inject({ url: label.replace('/21/', '/21/%00') })
    expect(res.statusCode).toBe(400)
  })

  it('refuses ids past the integer range with a message, not a database error', async () => {
    for (const url of [
      '/api/v1/rules/1e309',
      '/api/v1/alerts/99999999999999999999',
      '/api/v1/webhooks/1e309',
    ]) {
      const res = await api.app.inject({
        method: url.includes('webhooks') ? 'DELETE' : 'GET',
        url,
        headers: api.officer,
      })
      expect(res.statusCode, url).toBe(400)
      expect(res.json().message, url).toMatch(/^params\/id must be/)
    }
  })
})

describe('bodies', () => {
  it.each([
    ['POST', '/api/v1/zones', area({ name: 'a\u0000b' }), 'body/name contains a NUL character'],
    ['POST', '/api/v1/zones', area({ crop: 'x\ud800' }), 'body/crop contains an unpaired surrogate'],
    [
      'POST',
      '/api/v1/zones',
      area({ name: 'Vùng\u0007' }),
      'body/name contains the control character U+0007',
    ],
    ['POST', '/api/v1/zones', area({ name: 'Hai\ndòng' }), 'body/name contains the control character U+000A'],
    ['POST', '/api/v1/zones', area({ code: 'VN-TEST\u202e-01' }), 'body/code must use only ASCII letters'],
    ['POST', '/api/v1/zones', area({ code: 'X;=HYPERLINK(1)' }), 'body/code must use only ASCII letters'],
    [
      'POST',
      '/api/v1/zones',
      area({ polygon: { type: 'Polygon', coordinates: [['\u0000']] } }),
      'body/polygon/coordinates/0/0 contains a NUL',
    ],
    [
      'POST',
      '/api/v1/lots',
      lot({ harvestedFrom: '0000-01-01T00:00:00Z' }),
      'body/harvestedFrom must lie between the years 2000 and 2099',
    ],
    [
      'POST',
      '/api/v1/lots',
      lot({ harvestedTo: '9999-12-31T23:59:59Z' }),
      'body/harvestedTo must lie between the years 2000 and 2099',
    ],
    ['POST', '/api/v1/lots', lot({ place: 'kho\u0000' }), 'body/place contains a NUL character'],
    [
      'POST',
      '/api/v1/lots/DS2610A/events',
      { bizStep: 'packing', time: '2026-11-03T03:00:00Z', note: 'a\u0000' },
      'body/note contains a NUL character',
    ],
    [
      'POST',
      '/api/v1/lots/DS2610A/events',
      { bizStep: 'packing', time: '1999-12-31T23:59:59Z' },
      'body/time must lie between the years 2000 and 2099',
    ],
    [
      'POST',
      '/api/v1/webhooks',
      { url: 'https://hooks.example.vn/zt', description: 'x\u0000' },
      'body/description contains a NUL character',
    ],
    [
      'POST',
      '/api/v1/rules',
      { zone: 'VN-TEST-NGOCHO', metric: 'salinity', max: 4, name: 'mặn\u0000' },
      'body/name contains a NUL character',
    ],
    [
      'POST',
      '/api/v1/gateways',
      { id: 'gw\u0000', zone: 'VN-TEST-NGOCHO', sensors: [] },
      'body/id contains a NUL character',
    ],
    [
      'POST',
      '/api/v1/products',
      { id: 'p1', gtin: '8930000000033', name: 'Kẹo\u0000', group: 'food', stars: 3 },
      'body/name contains a NUL character',
    ],
  ])('%s %s answers 400 (%#)', async (method, url, payload, message) => {
    const headers = url.includes('gateways') ? await api.auth({ role: 'admin' }) : api.officer
    const res = await api.app.inject({ method: method as 'POST', url, headers, payload: payload as object })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain(message)
  })

  it('refuses consumer feedback with a NUL, storing nothing', async () => {
    const json = await api.app.inject({
      method: 'POST',
      url: label.replace('?', '/feedback?'),
      headers: { accept: 'application/json' },
      payload: { rating: 5, comment: 'a\u0000b' },
    })
    expect(json.statusCode).toBe(400)
    const listed = await api.app.inject({ url: '/api/v1/feedback?lotId=DS2610A', headers: api.vicosap })
    expect(listed.json().feedback).toEqual([])
  })

  it('stores text as NFC with LF line ends, and keeps tabs and line breaks only in free text', async () => {
    const made = await api.post(
      '/api/v1/lots',
      api.vicosap,
      lot({ id: 'RULES02', place: 'Kho Ca\u0300ng Long' }),
    )
    expect(made.statusCode).toBe(201)
    const event = await api.post('/api/v1/lots/RULES02/events', api.vicosap, {
      bizStep: 'packing',
      time: '2026-11-03T03:00:00Z',
      note: 'Đo\u0301ng go\u0301i\r\nthùng 2\tsố 7\rhết',
    })
    expect(event.statusCode).toBe(201)
    const read = await api.app.inject({ url: '/api/v1/lots/RULES02', headers: api.vicosap })
    const events = read.json().events as { bizStep: string; place: string | null; note: string | null }[]
    expect(events.find((e) => e.bizStep === 'commissioning')?.place).toBe('Kho Càng Long')
    expect(events.find((e) => e.bizStep === 'packing')?.note).toBe('Đóng gói\nthùng 2\tsố 7\nhết')
  })
})

describe('growing-area codes', () => {
  it('are unique without regard to case', async () => {
    const first = await api.post('/api/v1/zones', api.officer, area({ cooperativeId: 'vicosap' }))
    expect(first.statusCode).toBe(200)
    const twin = await api.post(
      '/api/v1/zones',
      api.officer,
      area({ code: 'vn-test-rules-01', cooperativeId: 'vicosap' }),
    )
    expect(twin.statusCode).toBe(409)
    expect(twin.json().message).toBe(
      'growing area VN-TEST-RULES-01 already exists; codes are compared without regard to case',
    )
    const again = await api.post(
      '/api/v1/zones',
      api.officer,
      area({ cooperativeId: 'vicosap', name: 'Đổi tên' }),
    )
    expect(again.statusCode).toBe(200)
  })
})
