// The thresholds page: the area's preset with each limit's source, the area's own values set and cleared
// through setZoneThresholds (checked afterwards through getZoneThresholds, the rules and the audit log), each
// refusal said beside its field with the form kept, and a cooperative refused by the server.
import { applyZonePreset, getZoneThresholds, listAudit } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness({ JOBS: 'off' }), 60_000)
const ZONE = 'VN-TEST-TAMNGAI-01'
const PAGE = `/console/areas/${ZONE}/thresholds`

beforeAll(async () => {
  const db = consoleApi.test.db
  await db.query(`update growing_areas set threshold_preset = 'shrimp_pond' where code = $1`, [ZONE])
  await applyZonePreset(db, ZONE, 'test')
})

async function signedIn(email: string) {
  const browser = consoleApi.browser()
  await browser.signIn(email)
  return browser
}

async function onPage(email: string = ACCOUNTS.officer) {
  const browser = await signedIn(email)
  await browser.get(PAGE)
  return browser
}

const thresholds = async () => (await getZoneThresholds(consoleApi.test.db, ZONE))!

describe('the thresholds page', () => {
  it('is linked from the area page', async () => {
    const res = await (await signedIn(ACCOUNTS.officer)).get(`/console/areas/${ZONE}`)
    expect(res.body).toContain(`<a href="${PAGE}">Xem và chỉnh ngưỡng của vùng</a>`)
  })

  it('lists the preset’s limits, each value with its source and standard', async () => {
    const res = await (await signedIn(ACCOUNTS.admin)).get(PAGE)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const body = res.body
    expect(body).toContain(`<h1>Ngưỡng cảnh báo · ${ZONE}</h1>`)
    expect(body).toContain('Ao nuôi tôm nước lợ (QCVN 02-19:2014/BNNPTNT)')
    expect(body).toContain('<td data-label="Chỉ tiêu">Độ mặn (‰)</td>')
    expect(body).toContain('<td data-label="Ngưỡng dưới">5<br><span class="note">theo bộ ngưỡng</span></td>')
    expect(body).toContain('<td data-label="Ngưỡng trên">35<br><span class="note">theo bộ ngưỡng</span></td>')
    expect(body).toContain('<td data-label="Nguồn">QCVN 02-19:2014/BNNPTNT</td>')
    // Seven limits, seven forms, each with the page's CSRF token.
    expect(
      body.match(
        /<form class="panel" method="post" action="\/console\/areas\/VN-TEST-TAMNGAI-01\/thresholds"/g,
      ),
    ).toHaveLength(7)
    expect(body).toContain('Vùng chưa có giá trị riêng nào.')
    expect(body).toContain('<span class="hint" id="salinity-major-min-hint">Bộ ngưỡng: 5</span>')
    expect(body).toContain(
      '<span class="hint" id="dissolved_oxygen-critical-max-hint">Bộ ngưỡng: không có</span>',
    )
  })

  it('saves an own value through the repository, audited, and answers 303 with a notice', async () => {
    const browser = await onPage()
    const res = await browser.post(PAGE, {
      metric: 'salinity',
      severity: 'major',
      min: '4,5',
      max: '',
      action: 'save',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${PAGE}?saved=salinity%3Amajor`)

    const after = await thresholds()
    expect(after.overrides).toMatchObject([
      { metric: 'salinity', severity: 'major', min: 4.5, max: null, updatedBy: ACCOUNTS.officer },
    ])
    expect(after.limits.find((l) => l.metric === 'salinity')).toMatchObject({
      min: 4.5,
      minSource: 'override',
      max: 35,
      maxSource: 'preset',
    })
    // The rule the evaluator watches has the new value.
    const [rule] = await consoleApi.test.db.query<{ min: number; max: number }>(
      `select min, max from alert_rules where zone_code = $1 and metric = 'salinity' and origin = 'preset' and deleted_at is null`,
      [ZONE],
    )
    expect(rule).toMatchObject({ min: 4.5, max: 35 })

    const [entry] = (await listAudit(consoleApi.test.db, { limit: 50 })).filter(
      (e) => e.action === 'thresholds set',
    )
    expect(entry).toMatchObject({
      actor: ACCOUNTS.officer,
      target: ZONE,
      detail: {
        params: { code: ZONE },
        body: { metric: 'salinity', severity: 'major', min: '4,5', max: '' },
      },
    })

    const page = await browser.get(res.headers.location as string)
    expect(page.body).toContain(
      '<div class="notice" role="status"><p>Đã lưu giá trị riêng cho Độ mặn · Nghiêm trọng.</p></div>',
    )
    expect(page.body).toContain(
      '<td data-label="Ngưỡng dưới">4,5<br><span class="note">giá trị riêng của vùng</span></td>',
    )
    expect(page.body).toContain(
      'id="salinity-major-min" name="min" inputmode="decimal" autocomplete="off" value="4.5"',
    )
  })

  it('keeps the other overrides when one more is saved, and clears one', async () => {
    const browser = await onPage(ACCOUNTS.admin)
    const saved = await browser.post(PAGE, {
      metric: 'ph',
      severity: 'major',
      min: '',
      max: '8.5',
      action: 'save',
    })
    expect(saved.statusCode).toBe(303)
    expect((await thresholds()).overrides.map((o) => [o.metric, o.min, o.max])).toEqual([
      ['ph', null, 8.5],
      ['salinity', 4.5, null],
    ])
    await browser.get(PAGE)
    const cleared = await browser.post(PAGE, {
      metric: 'ph',
      severity: 'major',
      min: '',
      max: '8.5',
      action: 'clear',
    })
    expect(cleared.statusCode).toBe(303)
    expect(cleared.headers.location).toBe(`${PAGE}?cleared=ph%3Amajor`)
    expect((await thresholds()).overrides.map((o) => o.metric)).toEqual(['salinity'])
    const page = await browser.get(cleared.headers.location as string)
    expect(page.body).toContain(
      'Đã bỏ giá trị riêng của pH · Nghiêm trọng; vùng dùng lại giá trị của bộ ngưỡng.',
    )
  })

  it('refuses bad values beside the field, keeps the form, and changes nothing', async () => {
    const browser = await onPage()
    const before = await thresholds()
    const audited = (await listAudit(consoleApi.test.db, { limit: 200 })).length
    const cases: [Record<string, string>, string, string][] = [
      [{ min: 'abc', max: '' }, 'min', 'Không phải là số. Hãy nhập số, ví dụ 4,5.'],
      [{ min: '', max: '60' }, 'max', 'Ngoài khoảng đo được của chỉ tiêu (0 đến 50 ‰).'],
      [{ min: '-1', max: '' }, 'min', 'Ngoài khoảng đo được của chỉ tiêu (0 đến 50 ‰).'],
      [{ min: '20', max: '10' }, 'min', 'Ngưỡng dưới (20) lớn hơn ngưỡng trên (10).'],
      // An own lower limit above the preset's upper one (35) is refused too.
      [{ min: '40', max: '' }, 'min', 'Ngưỡng dưới (40) lớn hơn ngưỡng trên (35).'],
    ]
    for (const [values, field, message] of cases) {
      const res = await browser.post(PAGE, {
        metric: 'salinity',
        severity: 'major',
        action: 'save',
        ...values,
      })
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain(
        `<span class="field-error" id="salinity-major-${field}-error">${message}</span>`,
      )
      expect(res.body).toContain(
        `<div class="error" role="alert"><h2>Chưa lưu được</h2><ul><li>${message}</li></ul></div>`,
      )
      expect(res.body).toContain(
        `id="salinity-major-${field}" name="${field}" inputmode="decimal" autocomplete="off" value="${values[field]}"`,
      )
      expect(res.body).toContain(
        `aria-describedby="salinity-major-${field}-hint salinity-major-${field}-error" aria-invalid="true"`,
      )
    }
    const unknown = await browser.post(PAGE, { metric: 'turbidity', severity: 'major', min: '1', max: '' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('<li>Bộ ngưỡng của vùng không có giới hạn này.</li>')
    const nothing = await browser.post(PAGE, { metric: 'ph', severity: 'major', min: '', max: '' })
    expect(nothing.statusCode).toBe(400)
    expect(nothing.body).toContain('<li>Vùng chưa có giá trị riêng cho giới hạn này, không có gì để bỏ.</li>')
    expect(await thresholds()).toEqual(before)
    expect((await listAudit(consoleApi.test.db, { limit: 200 })).length).toBe(audited)
  })

  it('answers an unknown area with a 404 page', async () => {
    const browser = await signedIn(ACCOUNTS.officer)
    const res = await browser.get('/console/areas/VN-NOWHERE-01/thresholds')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('Không có vùng trồng mã VN-NOWHERE-01.')
    const post = await browser.post('/console/areas/VN-NOWHERE-01/thresholds', {
      metric: 'ph',
      severity: 'major',
      min: '7',
    })
    expect(post.statusCode).toBe(404)
  })

  it('refuses a cooperative account, page and form alike, on the server', async () => {
    const browser = await signedIn(ACCOUNTS.cooperative)
    const page = await browser.get(PAGE)
    expect(page.statusCode).toBe(403)
    expect(page.body).toContain('Không có quyền truy cập')
    const before = await thresholds()
    const res = await browser.post(PAGE, { metric: 'salinity', severity: 'major', min: '1', max: '' })
    expect(res.statusCode).toBe(403)
    expect(await thresholds()).toEqual(before)
  })
})
