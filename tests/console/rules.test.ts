// The custom rules page and the preset choice on the thresholds page: rules added through the form are the
// API's rules (read back through GET /api/v1/rules), every refusal is said in Vietnamese beside its field with
// what was typed kept, deleting retires the rule, a preset change is what GET /api/v1/zones/:code/thresholds
// then answers, each change is audited, and a cooperative or a form without its CSRF token changes nothing.
import type { Rule, ZoneThresholds } from '@zonetrace/contracts'
import { applyZonePreset, listAudit, setZoneThresholds } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { BLANK_RULE } from '../../dashboards/src/pages/rules-form.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness({ JOBS: 'off' }), 60_000)
const ZONE = 'VN-TEST-TAMNGAI-01'
const RULES = `/console/areas/${ZONE}/rules`
const THRESHOLDS = `/console/areas/${ZONE}/thresholds`
const PRESET = `${THRESHOLDS}/preset`

beforeAll(async () => {
  const db = consoleApi.test.db
  await db.query(`update growing_areas set threshold_preset = 'shrimp_pond' where code = $1`, [ZONE])
  await applyZonePreset(db, ZONE, 'test')
})

async function signedIn(email: string = ACCOUNTS.officer) {
  const browser = consoleApi.browser()
  await browser.signIn(email)
  return browser
}

async function onPage(path: string, email: string = ACCOUNTS.officer) {
  const browser = await signedIn(email)
  await browser.get(path)
  return browser
}

/** The custom rules of the area as the API answers them. */
async function apiRules(): Promise<Rule[]> {
  const res = await consoleApi.app.inject({
    method: 'GET',
    url: `/api/v1/rules?zone=${ZONE}&origin=custom`,
    headers: await consoleApi.auth({ role: 'officer' }),
  })
  expect(res.statusCode).toBe(200)
  return (res.json() as { rules: Rule[] }).rules
}

async function apiThresholds(): Promise<ZoneThresholds> {
  const res = await consoleApi.app.inject({ method: 'GET', url: `/api/v1/zones/${ZONE}/thresholds` })
  expect(res.statusCode).toBe(200)
  return res.json() as ZoneThresholds
}

const audited = async (action: string) =>
  (await listAudit(consoleApi.test.db, { limit: 200 })).filter((e) => e.action === action)

/** What the empty form posts. */
const blank = BLANK_RULE

describe('the custom rules page', () => {
  it('is linked from the area page and the thresholds page', async () => {
    const browser = await signedIn()
    const area = await browser.get(`/console/areas/${ZONE}`)
    expect(area.body).toContain(`<a href="${RULES}">Quy tắc cảnh báo riêng của vùng</a>`)
    const thresholds = await browser.get(THRESHOLDS)
    expect(thresholds.body).toContain(`<a href="${RULES}">Quy tắc cảnh báo riêng của vùng</a>`)
    const page = await browser.get(RULES)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`<h1>Quy tắc cảnh báo riêng · ${ZONE}</h1>`)
    expect(page.body).toContain('Vùng chưa có quy tắc riêng nào.')
    expect(page.body).toContain('Vùng còn 7 quy tắc từ bộ ngưỡng; chỉnh chúng ở trang ngưỡng.')
    // Each field says what it does, in Vietnamese.
    expect(page.body).toContain('<strong>Tốc độ thay đổi</strong>: Cảnh báo khi giá trị tăng hoặc giảm')
    expect(page.body).toContain('Điều kiện phải kéo dài chừng này, theo thời gian của số đo')
    expect(page.body).toContain('Độ trễ: cảnh báo chỉ hết khi giá trị đã vào trong ngưỡng thêm chừng này')
    expect(page.body).toContain('<input id="rule-activeFrom" name="activeFrom" type="time" value=""')
  })

  it('speaks English to a person who chose it, refusals included', async () => {
    const browser = await onPage(RULES, ACCOUNTS.admin)
    expect((await browser.post('/console/lang', { lang: 'en' })).statusCode).toBe(303)
    try {
      const page = await browser.get(RULES)
      expect(page.body).toContain(`<h1>Custom alert rules · ${ZONE}</h1>`)
      expect(page.body).toContain('<strong>Offline</strong>: Alerts when no reading arrives for a while.')
      expect(page.body).toContain(
        'Hysteresis: the alert clears only once the value is back inside by this much',
      )
      const refused = await browser.post(RULES, { ...blank, metric: 'ph' })
      expect(refused.statusCode).toBe(400)
      expect(refused.body).toContain(
        '<span class="field-error" id="rule-min-error">A threshold rule needs a lower limit, an upper limit or both.</span>',
      )
      const thresholds = await browser.get(THRESHOLDS)
      expect(thresholds.body).toContain('<h2 id="preset-title">Change the preset</h2>')
    } finally {
      await browser.post('/console/lang', { lang: 'vi' })
    }
  })

  it('adds a rule through the form: the API then lists it, the change is audited', async () => {
    const browser = await onPage(RULES)
    const res = await browser.post(RULES, {
      ...blank,
      metric: 'salinity',
      max: '12,5',
      forMinutes: '10',
      repeatCount: '3',
      repeatMinutes: '15',
      clearMargin: '0,5',
      clearForMinutes: '5',
      activeFrom: '18:00',
      activeTo: '06:00',
      severity: 'critical',
      name: 'Mặn vào ban đêm',
    })
    expect(res.statusCode).toBe(303)
    const [rule] = await apiRules()
    expect(res.headers.location).toBe(`${RULES}?added=${rule!.id}`)
    expect(rule).toMatchObject({
      zone: ZONE,
      kind: 'threshold',
      metric: 'salinity',
      min: null,
      max: 12.5,
      forSeconds: 600,
      repeat: { count: 3, withinSeconds: 900 },
      clearMargin: 0.5,
      clearForSeconds: 300,
      activeHours: { from: '18:00', to: '06:00' },
      severity: 'critical',
      name: 'Mặn vào ban đêm',
      origin: 'custom',
      createdBy: ACCOUNTS.officer,
    })
    const [entry] = await audited('rule add')
    expect(entry).toMatchObject({
      actor: ACCOUNTS.officer,
      target: ZONE,
      detail: { params: { code: ZONE }, body: { metric: 'salinity', max: '12,5', severity: 'critical' } },
    })
    expect(JSON.stringify(entry!.detail)).not.toContain('_csrf')

    const page = await browser.get(res.headers.location as string)
    expect(page.body).toContain(
      `<div class="notice" role="status"><p>Đã thêm quy tắc #${rule!.id}.</p></div>`,
    )
    expect(page.body).toContain('<td data-label="Điều kiện">Độ mặn: trên 12,5 ‰</td>')
    expect(page.body).toContain(
      '<td data-label="Thời gian">kéo dài 10 phút<br>3 lần trong 15 phút<br>hết cảnh báo khi vào trong 0,5 và giữ 5 phút<br>chỉ từ 18:00 đến 06:00</td>',
    )
    expect(page.body).toContain('<span class="sev sev-critical">Khẩn cấp</span>')
  })

  it('adds rate-of-change and offline rules', async () => {
    const browser = await onPage(RULES, ACCOUNTS.admin)
    const rate = await browser.post(RULES, {
      ...blank,
      kind: 'rate',
      metric: 'salinity',
      ratePerMinute: '0.2',
    })
    expect(rate.statusCode).toBe(303)
    await browser.get(RULES)
    const offline = await browser.post(RULES, { ...blank, kind: 'offline', silentMinutes: '30' })
    expect(offline.statusCode).toBe(303)
    const rules = await apiRules()
    expect(rules.slice(-2)).toMatchObject([
      { kind: 'rate', metric: 'salinity', ratePerMinute: 0.2, createdBy: ACCOUNTS.admin },
      { kind: 'offline', metric: null, silentSeconds: 1800 },
    ])
    const page = await browser.get(RULES)
    expect(page.body).toContain('Độ mặn: đổi nhanh hơn 0,2 ‰ mỗi phút')
    expect(page.body).toContain('mọi chỉ tiêu: không có số đo trong 30 phút')
  })

  it('refuses bad input in Vietnamese beside the field, keeps what was typed, writes nothing', async () => {
    const browser = await onPage(RULES)
    const before = await apiRules()
    const auditedBefore = (await listAudit(consoleApi.test.db, { limit: 500 })).length
    const cases: [Record<string, string>, string, string][] = [
      [{ metric: 'ph', min: 'abc' }, 'min', 'Không phải là số. Hãy nhập số, ví dụ 4,5.'],
      [{ metric: 'ph' }, 'min', 'Quy tắc ngưỡng cần ngưỡng dưới, ngưỡng trên hoặc cả hai.'],
      [{ metric: 'ph', min: '9', max: '7' }, 'min', 'Ngưỡng dưới lớn hơn ngưỡng trên.'],
      [{ min: '1' }, 'metric', 'Loại quy tắc này cần chọn một chỉ tiêu.'],
      [
        { kind: 'rate', metric: 'ph', ratePerMinute: '0' },
        'ratePerMinute',
        'Quy tắc tốc độ thay đổi cần tốc độ tối đa lớn hơn 0.',
      ],
      [{ kind: 'offline', max: '5' }, 'max', 'Ngưỡng dưới và trên chỉ dùng cho loại ngưỡng; hãy để trống.'],
      [
        { kind: 'offline', silentMinutes: '0,5' },
        'silentMinutes',
        'Thời gian im lặng phải từ 1 phút đến 30 ngày (43200 phút).',
      ],
      [
        { kind: 'offline', silentMinutes: '5', forMinutes: '2' },
        'forMinutes',
        'Quy tắc mất tín hiệu không dùng thời gian kéo dài, lặp lại hay độ trễ: nó hết khi có số đo mới. Hãy để trống các ô đó.',
      ],
      [
        { metric: 'ph', min: '6', forMinutes: '20000' },
        'forMinutes',
        'Thời gian kéo dài phải từ 0 đến 10080 phút (7 ngày).',
      ],
      [
        { metric: 'ph', min: '6', repeatCount: '1', repeatMinutes: '5' },
        'repeatCount',
        'Số lần vi phạm phải là số nguyên từ 2 đến 10000 (điền cả khoảng thời gian).',
      ],
      [
        { metric: 'ph', min: '6', repeatCount: '2,5', repeatMinutes: '5' },
        'repeatCount',
        'Hãy nhập một số nguyên, ví dụ 3.',
      ],
      [
        { metric: 'ph', min: '6', max: '7', clearMargin: '0,6' },
        'clearMargin',
        'Biên trễ quá rộng: không còn giá trị nào giữa hai ngưỡng để hết cảnh báo.',
      ],
      [
        { metric: 'ph', min: '6', activeFrom: '18:00' },
        'activeFrom',
        'Khung giờ cần giờ bắt đầu và kết thúc khác nhau, dạng HH:MM (ví dụ 18:00).',
      ],
      [
        { metric: 'ph', min: '6', activeFrom: '25:00', activeTo: '06:00' },
        'activeFrom',
        'Khung giờ cần giờ bắt đầu và kết thúc khác nhau, dạng HH:MM (ví dụ 18:00).',
      ],
      [{ metric: 'ph', min: '6', name: 'x'.repeat(201) }, 'name', 'Tên quy tắc tối đa 200 ký tự.'],
      [{ metric: 'arsenic', min: '6' }, 'metric', 'Hãy chọn một chỉ tiêu trong danh sách.'],
      [
        { metric: 'ph', min: '6', severity: 'apocalyptic' },
        'severity',
        'Hãy chọn một mức độ trong danh sách.',
      ],
    ]
    for (const [values, field, message] of cases) {
      const res = await browser.post(RULES, { ...blank, ...values })
      expect(res.statusCode, JSON.stringify(values)).toBe(400)
      expect(res.body).toContain(`<span class="field-error" id="rule-${field}-error">${message}</span>`)
      expect(res.body).toContain('<div class="error" role="alert"><h2>Chưa thêm được quy tắc</h2><ul>')
      expect(res.body).toContain(`<li>${message}</li>`)
      if (field !== 'metric' && field !== 'severity') {
        expect(res.body).toMatch(
          new RegExp(
            `<input id="rule-${field}" name="${field}" [^>]*value="${values[field] ?? ''}" aria-describedby="rule-${field}-hint rule-${field}-error" aria-invalid="true">`,
          ),
        )
      }
    }
    // An unknown kind is said on the kind, and the other typed values are kept.
    const kind = await browser.post(RULES, { ...blank, kind: 'psychic', metric: 'ph', min: '6,5' })
    expect(kind.statusCode).toBe(400)
    expect(kind.body).toContain(
      '<span class="field-error" id="rule-kind-error">Hãy chọn một loại quy tắc trong danh sách.</span>',
    )
    expect(kind.body).toContain('<option value="ph" selected>')
    expect(kind.body).toContain('name="min" inputmode="decimal" autocomplete="off" value="6,5"')
    expect(await apiRules()).toEqual(before)
    expect((await listAudit(consoleApi.test.db, { limit: 500 })).length).toBe(auditedBefore)
  })

  it('never answers 500, whatever is posted', async () => {
    const browser = await onPage(RULES)
    const bodies: Record<string, string>[] = [
      {},
      { kind: '' },
      { severity: '' },
      { metric: 'ph', min: '1e309' },
      { metric: 'ph', min: '99999999999999999999999' },
      { metric: 'ph', min: '6', forMinutes: '-1' },
      { metric: 'ph', min: '6', repeatMinutes: '5' },
      { kind: 'offline', silentMinutes: '9'.repeat(60) },
      { metric: 'ph', min: '6', activeFrom: '<script>', activeTo: '"' },
      { metric: 'x'.repeat(65) },
      { name: 'x'.repeat(3000) },
    ]
    for (const body of bodies) {
      const res = await browser.post(RULES, body)
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(303)
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeLessThan(500)
      expect(res.body).not.toContain('<script>')
    }
    for (const path of [`${RULES}/abc/delete`, `${RULES}/0/delete`, `${RULES}/99999999999999999999/delete`]) {
      expect((await browser.post(path)).statusCode).toBe(404)
    }
    expect((await browser.get('/console/areas/VN-NOWHERE-01/rules')).statusCode).toBe(404)
  })

  it('deletes a custom rule through the form, audited; a preset rule cannot be deleted here', async () => {
    const browser = await onPage(RULES)
    const [first] = await apiRules()
    const res = await browser.post(`${RULES}/${first!.id}/delete`)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${RULES}?deleted=${first!.id}&cleared=0`)
    expect((await apiRules()).map((r) => r.id)).not.toContain(first!.id)
    const [entry] = await audited('rule delete')
    expect(entry).toMatchObject({
      actor: ACCOUNTS.officer,
      detail: { params: { code: ZONE, id: String(first!.id) } },
    })
    const page = await browser.get(res.headers.location as string)
    expect(page.body).toContain(`Đã xóa quy tắc số ${first!.id}; 0 cảnh báo đang mở của nó đã được đóng.`)

    const [preset] = await consoleApi.test.db.query<{ id: number }>(
      `select id from alert_rules where zone_code = $1 and origin = 'preset' and deleted_at is null limit 1`,
      [ZONE],
    )
    const refused = await browser.post(`${RULES}/${preset!.id}/delete`)
    expect(refused.statusCode).toBe(404)
    expect(refused.body).toContain('Vùng này không có quy tắc riêng số đó (có thể đã bị xóa).')
    const [still] = await consoleApi.test.db.query<{ deleted_at: Date | null }>(
      `select deleted_at from alert_rules where id = $1`,
      [preset!.id],
    )
    expect(still!.deleted_at).toBeNull()
  })
})

describe('the preset choice on the thresholds page', () => {
  it('lists every preset with its standard, the area’s own checked', async () => {
    const page = await (await signedIn()).get(THRESHOLDS)
    expect(page.body).toContain(`<form class="panel" method="post" action="${PRESET}"`)
    expect(page.body).toContain('<input type="radio" name="preset" value="shrimp_pond" checked>')
    expect(page.body).toContain('<input type="radio" name="preset" value="irrigation">')
    expect(page.body).toContain('<strong>Nước tưới tiêu (QCVN 39:2011/BTNMT)</strong>')
    expect(page.body).toContain('<input type="radio" name="preset" value="none">')
  })

  it('changes the preset through setZoneThresholds, keeping own values that still fit', async () => {
    await setZoneThresholds(consoleApi.test.db, { cooperativeId: null, subject: 'test' }, ZONE, {
      preset: 'shrimp_pond',
      overrides: [
        { metric: 'ph', severity: 'major', max: 8.5 },
        { metric: 'salinity', severity: 'major', min: 4.5 },
      ],
    })
    const browser = await onPage(THRESHOLDS)
    const res = await browser.post(PRESET, { preset: 'irrigation' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${THRESHOLDS}?preset=changed&dropped=1`)
    const after = await apiThresholds()
    expect(after.preset?.id).toBe('irrigation')
    expect(after.overrides).toMatchObject([{ metric: 'ph', severity: 'major', min: null, max: 8.5 }])
    // The rules the evaluator watches follow the new preset.
    const rules = await consoleApi.test.db.query<{ metric: string; preset: string }>(
      `select metric, preset from alert_rules where zone_code = $1 and origin = 'preset' and deleted_at is null order by metric`,
      [ZONE],
    )
    expect(rules.map((r) => [r.metric, r.preset])).toEqual([
      ['chloride', 'irrigation'],
      ['dissolved_oxygen', 'irrigation'],
      ['ph', 'irrigation'],
    ])
    const [entry] = await audited('thresholds preset set')
    expect(entry).toMatchObject({
      actor: ACCOUNTS.officer,
      target: ZONE,
      detail: { body: { preset: 'irrigation' } },
    })
    const page = await browser.get(res.headers.location as string)
    expect(page.body).toContain(
      '<div class="notice" role="status"><p>Vùng nay theo bộ ngưỡng Nước tưới tiêu (QCVN 39:2011/BTNMT). Đã bỏ 1 giá trị riêng không có trong bộ ngưỡng mới.</p></div>',
    )

    const none = await browser.post(PRESET, { preset: 'none' })
    expect(none.statusCode).toBe(303)
    expect((await apiThresholds()).preset).toBeNull()
    await browser.get(THRESHOLDS)
    expect((await browser.post(PRESET, { preset: 'shrimp_pond' })).statusCode).toBe(303)
    expect((await apiThresholds()).preset?.id).toBe('shrimp_pond')
  })

  it('refuses an unknown preset in Vietnamese and changes nothing', async () => {
    const browser = await onPage(THRESHOLDS)
    const before = await apiThresholds()
    const res = await browser.post(PRESET, { preset: 'moon_base' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(
      '<span class="field-error" id="preset-error">Hãy chọn một bộ ngưỡng trong danh sách.</span>',
    )
    expect((await browser.post(PRESET, {})).statusCode).toBe(400)
    expect(await apiThresholds()).toEqual(before)
  })
})

describe('who may change rules and presets', () => {
  it('refuses a cooperative account on the server, page and forms alike', async () => {
    const browser = await signedIn(ACCOUNTS.cooperative)
    const before = { rules: await apiRules(), thresholds: await apiThresholds() }
    expect((await browser.get(RULES)).statusCode).toBe(403)
    const add = await browser.post(RULES, { ...blank, metric: 'ph', min: '6' })
    expect(add.statusCode).toBe(403)
    expect(add.body).toContain('Không có quyền truy cập')
    const [rule] = before.rules
    expect((await browser.post(`${RULES}/${rule!.id}/delete`)).statusCode).toBe(403)
    expect((await browser.post(PRESET, { preset: 'irrigation' })).statusCode).toBe(403)
    expect({ rules: await apiRules(), thresholds: await apiThresholds() }).toEqual(before)
  })

  it('refuses a form posted without its CSRF token', async () => {
    const browser = await onPage(RULES)
    const before = { rules: await apiRules(), thresholds: await apiThresholds() }
    const add = await browser.post(RULES, { ...blank, metric: 'ph', min: '6', _csrf: null })
    expect(add.statusCode).toBe(403)
    const preset = await browser.post(PRESET, { preset: 'irrigation', _csrf: null })
    expect(preset.statusCode).toBe(403)
    const [rule] = before.rules
    expect((await browser.post(`${RULES}/${rule!.id}/delete`, { _csrf: null })).statusCode).toBe(403)
    expect({ rules: await apiRules(), thresholds: await apiThresholds() }).toEqual(before)
  })
})
