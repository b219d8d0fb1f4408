// The monthly compliance report as a PDF: a summary page and one A4 page per area, the same figures as the
// page with the metrics by their Vietnamese names, read back with poppler's pdftotext as a print shop's
// computer would (skipped loudly without it, failing under CI_REQUIRE_TOOLS as the label tests do).
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { ACCOUNTS, type ConsoleBrowser, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)
let officer: ConsoleBrowser
let folder: string
const [A, B] = ['VN-PDF-A', 'VN-PDF-B']

beforeAll(async () => {
  const db = consoleApi.test.db
  await seedZone(db, A)
  await seedZone(db, B)
  await db.query(`update growing_areas set name = 'Ao tôm Cầu Ngang, ấp 3' where code = $1`, [A])
  await db.query(`update growing_areas set name = 'Vườn dừa Tam Ngãi' where code = $1`, [B])
  for (const [zone, day, metric, readings, within, lo, hi, alerts] of [
    [A, '2026-03-01', 'salinity', 10, 8, 5, 30, 1],
    [A, '2026-03-02', 'dissolved_oxygen', 10, 9, 3, null, 2],
    [B, '2026-03-15', 'ph', 3, 3, 6, 9, 0],
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
  folder = await mkdtemp(join(tmpdir(), 'zt-report-pdf-'))
})

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true })
})

/** Page objects in the file: `/Type /Page` and not `/Type /Pages`, without any PDF library. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0

const hasPdftotext = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0

/** The file's text as pdftotext reads it, or null (the test skipped) without poppler-utils. */
async function pdfText(pdf: Buffer, name: string, skip: (note?: string) => void): Promise<string | null> {
  if (!hasPdftotext) {
    const message = 'missing pdftotext: apt-get install poppler-utils'
    if (process.env.CI_REQUIRE_TOOLS) throw new Error(`${message} (CI_REQUIRE_TOOLS is set, so this fails)`)
    console.warn(`\n*** SKIPPED: ${message} ***\n`)
    skip(message)
    return null
  }
  const file = join(folder, name)
  await writeFile(file, pdf)
  const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(out.status).toBe(0)
  return out.stdout
}

describe('the compliance report PDF', () => {
  it('is an A4 PDF with a summary page and a page per area', async () => {
    const res = await officer.get('/console/reports.pdf?month=2026-03')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-tuan-thu-2026-03.pdf"')
    const pdf = res.rawPayload
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // Two areas have reports in March: the summary and one page each. Other tests' areas have none.
    expect(pageCount(pdf)).toBe(3)
    // A4 is 595.28 × 841.89 pt.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/)
  })

  it('says the areas, their Vietnamese names and the metrics by name', async (ctx) => {
    const res = await officer.get('/console/reports.pdf?month=2026-03')
    const text = await pdfText(res.rawPayload, 'all.pdf', ctx.skip)
    if (text === null) return
    const pages = text.split('\f')
    expect(pages[0]).toContain('Tổng hợp toàn tỉnh')
    expect(pages[0]).toContain('2 vùng trồng có báo cáo · 3 cảnh báo đã mở')
    expect(pages[0]).toContain(A)
    expect(pages[0]).toContain('Vườn dừa Tam Ngãi')
    // The lowest share of area A is salinity's 8 of 10.
    expect(pages[0]).toContain('80 % · Độ mặn')
    expect(pages[0]).toContain('Trang 1/3')
    expect(pages[1]).toContain('Ao tôm Cầu Ngang, ấp 3')
    expect(pages[1]).toContain(`Vùng trồng: ${A} · tháng 03/2026`)
    expect(pages[1]).toContain('Oxy hòa tan')
    expect(pages[1]).toMatch(/Độ mặn\s+80 %\s+10\s+1\s+100 % \(1\/1 ngày\)/)
    expect(pages[1]).not.toContain('dissolved_oxygen')
    expect(pages[2]).toContain(B)
    expect(pages[2]).toContain('Trang 3/3')
  })

  it('of one area: its page and the summary; an empty month is the summary saying so', async (ctx) => {
    const one = await officer.get(`/console/reports.pdf?month=2026-03&area=${B}`)
    expect(one.statusCode).toBe(200)
    expect(one.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-tuan-thu-2026-03-${B}.pdf"`,
    )
    expect(pageCount(one.rawPayload)).toBe(2)
    const empty = await officer.get(`/console/reports.pdf?month=2026-05&area=${B}`)
    expect(empty.statusCode).toBe(200)
    expect(pageCount(empty.rawPayload)).toBe(1)
    const text = await pdfText(empty.rawPayload, 'empty.pdf', ctx.skip)
    if (text === null) return
    expect(text).toContain('Vùng trồng này chưa có báo cáo tuân thủ hằng ngày nào trong tháng này.')
  })

  it('answers a bad month or area with the 400 page, as the CSV does', async () => {
    const bad = await officer.get('/console/reports.pdf?month=2026-13')
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('text/html')
    expect(bad.body).toContain('&quot;2026-13&quot; không phải là một tháng')
    const area = await officer.get('/console/reports.pdf?month=2026-03&area=VN-NO-SUCH')
    expect(area.statusCode).toBe(400)
  })

  it('is linked from the page, with the same query', async () => {
    const page = await officer.get(`/console/reports?month=2026-03&area=${A}`)
    expect(page.body).toContain(`href="/console/reports.pdf?month=2026-03&amp;area=${A}">Tải PDF</a>`)
  })

  it('refuses cooperatives and sends a visitor without a session to sign in', async () => {
    const coop = consoleApi.browser()
    await coop.signIn(ACCOUNTS.cooperative)
    const refused = await coop.get('/console/reports.pdf?month=2026-03')
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('text/html')
    const nobody = await consoleApi.browser().get('/console/reports.pdf?month=2026-03')
    expect(nobody.statusCode).toBe(303)
    expect(nobody.headers.location).toBe('/console/login?next=%2Fconsole%2Freports.pdf%3Fmonth%3D2026-03')
  })
})
