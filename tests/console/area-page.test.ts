// The area page: facts with the preset and its sources, each sensor's latest reading and age, one chart per
// channel read through the series code, range links, and a 404 page for an unknown area.
import { emptyBatch, insertReadings, provisionGateway, setZoneThresholds } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { bucketFor, RANGES } from '../../dashboards/src/area/range.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness({ JOBS: 'off' }), 60_000)
const ZONE = 'VN-TEST-TAMNGAI-01'
const PAGE = `/console/areas/${ZONE}`
const MINUTE = 60_000

beforeAll(async () => {
  const db = consoleApi.test.db
  await provisionGateway(db, {
    id: 'gw-area',
    zone: ZONE,
    sensors: [
      { sensorId: 'sal-1', metric: 'salinity' },
      { sensorId: 'do-1', metric: 'dissolved_oxygen' },
      { sensorId: 'ph-1', metric: 'ph' },
    ],
  })
  await setZoneThresholds(db, { cooperativeId: null, subject: 'test' }, ZONE, {
    preset: 'shrimp_pond',
    overrides: [{ metric: 'salinity', min: 4 }],
  })
  await db.query(
    `insert into area_certifications (area_code, scheme, certificate_no, issuer, valid_from, valid_to)
     values ($1, 'vietgap', 'VG-2024-017', 'Sở NN&MT Vĩnh Long', '2024-01-01', '2099-12-31')`,
    [ZONE],
  )
  const now = Date.now()
  const b = emptyBatch()
  const add = (sensorId: string, metric: string, msAgo: number, value: number) => {
    b.time.push(now - msAgo)
    b.sensorId.push(sensorId)
    b.metric.push(metric)
    b.value.push(value)
    b.quality.push(0)
  }
  // Salinity every half hour for the last day, the latest 12 minutes ago; DO last heard 3 hours ago.
  for (let i = 0; i < 46; i++) add('sal-1', 'salinity', 12 * MINUTE + i * 30 * MINUTE, 10 + (i % 5))
  add('sal-1', 'salinity', 12 * MINUTE - 1, 12.5)
  for (let i = 0; i < 10; i++) add('do-1', 'dissolved_oxygen', 3 * 60 * MINUTE + i * 60 * MINUTE, 4 + i / 10)
  // Forty days ago: only the 30-day range misses it, the year shows it.
  add('ph-1', 'ph', 40 * 24 * 60 * MINUTE, 7.8)
  await insertReadings(db, b)
  const [rule] = await db.query<{ id: number }>(
    `select id from alert_rules where zone_code = $1 and metric = 'salinity' and deleted_at is null limit 1`,
    [ZONE],
  )
  await db.query(
    `insert into alerts (rule_id, channel, sensor_id, gateway_id, zone_code, metric, kind, severity,
                         opened_at, last_triggered_at, value)
     values ($1, 'sal-1/salinity', 'sal-1', 'gw-area', $2, 'salinity', 'threshold', 'major',
             now() - interval '2 hours', now() - interval '2 hours', 3.2)`,
    [rule!.id, ZONE],
  )
})

async function officer() {
  const browser = consoleApi.browser()
  await browser.signIn(ACCOUNTS.officer)
  return browser
}

describe('the area page', () => {
  it('is linked from the areas list', async () => {
    const res = await (await officer()).get('/console')
    expect(res.body).toContain(`<a href="/console/areas/${ZONE}"><strong>${ZONE}</strong></a>`)
  })

  it('shows the facts, the preset with each limit’s source, and the area’s own values', async () => {
    const res = await (await officer()).get(PAGE)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const body = res.body
    expect(body).toContain(`<h1>${ZONE} · Vùng thử nghiệm</h1>`)
    expect(body).toContain('<dt>Cây trồng, vật nuôi</dt><dd>Dừa</dd>')
    expect(body).toContain('<dt>Diện tích</dt><dd>12,5 ha</dd>')
    expect(body).toMatch(
      /<dt>Xã<\/dt><dd>[^<]*Tam Ngãi <span class="note">\(trước đây: [^<]*Thạnh Phú\)<\/span><\/dd>/,
    )
    expect(body).toContain('<dt>Hợp tác xã</dt><dd>HTX Thử nghiệm</dd>')
    expect(body).toContain('VietGAP VG-2024-017 (Sở NN&amp;MT Vĩnh Long), hiệu lực đến 31/12/2099')
    expect(body).toContain('<dt>Bộ ngưỡng</dt><dd>Ao nuôi tôm nước lợ (QCVN 02-19:2014/BNNPTNT)</dd>')
    // The salinity floor is the area's own (4, not the preset's 5); its ceiling and source are the preset's.
    expect(body).toMatch(
      /<td data-label="Chỉ tiêu">Độ mặn \(‰\)<\/td>\s*<td data-label="Mức cảnh báo">Nghiêm trọng<\/td>\s*<td data-label="Thấp nhất">4<br><span class="note">đã chỉnh riêng cho vùng<\/span><\/td>\s*<td data-label="Cao nhất">35<\/td>\s*<td data-label="Căn cứ">QCVN 02-19:2014\/BNNPTNT/,
    )
  })

  it('lists every sensor with its latest reading and its age', async () => {
    const body = (await (await officer()).get(PAGE)).body
    expect(body).toMatch(
      /<td data-label="Cảm biến">sal-1<\/td>\s*<td data-label="Gateway">gw-area<\/td>\s*<td data-label="Chỉ tiêu">Độ mặn<\/td>\s*<td data-label="Số đo mới nhất"><strong>12,5<\/strong> ‰ · 12 phút trước/,
    )
    expect(body).toMatch(
      /<td data-label="Cảm biến">do-1<\/td>[\s\S]*?<strong>4<\/strong> mg\/L · 3 giờ trước/,
    )
    expect(body).toMatch(
      /<td data-label="Cảm biến">ph-1<\/td>[\s\S]*?<strong>7,8<\/strong> pH · 40 ngày trước/,
    )
  })

  it('draws one chart per channel over 24 hours, with the limits and the alert times, and links every range', async () => {
    const body = (await (await officer()).get(PAGE)).body
    expect(body.match(/<svg class="chart"/g)).toHaveLength(2)
    expect(body).toContain('<title id="chart-0-t">Biểu đồ oxy hòa tan, cảm biến do-1</title>')
    expect(body).toContain('<title id="chart-2-t">Biểu đồ độ mặn, cảm biến sal-1</title>')
    // pH has nothing in the last day: said in words, not an empty chart.
    expect(body).toMatch(/<h3>pH · ph-1<\/h3><p class="note">Không có số đo trong khoảng thời gian này.<\/p>/)
    expect(body).toContain('ngưỡng QCVN 02-19:2014: ≥\u00a04\u00a0‰')
    expect(body).toContain('Mỗi điểm là trung bình 5 phút; dải mờ là thấp nhất–cao nhất.')
    expect(body).toContain('1 cảnh báo mở trong khoảng này, lúc:')
    for (const id of ['24h', '7d', '30d', '1y']) expect(body).toContain(`href="${PAGE}?range=${id}#charts"`)
    expect(body).toContain(`<a href="${PAGE}?range=24h#charts" aria-current="true">24 giờ</a>`)
  })

  it('reads a year in daily buckets, and says so when the range is unknown', async () => {
    const browser = await officer()
    const year = (await browser.get(`${PAGE}?range=1y`)).body
    expect(year).toContain(`<a href="${PAGE}?range=1y#charts" aria-current="true">1 năm</a>`)
    expect(year).toContain('Mỗi điểm là trung bình 1 ngày')
    expect(year.match(/<svg class="chart"/g)).toHaveLength(3)
    const bad = await browser.get(`${PAGE}?range=forever`)
    expect(bad.statusCode).toBe(200)
    expect(bad.body).toContain('Khoảng thời gian không hợp lệ; đang hiện 24 giờ qua.')
  })

  it('answers an unknown area with a 404 page', async () => {
    const res = await (await officer()).get('/console/areas/VN-NOWHERE-99')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.body).toContain('<h1>Không tìm thấy vùng trồng</h1>')
    expect(res.body).toContain('Không có vùng trồng mã “VN-NOWHERE-99”.')
  })

  it('refuses a cooperative with 403 and sends a stranger to sign in', async () => {
    const coop = consoleApi.browser()
    await coop.signIn(ACCOUNTS.cooperative)
    expect((await coop.get(PAGE)).statusCode).toBe(403)
    const stranger = await consoleApi.browser().get(PAGE)
    expect(stranger.statusCode).toBe(303)
    expect(stranger.headers.location).toBe(`/console/login?next=${encodeURIComponent(PAGE)}`)
  })

  it('picks buckets of at most two points per pixel of a 320-wide chart', () => {
    expect(Object.fromEntries(Object.entries(RANGES).map(([id, s]) => [id, bucketFor(s)]))).toEqual({
      '24h': 300,
      '7d': 1800,
      '30d': 7200,
      '1y': 86_400,
    })
  })
})
