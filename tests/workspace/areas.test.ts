// The cooperative's growing-area pages (issue 16): list, register, edit, the reasons a form is refused, and
// that one cooperative can neither see nor change another's area however the request is crafted.
import { listZones, vietnamDate } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)

// About 100 m × 100 m near Hòa Tân: one hectare, as "lat,lon" lines.
const LAT = 9.93
const dLat = 100 / 111_320
const dLon = 100 / (111_320 * Math.cos((LAT * Math.PI) / 180))
const SQUARE = [
  [LAT, 106.34],
  [LAT, 106.34 + dLon],
  [LAT + dLat, 106.34 + dLon],
  [LAT + dLat, 106.34],
]
  .map(([lat, lon]) => `${lat},${lon}`)
  .join('\n')

// Days on the Vietnamese calendar, as the pages count them: a UTC date is a day off from 17:00 UTC.
const inDays = (n: number) => vietnamDate(Date.now() + n * 86_400_000)

function areaForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    code: 'VN-TEST-MOI-01',
    name: 'Vườn dừa ấp Mới',
    crop: 'wax_coconut',
    areaHa: '1,2',
    communeCode: '29317',
    preset: 'none',
    polygon: SQUARE,
    cert0_scheme: 'vietgap',
    cert0_certificateNo: 'VG-2026-001',
    cert0_issuer: 'Chi cục Trồng trọt',
    cert0_validFrom: inDays(-300),
    cert0_validTo: inDays(20),
    ...over,
  }
}

describe('workspace growing areas', () => {
  it("lists the cooperative's own areas and not another's", async () => {
    const page = await ws.coopA.get('/workspace/areas')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(COOP_A.areaCode)
    expect(page.body).not.toContain(COOP_B.areaCode)
    expect(page.body).toContain('href="/workspace/areas/new"')
    expect(page.body).toContain(`href="/workspace/areas/${COOP_A.areaCode}/edit"`)
  })

  it("offers today's communes with the former ones they absorbed, and each preset's standard", async () => {
    const page = await ws.coopA.get('/workspace/areas/new')
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/<option value="29317">Xã An Phú Tân \(trước: [^)]*Xã Hoà Tân/)
    expect(page.body).toContain('QCVN 02-19:2014/BNNPTNT')
    expect(page.body).toContain('name="cert1_certificateNo"')
    expect(page.body).toMatch(/<textarea id="area-polygon" name="polygon"/)
    expect(page.body).toContain('<area-draw')
  })

  it('registers an area and lists it with its commune, preset and a flagged certificate', async () => {
    await ws.coopA.get('/workspace/areas/new')
    const res = await ws.coopA.post('/workspace/areas/new', areaForm())
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/workspace/areas?saved=VN-TEST-MOI-01')
    const list = await ws.coopA.get(res.headers.location as string)
    expect(list.body).toContain('Đã lưu vùng trồng VN-TEST-MOI-01.')
    expect(list.body).toContain('Vườn dừa ấp Mới')
    expect(list.body).toContain('Dừa sáp')
    expect(list.body).toContain('1,2 ha')
    expect(list.body).toContain('Xã An Phú Tân')
    expect(list.body).toMatch(/VG-2026-001.*Còn 20 ngày là hết hạn/s)
    const [zone] = await listZones(ws.test.db, ['VN-TEST-MOI-01'])
    expect(zone?.cooperativeId).toBe(COOP_A.cooperativeId)
    expect(zone?.polygon?.type).toBe('Polygon')
  })

  it('flags a certificate that has expired', async () => {
    await ws.coopA.get('/workspace/areas/new')
    const form = areaForm({
      code: 'VN-TEST-MOI-02',
      cert0_validTo: inDays(-3),
      cert0_validFrom: inDays(-400),
    })
    expect((await ws.coopA.post('/workspace/areas/new', form)).statusCode).toBe(303)
    expect((await ws.coopA.get('/workspace/areas')).body).toMatch(
      /<strong class="ws-expiry ws-expired">Đã hết hạn/,
    )
  })

  it('refuses an outline far from the stated hectares, keeping what was typed', async () => {
    await ws.coopA.get('/workspace/areas/new')
    const res = await ws.coopA.post(
      '/workspace/areas/new',
      areaForm({ code: 'VN-TEST-MOI-03', areaHa: '12' }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Đa giác rộng 1 ha nhưng diện tích khai báo là 12 ha')
    expect(res.body).toMatch(/id="area-polygon-error"/)
    expect(res.body).toContain('value="VN-TEST-MOI-03"')
    expect(res.body).toContain('Vườn dừa ấp Mới')
    expect((await listZones(ws.test.db, ['VN-TEST-MOI-03'])).length).toBe(0)
  })

  it('says what is wrong beside each field', async () => {
    await ws.coopA.get('/workspace/areas/new')
    const res = await ws.coopA.post(
      '/workspace/areas/new',
      areaForm({
        code: 'mã có dấu',
        name: '',
        areaHa: 'ba',
        communeCode: '99999',
        polygon: '9.93,106.34\n9.94,106.35\n9.93,106.35\n9.94,106.34',
        cert1_scheme: 'vietgap',
      }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('id="area-code-error">Chỉ dùng chữ, số')
    expect(res.body).toContain('id="area-name-error">Hãy điền mục này.')
    expect(res.body).toContain('id="area-areaHa-error">Diện tích là một số lớn hơn 0')
    expect(res.body).toContain('id="area-communeCode-error">Hãy chọn một xã')
    expect(res.body).toContain('cắt nhau')
    expect(res.body).toContain('Chứng nhận 2: hãy điền số chứng nhận')
  })

  it('saves its own area unchanged from the form as the edit page fills it', async () => {
    const page = await ws.coopA.get(`/workspace/areas/${COOP_A.areaCode}/edit`)
    const fromHtml = (v: string) =>
      v
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    const form: Record<string, string> = {}
    for (const m of page.body.matchAll(/<input id="[^"]*" name="([^"]+)"[^>]*? value="([^"]*)"/g))
      form[m[1]!] = fromHtml(m[2]!)
    for (const m of page.body.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)<\/select>/gs)) {
      form[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? ''
    }
    form.polygon = fromHtml(/<textarea[^>]*name="polygon"[^>]*>([^<]*)<\/textarea>/.exec(page.body)![1]!)
    form.preset = /name="preset" value="([^"]+)" checked/.exec(page.body)![1]!
    form.code = COOP_A.areaCode
    expect(form.cert0_certificateNo).not.toBe('')
    const [before] = await listZones(ws.test.db, [COOP_A.areaCode])
    const res = await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, form)
    expect(res.statusCode, res.body.match(/field-error[^<]*/g)?.join()).toBe(303)
    const [after] = await listZones(ws.test.db, [COOP_A.areaCode])
    expect(after?.name).toBe(before?.name)
    expect(after?.areaHa).toBe(before?.areaHa)
    // Its outline is not judged again while left alone; restating the hectares judges it.
    const restated = await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, {
      ...form,
      areaHa: '30',
    })
    expect(restated.statusCode).toBe(400)
    expect(restated.body).toContain('diện tích khai báo là 30 ha')
  })

  it('edits its own area and keeps its profile', async () => {
    const form = await ws.coopA.get(`/workspace/areas/${COOP_A.areaCode}/edit`)
    expect(form.statusCode).toBe(200)
    const [before] = await listZones(ws.test.db, [COOP_A.areaCode])
    const res = await ws.coopA.post(`/workspace/areas/${COOP_A.areaCode}/edit`, {
      name: 'Tên mới',
      crop: before!.crop,
      areaHa: '',
      communeCode: before!.commune.code!,
      preset: 'none',
      polygon: '',
    })
    expect(res.statusCode).toBe(303)
    const [after] = await listZones(ws.test.db, [COOP_A.areaCode])
    expect(after?.name).toBe('Tên mới')
    expect(after?.kind).toBe(before?.kind)
  })

  it("answers another cooperative's area like a missing one, and never changes it", async () => {
    const [before] = await listZones(ws.test.db, [COOP_A.areaCode])
    expect((await ws.coopB.get(`/workspace/areas/${COOP_A.areaCode}/edit`)).statusCode).toBe(404)
    expect((await ws.coopB.get('/workspace/areas/KHONG-CO/edit')).statusCode).toBe(404)
    await ws.coopB.get('/workspace/areas/new')
    const edit = await ws.coopB.post(
      `/workspace/areas/${COOP_A.areaCode}/edit`,
      areaForm({ code: COOP_A.areaCode, name: 'Chiếm' }),
    )
    expect(edit.statusCode).toBe(404)
    const asNew = await ws.coopB.post(
      '/workspace/areas/new',
      areaForm({ code: COOP_A.areaCode, name: 'Chiếm' }),
    )
    expect(asNew.statusCode).toBe(400)
    expect(asNew.body).toContain('Mã này đã được đăng ký')
    const sameCaseless = await ws.coopB.post(
      '/workspace/areas/new',
      areaForm({ code: COOP_A.areaCode.toLowerCase(), name: 'Chiếm' }),
    )
    expect(sameCaseless.statusCode).toBe(400)
    const [after] = await listZones(ws.test.db, [COOP_A.areaCode])
    expect(after).toEqual(before)
    expect((await ws.coopB.get('/workspace/areas')).body).not.toContain(COOP_A.areaCode)
  })

  it('answers crafted input with 400, not 500', async () => {
    await ws.coopA.get('/workspace/areas/new')
    const long = await ws.coopA.post('/workspace/areas/new', areaForm({ name: 'x'.repeat(5000) }))
    expect(long.statusCode).toBe(400)
    const json = await ws.coopA.post(
      '/workspace/areas/new',
      areaForm({ code: 'VN-TEST-MOI-09', polygon: '{"type":"Polygon","coordinates":[[1]]}' }),
    )
    expect(json.statusCode).toBe(400)
    expect(json.body).toContain('Không đọc được GeoJSON')
    const hugeHa = await ws.coopA.post('/workspace/areas/new', areaForm({ areaHa: '99999999999' }))
    expect(hugeHa.statusCode).toBe(400)
    const longCode = await ws.coopA.get(`/workspace/areas/${'A'.repeat(99)}/edit`)
    expect(longCode.statusCode).toBe(404)
  })

  it("shows another cooperative's area registered under a former commune by today's name and the former one", async () => {
    const page = await ws.coopB.get('/workspace/areas')
    expect(page.body).toContain('Xã An Phú Tân (trước: Xã Hoà Tân)')
  })

  it('speaks English to a person who chose it', async () => {
    const b = ws.browser()
    await b.signIn(COOP_A.email)
    await b.get('/workspace/areas')
    await b.post('/console/lang', { lang: 'en' })
    const page = await b.get('/workspace/areas/new')
    expect(page.body).toContain('Register a growing area')
    await b.get('/workspace/areas/new')
    const refused = await b.post('/workspace/areas/new', areaForm({ code: 'VN-TEST-EN-01', areaHa: '12' }))
    expect(refused.body).toContain('The outline covers 1 ha but the stated area is 12 ha')
  })

  it('is for cooperatives only', async () => {
    expect((await ws.officer.get('/workspace/areas')).statusCode).toBe(403)
    const anonymous = await ws.browser().get('/workspace/areas/new')
    expect(anonymous.statusCode).toBe(303)
  })
})
