// The monthly compliance report: daily compliance rows written as the job writes them, summed per area and
// metric over one Vietnamese month (share within limits, alerts opened, days with data of days reported),
// on the page and in the CSV; a month that is not one gets a 400 page; cooperatives are refused.
import { vietnamDate } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { ACCOUNTS, type ConsoleBrowser, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)
let officer: ConsoleBrowser
const [A, B] = ['VN-RPT-A', 'VN-RPT-B']

beforeAll(async () => {
  const db = consoleApi.test.db
  await seedZone(db, A)
  await seedZone(db, B)
  // A comma in the name: the CSV must quote it.
  await db.query(`update growing_areas set name = 'Ao tôm Cầu Ngang, ấp 3' where code = $1`, [A])
  await db.query(`update growing_areas set name = 'Vườn dừa Tam Ngãi' where code = $1`, [B])
  for (const [zone, day, metric, readings, within, lo, hi, alerts] of [
    [A, '2026-03-01', 'salinity', 10, 8, 5, 30, 1],
    [A, '2026-03-02', 'salinity', 10, 9, 5, 30, 2],
    [A, '2026-03-03', 'salinity', 0, 0, 5, 30, 0], // the probe was silent that day
    [A, '2026-03-31', 'ph', 4, 1, 7, 9, 0],
    [A, '2026-02-28', 'salinity', 5, 0, 5, 30, 7], // the month before: not counted
    [A, '2026-04-01', 'salinity', 5, 0, 5, 30, 7], // the month after: not counted
    [B, '2026-03-15', 'turbidity', 3, 3, null, null, 0], // no limits: no share
  ] as const) {
    await db.query(
      `insert into compliance_daily
         (zone_code, day, metric, readings, within, min, max, limit_min, limit_max, alerts, computed_at)
       values ($1, $2::date, $3, $4, $5, null, null, $6, $7, $8, now())`,
      [zone, day, metric, readings, within, lo, hi, alerts],
    )
  }
  officer = consoleApi.browser()
  await officer.signIn(ACCOUNTS.officer)
})

/** Each table row's cells as text. */
const cells = (body: string) =>
  [...body.matchAll(/<tr><td data-label=[\s\S]*?<\/tr>/g)].map((m) =>
    [...m[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
  )

describe('the compliance report page', () => {
  it('sums the month per area and metric: share within limits, alerts opened, coverage', async () => {
    const res = await officer.get('/console/reports?month=2026-03')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<h1>Báo cáo tuân thủ · tháng 03/2026</h1>')
    expect(res.body).toContain('aria-current="page">Báo cáo tuân thủ</a>')
    expect(res.body).toContain('<input id="month" name="month" type="month" value="2026-03" required>')
    expect(res.body).toContain('2 vùng trồng có báo cáo · 3 cảnh báo đã mở')
    expect(res.body.match(/<section class="report-area"/g)).toHaveLength(2)
    expect(cells(res.body)).toEqual([
      ['pH', '25 %', '4', '0', '100 % (1/1 ngày)'],
      // 17 of 20 within; 2 of 3 days with data is 66.67 %, shown rounded down.
      ['Độ mặn', '85 %', '20', '3', '66,6 % (2/3 ngày)'],
      ['Độ đục', 'không có ngưỡng', '3', '0', '100 % (1/1 ngày)'],
    ])
    expect(res.body).toContain('href="/console/reports.csv?month=2026-03"')
    expect(res.body).toContain('href="/console/reports.pdf?month=2026-03"')
  })

  it('shows one area alone when chosen, and says so when it has no reports', async () => {
    const res = await officer.get(`/console/reports?month=2026-03&area=${B}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`<option value="${B}" selected>`)
    expect(cells(res.body)).toEqual([['Độ đục', 'không có ngưỡng', '3', '0', '100 % (1/1 ngày)']])
    const empty = await officer.get(`/console/reports?month=2026-05&area=${B}`)
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('Vùng trồng này chưa có báo cáo tuân thủ hằng ngày nào trong tháng này.')
  })

  it('defaults to the current month on the Vietnamese clock', async () => {
    const res = await officer.get('/console/reports')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`value="${vietnamDate(Date.now()).slice(0, 7)}" required>`)
  })

  it('answers a month that is not one, or an unknown area, with a 400 page', async () => {
    for (const month of ['2026-13', '2026-3', 'tháng ba']) {
      const res = await officer.get(`/console/reports?month=${encodeURIComponent(month)}`)
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain(`&quot;${month}&quot; không phải là một tháng`)
      expect(res.body).not.toContain('reports.csv')
    }
    const csv = await officer.get('/console/reports.csv?month=2026-02-01')
    expect(csv.statusCode).toBe(400)
    expect(csv.headers['content-type']).toContain('text/html')
    const area = await officer.get('/console/reports?month=2026-03&area=VN-NO-SUCH')
    expect(area.statusCode).toBe(400)
    expect(area.body).toContain('Không có vùng trồng nào mã &quot;VN-NO-SUCH&quot;.')
  })

  it('refuses cooperatives and sends a visitor without a session to sign in', async () => {
    const coop = consoleApi.browser()
    await coop.signIn(ACCOUNTS.cooperative)
    expect((await coop.get('/console/reports?month=2026-03')).statusCode).toBe(403)
    expect((await coop.get('/console/reports.csv?month=2026-03')).statusCode).toBe(403)
    const nobody = await consoleApi.browser().get('/console/reports')
    expect(nobody.statusCode).toBe(303)
    expect(nobody.headers.location).toBe('/console/login?next=%2Fconsole%2Freports')
  })
})

describe('the compliance report CSV', () => {
  it('has the same rows, UTF-8 with a BOM, dot decimals, names quoted', async () => {
    const res = await officer.get('/console/reports.csv?month=2026-03')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-tuan-thu-2026-03.csv"')
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(res.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Mã vùng,Tên vùng,Chỉ số,Mã chỉ số,Số đo hợp lệ,Số đo trong ngưỡng,Tỷ lệ trong ngưỡng (%),Cảnh báo đã mở,Ngày đã lập báo cáo,Ngày có số đo,Phủ dữ liệu (%)',
      `${A},"Ao tôm Cầu Ngang, ấp 3",pH,ph,4,1,25.0,0,1,1,100.0`,
      `${A},"Ao tôm Cầu Ngang, ấp 3",Độ mặn,salinity,20,17,85.0,3,3,2,66.6`,
      `${B},Vườn dừa Tam Ngãi,Độ đục,turbidity,3,3,,0,1,1,100.0`,
      '',
    ])
  })

  it('of one area', async () => {
    const res = await officer.get(`/console/reports.csv?month=2026-03&area=${B}`)
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-tuan-thu-2026-03-${B}.csv"`,
    )
    expect(res.body.split('\r\n').slice(1)).toEqual([
      `${B},Vườn dừa Tam Ngãi,Độ đục,turbidity,3,3,,0,1,1,100.0`,
      '',
    ])
  })
})

describe('in English', () => {
  it('labels the page and the CSV in English, numbers as English writes them', async () => {
    const admin = consoleApi.browser()
    await admin.signIn(ACCOUNTS.admin)
    await admin.get('/console/reports') // a signed-in page's CSRF token for the language form
    expect((await admin.post('/console/lang', { lang: 'en' })).statusCode).toBe(303)
    const page = await admin.get('/console/reports?month=2026-03')
    expect(page.body).toContain('<h1>Compliance report · 03/2026</h1>')
    expect(cells(page.body)[1]).toEqual(['Salinity', '85 %', '20', '3', '66.6 % (2/3 days)'])
    const csv = await admin.get('/console/reports.csv?month=2026-03')
    expect(csv.headers['content-disposition']).toBe('attachment; filename="compliance-report-2026-03.csv"')
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFArea code,Area name,Metric,Metric code,Good readings,Readings within limits,Within limits (%),Alerts opened,Days reported,Days with readings,Data coverage (%)',
    )
  })
})
