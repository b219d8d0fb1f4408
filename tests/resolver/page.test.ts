// The consumer page rendered from a realistic ConsumerView: a 5★ OCOP Cầu Kè wax-coconut product from a
// growing area in Tam Ngãi, which absorbed Thạnh Phú in the July 2025 commune merger (facts from
// /work/shared/domain/ocop-and-zones-demo.md and admin-units-tra-vinh.md; certificate and area codes are
// marked DEMO because the real ones are not public). Pure rendering: no database, no server.
import { gzipSync } from 'node:zlib'
import { LABEL_VERDICTS } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { between, coconutView, en, NOW, vi } from './consumer-view-fixture.ts'

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
