// The consumer page rendered from a realistic ConsumerView: a 5★ OCOP Cầu Kè wax-coconut product from a
// growing area in Tam Ngãi, which absorbed Thạnh Phú in the July 2025 commune merger (facts from
// /work/shared/domain/ocop-and-zones-demo.md and admin-units-tra-vinh.md; certificate and area codes are
// marked DEMO because the real ones are not public). Pure rendering: no database, no server.
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { renderConsumerPage, renderMessagePage } from '@zonetrace/api'
import {
  type ConsumerView,
  type EvidencePoint,
  LABEL_VERDICTS,
  labelKeyId,
  signedLabelUrl,
  verifyLabelUrl,
} from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

const { privateKey } = generateKeyPairSync('ed25519')
const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' })
const jwks = { keys: [{ ...publicJwk, kid: labelKeyId(publicJwk) }] }
const BASE = 'https://truyxuat.example.vn'
const ITEM = { gtin: '08935049500018', lot: 'CK2026-11', serial: 'Q7F3KX9A2M' }
const SELF = signedLabelUrl(BASE, ITEM, privateKey)
const NOW = new Date('2026-03-15T03:00:00Z')

// Daily buckets over the growing window; salinity creeps up as the dry season brings the sea inland.
function salinitySeries(): EvidencePoint[] {
  return Array.from({ length: 60 }, (_, i) => {
    const mean = 0.8 + i * 0.06
    return { t: new Date(Date.UTC(2025, 11, 1 + i)).toISOString(), mean, min: mean - 0.3, max: mean + 0.5 }
  })
}

function coconutView(): ConsumerView {
  return {
    authentic: true,
    reason: 'authentic',
    gtin: ITEM.gtin,
    lot: ITEM.lot,
    serial: ITEM.serial,
    product: {
      id: 'p-dua-sap-soi',
      gtin: ITEM.gtin,
      name: 'Dừa sáp sợi',
      nameEn: 'Shredded wax coconut',
      group: 'food',
      stars: 5,
      ocop: true,
      certificateNo: 'DEMO-OCOP-2023-001',
      certifiedOn: '2023-12-28',
      certificateExpiresOn: '2026-12-28',
    },
    cooperative: { id: 'coop-vicosap', name: 'Cty TNHH Chế biến Dừa sáp Cầu Kè (VICOSAP)' },
    lotInfo: {
      id: 'lot-ck2026-11',
      productId: 'p-dua-sap-soi',
      cooperativeId: 'coop-vicosap',
      areaCodes: ['DEMO-VN-86-29335-01'],
      grownFrom: '2025-12-01T00:00:00Z',
      harvestedFrom: '2026-02-09T23:00:00Z',
      harvestedTo: '2026-02-10T09:00:00Z',
      quantity: 1200,
      unit: 'H87',
      disposition: 'active',
      recalledAt: null,
      recallReason: null,
      parents: [],
      children: [],
      createdAt: '2026-02-10T10:00:00Z',
    },
    areas: [
      {
        code: 'DEMO-VN-86-29335-01',
        name: 'Vườn dừa sáp Tam Ngãi',
        crop: 'Dừa sáp',
        areaHa: 12.5,
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [106.041, 9.872],
              [106.049, 9.873],
              [106.051, 9.866],
              [106.043, 9.864],
              [106.041, 9.872],
            ],
          ],
        },
        preset: 'coconut',
        commune: { registeredCode: '29338', code: '29335', name: 'Tam Ngãi', formerName: 'Thạnh Phú' },
        certifications: [
          {
            scheme: 'vietgap',
            certificateNo: 'DEMO-VG-001',
            issuer: null,
            validFrom: '2022-07-01',
            validTo: '2025-06-30',
          },
          {
            scheme: 'organic',
            certificateNo: 'DEMO-HC-002',
            issuer: null,
            validFrom: '2024-01-01',
            validTo: '2027-01-01',
          },
        ],
      },
    ],
    // Deliberately out of order: the page sorts by time.
    timeline: [
      event('e3', 'packing', '2026-02-11T02:00:00Z', 'Xưởng VICOSAP, Cầu Kè', 'Đóng túi 500 g'),
      event('e1', 'commissioning', '2026-02-10T01:00:00Z', 'DEMO-VN-86-29335-01', 'Hái dừa sáp chín'),
      event('e2', 'inspecting', '2026-02-10T08:00:00Z', 'Xưởng VICOSAP, Cầu Kè', null),
    ],
    evidence: {
      from: '2025-12-01T00:00:00Z',
      to: '2026-02-10T00:00:00Z',
      areaCodes: ['DEMO-VN-86-29335-01'],
      alerts: 2,
      coverage: 0.97,
      source: 'rollup',
      metrics: [
        {
          metric: 'salinity',
          unit: 'ppt',
          count: 1680,
          min: 0.5,
          max: 5.04,
          mean: 2.57,
          limits: { min: null, max: 5, standard: 'field practice (Ben Tre extension centre)' },
          withinShare: 0.985,
          coverage: 0.97,
          series: salinitySeries(),
        },
      ],
    },
    scans: { count: 3, firstAt: '2026-03-11T18:30:00Z', flag: null },
    links: {
      self: SELF,
      epcis: '/api/v1/lots/lot-ck2026-11/epcis',
      jwks: '/.well-known/jwks.json',
      feedback: `/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}/feedback`,
      linkset: `/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}?linkType=linkset`,
    },
  }
}

function event(
  id: string,
  bizStep: ConsumerView['timeline'][number]['bizStep'],
  time: string,
  place: string | null,
  note: string | null,
): ConsumerView['timeline'][number] {
  return {
    id,
    type: 'ObjectEvent',
    bizStep,
    time,
    timeZoneOffset: '+07:00',
    place,
    disposition: 'active',
    inputLots: [],
    outputLots: [],
    note,
  }
}

const vi = (view: ConsumerView, extra: object = {}) =>
  renderConsumerPage(view, { lang: 'vi', now: NOW, ...extra })
const en = (view: ConsumerView, extra: object = {}) =>
  renderConsumerPage(view, { lang: 'en', now: NOW, ...extra })

function between(page: string, start: string, end: string): string {
  const from = page.indexOf(start)
  expect(from, `"${start}" in page`).toBeGreaterThanOrEqual(0)
  return page.slice(from, page.indexOf(end, from))
}

describe('consumer page document', () => {
  it('is a complete, self-contained, non-indexed HTML5 document in the requested language', () => {
    const page = vi(coconutView())
    expect(page.startsWith('<!doctype html><html lang="vi">')).toBe(true)
    expect(page.endsWith('</html>')).toBe(true)
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">')
    expect(en(coconutView())).toContain('<html lang="en">')
    // No script, no stylesheet or font from anywhere else: it must work offline-ish and without JavaScript.
    expect(page).not.toMatch(/<script|<link |@import|url\(|src="http/i)
  })

  it('stays within the 40 KB budget for a typical view with a map and a 60-point chart', () => {
    const page = vi(coconutView())
    expect(Buffer.byteLength(page)).toBeLessThan(40_000)
  })

  it('weighs under 30 KB compressed with both maps, the chart and a basemap', () => {
    const mapTiles = {
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
      origin: 'https://tile.openstreetmap.org',
    }
    for (const page of [vi(coconutView()), en(coconutView(), { mapTiles })]) {
      expect(gzipSync(page).length).toBeLessThan(30 * 1024)
    }
  })
})

describe('verdict banner', () => {
  const expected = {
    authentic: ['ok', 'Sản phẩm chính hãng', 'Genuine product'],
    unsigned: ['bad', 'Chữ ký không hợp lệ', 'Signature invalid'],
    bad_signature: ['bad', 'Chữ ký không hợp lệ', 'Signature invalid'],
    unknown_key: ['bad', 'Khóa ký không xác định hoặc đã bị thu hồi', 'Unknown or revoked signing key'],
    recalled: ['recalled', 'Lô hàng đã bị thu hồi', 'This lot has been recalled'],
    ocop_expired: ['expired', 'Chứng nhận OCOP đã hết hạn', 'OCOP certificate expired'],
  } as const

  it.each(LABEL_VERDICTS)('shows %s in its colour and both languages, before the product', (reason) => {
    const view = { ...coconutView(), reason, authentic: reason === 'authentic' }
    const [tone, titleVi, titleEn] = expected[reason]
    for (const [page, title] of [
      [vi(view), titleVi],
      [en(view), titleEn],
    ] as const) {
      const banner = between(page, '<section class="verdict', '</section>')
      expect(banner).toMatch(new RegExp(`^<section class="verdict ${tone}" data-reason="${reason}"`))
      expect(banner).toContain(`<h2>${title}</h2>`)
      expect(page.indexOf(banner)).toBeLessThan(page.indexOf('<h1>'))
    }
  })

  it('gives the recall reason and date', () => {
    const view = coconutView()
    view.reason = 'recalled'
    view.lotInfo = { ...view.lotInfo, disposition: 'recalled', recalledAt: '2026-03-01T20:00:00Z' }
    view.lotInfo.recallReason = 'Phát hiện nấm mốc trong lô'
    const banner = between(vi(view), '<section class="verdict', '</section>')
    expect(banner).toContain('Lý do:</strong> Phát hiện nấm mốc trong lô')
    // 20:00 UTC on 1 March is already 2 March in Vietnam.
    expect(banner).toContain('Ngày thu hồi:</strong> 02/03/2026')
  })

  it('says when the OCOP certificate expired, and marks the expiry in the product facts', () => {
    const view = coconutView()
    view.reason = 'ocop_expired'
    view.product = { ...view.product, certificateExpiresOn: '2025-12-28' }
    const page = en(view)
    expect(between(page, '<section class="verdict', '</section>')).toContain(
      'The product&#39;s OCOP certificate expired on 28/12/2025.',
    )
    expect(page).toContain('<span class="expired">28/12/2025 (expired)</span>')
  })

  it('warns that the details may not belong to the item when the signature fails', () => {
    const page = vi({ ...coconutView(), reason: 'bad_signature', authentic: false })
    expect(between(page, '<section class="verdict', '</section>')).toContain('Có thể là hàng giả')
  })
})

describe('one verdict, with what to do', () => {
  it('turns a flagged code into its own verdict: never green above a warning', () => {
    const view = coconutView()
    view.scans = { count: 57, firstAt: '2026-03-11T18:30:00Z', flag: 'too_many_scans' }
    const page = vi(view)
    expect(page.match(/<section class="verdict/g)).toHaveLength(1)
    expect(page.match(/Mã đã được quét 57 lần/g)).toHaveLength(1)
    expect(page).not.toContain('Sản phẩm chính hãng')
    const banner = between(page, '<section class="verdict', '</section>')
    expect(banner).toMatch(/^<section class="verdict copy" data-reason="suspected_copy" role="alert">/)
    expect(banner).toContain('<h2>Tem có thể đã bị sao chép</h2>')
    // 18:30 UTC on 11 March is 01:30 on 12 March in Asia/Ho_Chi_Minh.
    expect(banner).toContain('Mã đã được quét 57 lần, lần đầu ngày 12/03/2026.')
    expect(banner).toContain('hỏi người bán hoặc Cty TNHH')
    view.scans.flag = 'impossible_travel'
    const travel = between(en(view), '<section class="verdict', '</section>')
    expect(travel).toContain('<h2>This label may have been copied</h2>')
    expect(travel).toContain('scanned in places too far apart')
    expect(travel).toContain('Scanned 57 times, first on 12/03/2026.')
  })

  it('keeps a recall above a suspected copy, and gives every verdict its own advice', () => {
    const recalled = { ...coconutView(), reason: 'recalled' as const }
    recalled.scans = { count: 57, firstAt: '2026-03-11T18:30:00Z', flag: 'too_many_scans' }
    const banner = between(vi(recalled), '<section class="verdict', '</section>')
    expect(banner).toContain('data-reason="recalled"')
    expect(banner).toContain('<strong>Bạn nên làm gì:</strong> Không sử dụng sản phẩm này.')
    const advice = new Set(
      LABEL_VERDICTS.map((reason) =>
        between(
          en({ ...coconutView(), reason, authentic: reason === 'authentic' }),
          '<p class="advice">',
          '</p>',
        ),
      ),
    )
    // unsigned and bad_signature share their advice; every other verdict has its own.
    expect(advice.size).toBe(LABEL_VERDICTS.length - 1)
  })

  it('shows no warning for an unflagged code, but still the scan count', () => {
    const page = vi(coconutView())
    expect(page).not.toContain('suspected_copy')
    expect(page).toContain('<p class="scans">Mã đã được quét 3 lần, lần đầu ngày 12/03/2026.</p>')
    const first = { ...coconutView(), scans: { count: 1, firstAt: NOW.toISOString(), flag: null } }
    expect(en(first)).toContain('<p class="scans">This is the first scan of this code.</p>')
  })
})

describe('product and growing area', () => {
  it('names the product in each language, with group, certificate and producer', () => {
    const viPage = vi(coconutView())
    expect(viPage).toContain('<h1>Dừa sáp sợi</h1>')
    expect(viPage).toContain('<dt>Nhóm sản phẩm</dt><dd>Thực phẩm</dd>')
    expect(viPage).toContain('<dd>DEMO-OCOP-2023-001</dd>')
    expect(viPage).toContain('<span class="">28/12/2026</span>')
    expect(viPage).toContain('<dd>Cty TNHH Chế biến Dừa sáp Cầu Kè (VICOSAP)</dd>')
    const enPage = en(coconutView())
    expect(enPage).toContain('<h1>Shredded wax coconut</h1><p class="muted" lang="vi">Dừa sáp sợi</p>')
    const noEnglishName = coconutView()
    noEnglishName.product.nameEn = null
    expect(en(noEnglishName)).toContain('<h1>Dừa sáp sợi</h1>')
  })

  it('shows OCOP stars only for 3★ and above', () => {
    expect(vi(coconutView())).toContain('<span class="ocop-stars" aria-hidden="true">★★★★★</span>')
    const four = coconutView()
    four.product.stars = 4
    expect(en(four)).toContain(
      'aria-label="OCOP 4-star"><span class="ocop-stars" aria-hidden="true">★★★★☆</span>',
    )
    const two = coconutView()
    two.product = { ...two.product, stars: 2, ocop: false }
    const page = vi(two)
    expect(page).not.toContain('class="ocop-stars"')
    expect(page).not.toContain('DEMO-OCOP-2023-001')
    expect(page).toContain('<p class="not-ocop">Không phải sản phẩm OCOP (chưa đạt 3 sao).</p>')
  })

  it("gives the commune by today's name and its former one, the area with a decimal comma, and expired certifications", () => {
    const viPage = vi(coconutView())
    expect(viPage).toContain('<dd>Tam Ngãi <span class="muted">(trước đây: Thạnh Phú)</span></dd>')
    expect(viPage).toContain('<dd>12,5 ha</dd>')
    expect(viPage).toContain('<code>DEMO-VN-86-29335-01</code>')
    expect(viPage).toContain(
      '<li class="expired">VietGAP · DEMO-VG-001 · hiệu lực đến 30/06/2025 <strong>(đã hết hạn)</strong></li>',
    )
    expect(viPage).toContain('<li class="">Hữu cơ · DEMO-HC-002 · hiệu lực đến 01/01/2027</li>')
    const enPage = en(coconutView())
    expect(enPage).toContain('<dd>Tam Ngãi <span class="muted">(formerly Thạnh Phú)</span></dd>')
    expect(enPage).toContain('<dd>12.5 ha</dd>')
  })

  it('draws the boundary of a Polygon and a MultiPolygon inside the 300×200 box, and nothing for null or junk', () => {
    const page = vi(coconutView())
    const d = /<path class="boundary" fill-rule="evenodd" d="([^"]+)"/.exec(page)?.[1]
    expect(d).toMatch(/^M[\d. L]+Z$/)
    const numbers = d!.match(/[\d.]+/g)!.map(Number)
    const xs = numbers.filter((_, i) => i % 2 === 0)
    const ys = numbers.filter((_, i) => i % 2 === 1)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThanOrEqual(300)
    expect(Math.max(...ys)).toBeLessThanOrEqual(200)
    // Fitted: the shape fills the room between the commune's name and the scale bar (120 px high).
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBeGreaterThan(
      115,
    )

    const multi = coconutView()
    const square = (lon: number) => [
      [
        [lon, 9.87],
        [lon + 0.002, 9.87],
        [lon + 0.002, 9.868],
        [lon, 9.868],
        [lon, 9.87],
      ],
    ]
    multi.areas[0]!.polygon = { type: 'MultiPolygon', coordinates: [square(106.04), square(106.05)] }
    const multiD = /<path class="boundary"[^>]* d="([^"]+)"/.exec(vi(multi))?.[1]
    expect(multiD?.match(/M/g)).toHaveLength(2)

    for (const polygon of [null, { type: 'Polygon' as const, coordinates: [[['x', 9.8]]] }]) {
      const view = coconutView()
      view.areas[0]!.polygon = polygon
      const rendered = vi(view)
      expect(rendered).not.toContain('class="map"')
      expect(rendered).toContain('<h3>Vườn dừa sáp Tam Ngãi</h3>')
    }
  })
})

describe('timeline and sensor evidence', () => {
  it('lists the events in time order with localized step names, places and notes', () => {
    const timeline = between(vi(coconutView()), '<ol class="timeline">', '</ol>')
    const order = ['Thu hoạch', 'Kiểm tra', 'Đóng gói'].map((step) =>
      timeline.indexOf(`<strong>${step}</strong>`),
    )
    expect(order.every((i) => i >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(timeline).toContain('<time datetime="2026-02-10T01:00:00Z">10/02/2026 08:00</time>')
    expect(timeline).toContain('· Xưởng VICOSAP, Cầu Kè<p>Đóng túi 500 g</p>')
    const enTimeline = between(en(coconutView()), '<ol class="timeline">', '</ol>')
    expect(enTimeline).toContain('<strong>Harvest</strong>')
    expect(enTimeline).toContain('<strong>Packing</strong>')
  })

  it('summarises each metric with its limits, standard and a chart', () => {
    const evidence = between(vi(coconutView()), '<section class="evidence">', '</section>')
    expect(evidence).toContain('Từ 01/12/2025 đến 10/02/2026')
    expect(evidence).toContain('Độ phủ dữ liệu: <strong>97%</strong> · Số lần cảnh báo: <strong>2</strong>')
    expect(evidence).toContain('<h3>Độ mặn (‰)</h3>')
    expect(evidence).toContain('<strong>0,5 / 2,57 / 5,04</strong> · 1.680 lần đo')
    expect(evidence).toContain(
      '<p>Trong 98,5% số lần đo, độ mặn nằm trong ngưỡng cho phép (≤\u00a05\u00a0‰).</p>',
    )
    // The standard in Vietnamese on the Vietnamese page (contracts/src/thresholds.ts THRESHOLD_TEXT_VI).
    expect(evidence).toContain('Căn cứ: thực tiễn sản xuất (Trung tâm Khuyến nông Bến Tre)')
    // tests/resolver/chart.test.ts looks at the chart itself.
    const svg = between(evidence, '<svg class="chart"', '</svg>')
    expect(svg).toMatch(/<path class="band" d="M[\d. L]+Z"\/>/)
    expect(svg).toMatch(/<path class="mean" d="M[\d. L]+"\/>/)
    expect(svg).toMatch(/<path class="limit"[^>]*stroke-dasharray/)
    expect(svg).toContain('>ngưỡng ≤\u00a05\u00a0‰</text>')
  })

  it('says there is no sensor record when evidence is null', () => {
    const page = en({ ...coconutView(), evidence: null })
    expect(page).toContain('There is no sensor record for this lot.')
    expect(page).not.toContain('class="chart"')
  })
})

describe('feedback form and links', () => {
  it('posts a required 1–5 rating, a bounded comment and the language to the feedback link', () => {
    const form = between(en(coconutView()), '<form', '</form>')
    expect(form).toContain(
      `method="post" action="/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}/feedback"`,
    )
    for (const n of [1, 2, 3, 4, 5]) {
      expect(form).toContain(`<input type="radio" id="rating-${n}" name="rating" value="${n}" required>`)
    }
    expect(form).toContain('<textarea id="comment" name="comment" maxlength="1000"')
    expect(form).toContain('<input type="hidden" name="lang" value="en">')
  })

  it('thanks after a stored feedback and explains a refused one', () => {
    const sent = vi(coconutView(), { feedbackSent: true })
    expect(sent).toContain('Cảm ơn bạn đã gửi đánh giá!')
    expect(sent).not.toContain('<form')
    const refused = en(coconutView(), { feedbackError: 'the comment is longer than 1000 characters' })
    expect(refused).toContain('Your feedback was not sent: the comment is longer than 1000 characters')
    expect(refused).toContain('<form')
  })

  it('switches language on the same signed link, keeping s and k so it still verifies', () => {
    const page = vi(coconutView())
    const href = /<a class="lang" href="([^"]+)" hreflang="en"/.exec(page)?.[1]
    expect(href).toBeDefined()
    const switched = new URL(href!.replaceAll('&amp;', '&'), SELF)
    const original = new URL(SELF)
    expect(switched.pathname).toBe(original.pathname)
    expect(switched.searchParams.get('s')).toBe(original.searchParams.get('s'))
    expect(switched.searchParams.get('k')).toBe(original.searchParams.get('k'))
    expect(switched.searchParams.get('lang')).toBe('en')
    expect(verifyLabelUrl(switched.href, jwks).authentic).toBe(true)
    // And back again from English, replacing rather than repeating lang.
    const back = /<a class="lang" href="([^"]+)" hreflang="vi"/.exec(en(coconutView()))?.[1]
    expect(back?.match(/lang=/g)).toHaveLength(1)
    expect(back).toContain('lang=vi')
  })

  it('links the EPCIS record, the verification keys and the linkset in the footer', () => {
    const foot = between(vi(coconutView()), '<footer>', '</footer>')
    expect(foot).toContain('<a href="/api/v1/lots/lot-ck2026-11/epcis">Hồ sơ EPCIS</a>')
    expect(foot).toContain('<a href="/.well-known/jwks.json">Khóa xác minh tem</a>')
    expect(foot).toContain(`<a href="/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}?linkType=linkset">`)
  })
})

describe('escaping of everything cooperatives and clients type', () => {
  const SCRIPT = '<script>alert(1)</script>'
  const BREAKOUT = '"><img src=x onerror=alert(2)>'
  const EVIL = `${SCRIPT}${BREAKOUT}`

  function hostileView(): ConsumerView {
    const view = coconutView()
    view.reason = 'recalled'
    view.product = { ...view.product, name: EVIL, nameEn: EVIL, certificateNo: EVIL }
    view.cooperative.name = EVIL
    view.lot = EVIL
    view.serial = EVIL
    view.lotInfo.recallReason = EVIL
    view.lotInfo.recalledAt = '2026-03-01T00:00:00Z'
    const area = view.areas[0]!
    Object.assign(area, { name: EVIL, code: EVIL, crop: EVIL })
    area.commune = { registeredCode: EVIL, code: EVIL, name: EVIL, formerName: EVIL }
    area.certifications[0]!.certificateNo = EVIL
    view.timeline = [event('x', 'shipping', '2026-02-12T00:00:00Z', EVIL, EVIL)]
    view.timeline[0]!.inputLots = [EVIL]
    view.evidence!.metrics[0]!.limits!.standard = EVIL
    view.links.epcis = `javascript:alert(3)`
    view.links.feedback = `${BREAKOUT}`
    view.links.self = `${SELF}&x=${encodeURIComponent(BREAKOUT)}`
    return view
  }

  it.each(['vi', 'en'] as const)('never emits a payload unescaped (%s)', (lang) => {
    const page = renderConsumerPage(hostileView(), {
      lang,
      now: NOW,
      feedbackError: EVIL,
    })
    expect(page).not.toContain(SCRIPT)
    expect(page).not.toContain('javascript:')
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    )
    // Structurally: outside the fixed stylesheet, every tag and attribute is one the renderer writes itself,
    // so no payload has opened an element or an event-handler attribute anywhere.
    const markup = page.replace(/<style>[^<]*<\/style>/, '')
    const tag = /<\/?([a-z][a-z0-9-]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:="[^"<>]*")?)*)\s*\/?>/gy
    const tags = new Set<string>()
    const attributes = new Set<string>()
    for (
      let i = markup.indexOf('<', '<!doctype html>'.length);
      i >= 0;
      i = markup.indexOf('<', tag.lastIndex)
    ) {
      tag.lastIndex = i
      const m = tag.exec(markup)
      expect(m, `well-formed tag at ${markup.slice(i, i + 60)}`).not.toBeNull()
      tags.add(m![1]!)
      for (const a of m![2]!.matchAll(/([a-zA-Z][a-zA-Z0-9-]*)(?:="[^"]*")?/g)) attributes.add(a[1]!)
      expect(markup.slice(tag.lastIndex, markup.indexOf('<', tag.lastIndex))).not.toContain('>')
    }
    const allowedTags =
      'html head meta title body header main footer section article span p h1 h2 h3 dl dt dd strong code ul li ol time svg desc text g rect path circle line a nav form input fieldset legend div label textarea button'
    expect([...tags].filter((t) => !allowedTags.split(' ').includes(t))).toEqual([])
    expect([...attributes].filter((a) => a.startsWith('on') || a === 'src' || a === 'style')).toEqual([])
  })
})

describe('message pages', () => {
  it.each([
    [400, 'Đường dẫn không hợp lệ', 'Malformed link'],
    [404, 'Không tìm thấy mã này', 'Code not found'],
    [429, 'Quá nhiều lượt quét', 'Too many scans'],
  ] as const)('renders %i with its title in both languages', (status, titleVi, titleEn) => {
    const viPage = renderMessagePage({ lang: 'vi', status, detail: 'Mã 01/08935049500018/21/ZZZ' })
    expect(viPage).toContain('<html lang="vi">')
    expect(viPage).toContain('<meta name="robots" content="noindex">')
    expect(viPage).toContain(`<title>${titleVi}</title>`)
    expect(viPage).toContain(`<h1>${titleVi}</h1><p>Mã 01/08935049500018/21/ZZZ</p>`)
    expect(renderMessagePage({ lang: 'en', status, detail: 'x' })).toContain(`<h1>${titleEn}</h1>`)
  })

  it('takes a custom title and escapes the detail', () => {
    const page = renderMessagePage({
      lang: 'en',
      status: 400,
      title: 'Bad GTIN',
      detail: '<script>x</script>',
    })
    expect(page).toContain('<h1>Bad GTIN</h1><p>&lt;script&gt;x&lt;/script&gt;</p>')
    expect(page).not.toContain('<script>')
  })
})
