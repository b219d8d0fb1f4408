// Scan counting, clone flags, per-client rate limiting and consumer feedback through the resolver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pathOf, startTraceHarness, type TraceHarness } from '../trace/trace-harness.ts'

let harness: TraceHarness
let labels: { serial: string; url: string }[]
const JSON_ACCEPT = { accept: 'application/json' }

beforeAll(async () => {
  harness = await startTraceHarness({
    SCAN_GEO_HEADERS: 'cloudfront',
    CLONE_MAX_SCANS: '3',
    RESOLVER_RATE_LIMIT: '40',
  })
  const res = await harness.app.inject({
    method: 'POST',
    url: '/api/v1/lots/HT2610A/labels',
    headers: harness.hoaTan,
    payload: { count: 6 },
  })
  labels = res.json().labels
})
afterAll(() => harness?.close())

const at = (lat: number, lon: number) => ({
  accept: 'application/json',
  'user-agent': 'Mozilla/5.0 (Linux; Android 14) test',
  'cloudfront-viewer-latitude': String(lat),
  'cloudfront-viewer-longitude': String(lon),
})
const scan = (url: string, headers: Record<string, string>, remoteAddress = '203.0.113.7') =>
  harness.app.inject({ url: pathOf(url), headers, remoteAddress })

describe('scans', () => {
  it('counts every scan, keeps the first time, and stores only coarse, hashed client data', async () => {
    const first = (await scan(labels[0]!.url, at(9.9347, 106.3421))).json()
    const second = (await scan(labels[0]!.url, at(9.9347, 106.3421))).json()
    expect(first.scans).toMatchObject({ count: 1, flag: null })
    expect(second.scans).toMatchObject({ count: 2, firstAt: first.scans.firstAt })
    const rows = await harness.test.db.query<{ lat: number; lon: number; ua_hash: string }>(
      `select lat, lon, ua_hash from label_scans where serial = $1`,
      [labels[0]!.serial],
    )
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ ua_hash: expect.stringMatching(/^[0-9a-f]{16}$/) })
    expect(rows[0]!.lat).toBeCloseTo(9.9, 5)
    expect(rows[0]!.lon).toBeCloseTo(106.3, 5)
    const raw = JSON.stringify(await harness.test.db.query(`select * from label_scans`))
    expect(raw).not.toContain('Android')
    expect(raw).not.toContain('203.0.113.7')
  })

  it('flags a serial scanned more than the configured number of times, on the page and to the cooperative', async () => {
    let last: { scans: unknown } | undefined
    for (let i = 0; i < 4; i++) last = (await scan(labels[1]!.url, at(9.9, 106.3))).json()
    expect(last?.scans).toMatchObject({ count: 4, flag: 'too_many_scans' })
    const page = await scan(labels[1]!.url, { accept: 'text/html' })
    expect(page.body).toMatch(/sao chép|copied/i)
    const report = await harness.app.inject({ url: '/api/v1/lots/HT2610A/scans', headers: harness.hoaTan })
    expect(report.json().flagged).toEqual([
      expect.objectContaining({ serial: labels[1]!.serial, flag: 'too_many_scans' }),
    ])
  })

  it('flags a serial scanned in Trà Vinh and then in Hà Nội a minute later', async () => {
    await scan(labels[2]!.url, at(9.93, 106.34))
    const res = (await scan(labels[2]!.url, at(21.03, 105.85))).json()
    expect(res.scans.flag).toBe('impossible_travel')
  })

  it('rate-limits one client without affecting another', async () => {
    const codes: number[] = []
    for (let i = 0; i < 45; i++)
      codes.push((await scan(labels[3]!.url, { accept: 'application/json' }, '198.51.100.9')).statusCode)
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0)
    expect((await scan(labels[3]!.url, { accept: 'application/json' }, '198.51.100.10')).statusCode).toBe(200)
  })
})

describe('feedback', () => {
  const feedbackUrl = (url: string) => {
    const u = new URL(url)
    return `${u.pathname}/feedback${u.search}`
  }

  it('keeps the signature through the form and comes back (303) to the same verdict with the thanks', async () => {
    const label = new URL(labels[4]!.url)
    const signed = `s=${label.searchParams.get('s')}&k=${label.searchParams.get('k')}`
    const page = await harness.app.inject({
      url: `${label.pathname}${label.search}`,
      headers: { accept: 'text/html' },
    })
    expect(page.body).toContain(
      `action="${harness.config.publicBaseUrl}${label.pathname}/feedback?${signed.replace('&', '&amp;')}"`,
    )
    const before = (
      await harness.app.inject({ url: `${label.pathname}${label.search}`, headers: JSON_ACCEPT })
    ).json().scans.count

    const res = await harness.app.inject({
      method: 'POST',
      url: feedbackUrl(labels[4]!.url),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        rating: '5',
        comment: '<script>alert(1)</script> Ngon!',
        lang: 'vi',
      }).toString(),
      remoteAddress: '192.0.2.1',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${label.pathname}?${signed}&lang=vi&feedback=sent#feedback`)

    const back = await harness.app.inject({
      url: String(res.headers.location).split('#')[0]!,
      headers: { accept: 'text/html' },
    })
    expect(back.statusCode).toBe(200)
    expect(back.body).toContain('Sản phẩm chính hãng')
    expect(back.body).not.toContain('Chữ ký không hợp lệ')
    expect(back.body).toContain('Cảm ơn bạn đã gửi đánh giá!')
    // The English switch keeps the signature and leaves the thanks behind.
    expect(back.body).toContain(`href="${label.pathname}?${signed.replace('&', '&amp;')}&amp;lang=en"`)
    // Coming back is not another scan.
    const after = (
      await harness.app.inject({ url: `${label.pathname}${label.search}`, headers: JSON_ACCEPT })
    ).json().scans.count
    expect(after).toBe(before + 1)

    const list = await harness.app.inject({ url: '/api/v1/feedback', headers: harness.hoaTan })
    expect(list.json().feedback).toHaveLength(1)
    expect(list.json().feedback[0]).toMatchObject({
      rating: 5,
      comment: '<script>alert(1)</script> Ngon!',
      serial: labels[4]!.serial,
    })
    expect(
      (await harness.app.inject({ url: '/api/v1/feedback', headers: harness.vicosap })).json().feedback,
    ).toEqual([])
    // The page never echoes stored comments, and anything it does print is escaped.
    expect(back.body).not.toContain('<script>')
  })

  it('takes JSON feedback and refuses bad ratings, oversized comments and unknown codes', async () => {
    const post = (url: string, payload: unknown) =>
      harness.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: '192.0.2.2' })
    expect((await post(feedbackUrl(labels[5]!.url), { rating: 4, comment: 'Tốt' })).statusCode).toBe(201)
    expect((await post(feedbackUrl(labels[5]!.url), { rating: 9 })).statusCode).toBe(400)
    expect(
      (await post(feedbackUrl(labels[5]!.url), { rating: 3, comment: 'x'.repeat(1001) })).statusCode,
    ).toBe(400)
    const form = await harness.app.inject({
      method: 'POST',
      url: feedbackUrl(labels[5]!.url),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `rating=abc&comment=${'y'.repeat(1200)}`,
      remoteAddress: '192.0.2.3',
    })
    expect(form.statusCode).toBe(400)
    expect(form.headers['content-type']).toMatch(/text\/html/)
    const unknown = feedbackUrl(labels[5]!.url).replace(labels[5]!.serial, 'ZZZZZZZZZZZZ')
    expect((await post(unknown, { rating: 4 })).statusCode).toBe(404)
    const huge = await harness.app.inject({
      method: 'POST',
      url: feedbackUrl(labels[5]!.url),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ rating: 4, comment: 'z'.repeat(40_000) }),
      remoteAddress: '192.0.2.4',
    })
    expect(huge.statusCode).toBe(413)
  })
})
