// The alert console: filters over real alerts, acknowledging one or several with a note (and the audit log
// of it), refusals shown as messages, an alert's history, and a cooperative refused by the server.
import { getAlert, listAudit, provisionGateway, recordAlertEvents } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ORCHARD,
  ORCHARD_SENSOR,
  POND,
  POND_SENSOR,
  presetRuleId,
  seedAlert,
  seedPondAndOrchard,
} from '../alerts/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, type ConsoleBrowser, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)
const SEED = { cooperativeId: null, subject: 'seed-officer' }

/** The alerts a list page shows, top to bottom. */
const rowIds = (body: string) => [...body.matchAll(/<tr id="alert-(\d+)">/g)].map((m) => Number(m[1]))

/** A form post with repeated fields (the bulk form's checkboxes), with the page's CSRF token. */
async function postPairs(browser: ConsoleBrowser, url: string, pairs: [string, string][]) {
  const res = await consoleApi.app.inject({
    method: 'POST',
    url,
    cookies: Object.fromEntries(browser.cookies),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', browser.csrf], ...pairs]).toString(),
  })
  return res
}

async function officer(): Promise<ConsoleBrowser> {
  const browser = consoleApi.browser()
  await browser.signIn(ACCOUNTS.officer)
  return browser
}

// 10:00 on 1 June (Vietnam), 03:00 on 3 June (20:00 UTC the day before), 08:00 on 3 June.
let doAlert: number
let phAlert: number
let orchardAlert: number

beforeAll(async () => {
  const db = consoleApi.test.db
  await seedPondAndOrchard(db)
  await provisionGateway(db, { id: 'gw-pond', zone: POND, sensors: ['dissolved_oxygen', 'ph'] })
  await provisionGateway(db, { id: 'gw-orchard', zone: ORCHARD, sensors: ['salinity'] })
  const pond = { sensorId: POND_SENSOR, gatewayId: 'gw-pond', zone: POND }
  doAlert = await seedAlert(db, {
    ...pond,
    ruleId: await presetRuleId(db, POND, 'dissolved_oxygen', 'critical'),
    metric: 'dissolved_oxygen',
    severity: 'critical',
    openedAt: new Date('2025-06-01T03:00:00Z'),
    value: 2.1,
    threshold: 3,
  })
  phAlert = await seedAlert(db, {
    ...pond,
    ruleId: await presetRuleId(db, POND, 'ph', 'major'),
    metric: 'ph',
    severity: 'warning',
    openedAt: new Date('2025-06-02T20:00:00Z'),
    value: 9.2,
    threshold: 9,
    state: 'cleared',
  })
  await recordAlertEvents(db, [
    { alertId: phAlert, type: 'cleared', dataTime: new Date('2025-06-02T20:10:00Z'), value: 8.4 },
  ])
  orchardAlert = await seedAlert(db, {
    ruleId: await presetRuleId(db, ORCHARD, 'salinity', 'critical'),
    sensorId: ORCHARD_SENSOR,
    gatewayId: 'gw-orchard',
    zone: ORCHARD,
    metric: 'salinity',
    severity: 'major',
    openedAt: new Date('2025-06-03T01:00:00Z'),
    value: 4.5,
    threshold: 4,
  })
}, 60_000)

describe('the alert list and its filters', () => {
  it('shows the open alerts newest first by default, each with its message, limit, badge and state', async () => {
    const browser = await officer()
    const res = await browser.get('/console/alerts')
    expect(res.statusCode).toBe(200)
    expect(rowIds(res.body)).toEqual([orchardAlert, doAlert])
    expect(res.body).toContain('<a href="/console/alerts" aria-current="page">Cảnh báo</a>')
    expect(res.body).toContain('Oxy hòa tan 2,1 mg/L dưới ngưỡng 3 mg/L tại Ao tôm thử nghiệm (gw-pond-s1)')
    expect(res.body).toContain('Giá trị: 2,1 mg/L · Ngưỡng: 3 mg/L')
    expect(res.body).toContain('<span class="sev sev-critical">Khẩn cấp</span>')
    expect(res.body).toContain('<span class="sev sev-major">Nghiêm trọng</span>')
    expect(res.body).toContain(`<a href="/console/alerts/${doAlert}">01/06/2025 10:00</a>`)
    expect(res.body).toContain('Giờ Việt Nam (UTC+7)')
    expect(res.body).toContain('2 cảnh báo, mới nhất trước')
  })

  it.each([
    ['state=all', () => [orchardAlert, phAlert, doAlert]],
    ['state=cleared', () => [phAlert]],
    ['state=all&severity=major', () => [orchardAlert, doAlert]],
    ['state=all&severity=critical', () => [doAlert]],
    [`state=all&zone=${ORCHARD}`, () => [orchardAlert]],
    ['state=all&metric=ph', () => [phAlert]],
    // Vietnamese calendar days: the pH alert opened at 20:00 UTC on 2 June, 03:00 on 3 June in Vietnam.
    ['state=all&from=2025-06-03&to=2025-06-03', () => [orchardAlert, phAlert]],
    ['state=all&to=2025-06-02', () => [doAlert]],
    ['state=all&from=2025-06-04', () => []],
  ])('filters %s', async (query, expected) => {
    const browser = await officer()
    const res = await browser.get(`/console/alerts?${query}`)
    expect(res.statusCode).toBe(200)
    expect(rowIds(res.body)).toEqual(expected())
  })

  it('keeps the filter in the form and links the CSV export of the same filter', async () => {
    const browser = await officer()
    const res = await browser.get(`/console/alerts?state=all&zone=${POND}&from=2025-06-01&to=2025-06-02`)
    expect(res.body).toContain(`<option value="${POND}" selected>${POND} · Ao tôm thử nghiệm</option>`)
    expect(res.body).toContain('<option value="all" selected>Tất cả</option>')
    expect(res.body).toContain('<input id="from" name="from" type="date" value="2025-06-01">')
    const href = `/api/v1/alerts/export.csv?zone=${POND}&from=2025-05-31T17%3A00%3A00.000Z&to=2025-06-02T17%3A00%3A00.000Z`
    expect(res.body).toContain(`<a href="${href.replaceAll('&', '&amp;')}" download>`)
    const csv = await browser.get(href)
    expect(csv.statusCode).toBe(200)
    const lines = csv.body.trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(new RegExp(`^${doAlert},`))
  })

  it.each([
    ['severity=loud', 'Mức độ “loud” không có trong danh sách.'],
    ['state=gone', 'Trạng thái “gone” không có trong danh sách.'],
    ['metric=noise', 'Chỉ số “noise” không có trong danh sách.'],
    ['from=2025-02-30', '“2025-02-30” không phải là một ngày (năm-tháng-ngày).'],
    ['from=2025-06-03&to=2025-06-01', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.'],
    ['cursor=forged', 'Liên kết trang này đã cũ; hãy lọc lại từ đầu.'],
  ])('refuses %s with a message on the page', async (query, message) => {
    const browser = await officer()
    const res = await browser.get(`/console/alerts?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(`<li>${message}</li>`)
    expect(rowIds(res.body)).toEqual([])
  })
})

describe('acknowledging', () => {
  it('acknowledges one alert with a note, back to the same filter, and logs it', async () => {
    const browser = await officer()
    const page = await browser.get(`/console/alerts?state=all&zone=${POND}`)
    expect(page.body).toContain(
      `<form method="post" action="/console/alerts/ack?state=all&amp;zone=${POND}">`,
    )
    const res = await browser.post(`/console/alerts/ack?state=all&zone=${POND}`, {
      alertId: String(doAlert),
      note: 'Đã bật máy sục khí',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/console/alerts?state=all&zone=${POND}&acked=${doAlert}`)
    const after = await browser.get(res.headers.location as string)
    expect(after.body).toContain(`<p>Đã xác nhận 1 cảnh báo: #${doAlert}.</p>`)
    expect(rowIds(after.body)).toEqual([phAlert, doAlert])
    expect(after.body).toContain(`${ACCOUNTS.officer}, `)
    expect(after.body).toContain('<span class="note">Đã bật máy sục khí</span>')

    const alert = await getAlert(consoleApi.test.db, SEED, doAlert)
    expect(alert).toMatchObject({
      acknowledged: true,
      acknowledgedBy: ACCOUNTS.officer,
      ackNote: 'Đã bật máy sục khí',
    })
    const [entry] = (await listAudit(consoleApi.test.db, { limit: 50 })).filter(
      (e) => e.action === 'alert acknowledge',
    )
    expect(entry).toMatchObject({
      actor: ACCOUNTS.officer,
      detail: { body: { alertId: String(doAlert), note: 'Đã bật máy sục khí' } },
    })
  })

  it('refuses a second acknowledgement, a note too long and an unknown alert with messages', async () => {
    const browser = await officer()
    await browser.get('/console/alerts')
    const before = (await listAudit(consoleApi.test.db, { limit: 200 })).length

    const again = await browser.post('/console/alerts/ack?state=all', { alertId: String(doAlert), note: '' })
    expect(again.statusCode).toBe(409)
    expect(again.body).toMatch(
      new RegExp(
        `<li>Cảnh báo #${doAlert} đã được ${ACCOUNTS.officer} xác nhận lúc \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\.</li>`,
      ),
    )
    expect(rowIds(again.body)).toEqual([orchardAlert, phAlert, doAlert])

    const long = await browser.post('/console/alerts/ack', {
      alertId: String(orchardAlert),
      note: 'x'.repeat(1001),
    })
    expect(long.statusCode).toBe(400)
    expect(long.body).toContain('<li>Ghi chú dài 1001 ký tự; tối đa 1000 ký tự.</li>')

    const unknown = await browser.post('/console/alerts/ack', { alertId: '987654' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).toContain('<li>Không có cảnh báo #987654.</li>')

    const none = await browser.post('/console/alerts/ack', { note: 'gì cũng được' })
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('<li>Chưa chọn cảnh báo nào để xác nhận.</li>')

    expect((await getAlert(consoleApi.test.db, SEED, orchardAlert)).acknowledged).toBe(false)
    // Nothing changed, so nothing was logged.
    expect((await listAudit(consoleApi.test.db, { limit: 200 })).length).toBe(before)
  })

  it('acknowledges several alerts with one note, and says which it could not', async () => {
    const browser = await officer()
    const page = await browser.get('/console/alerts?state=all')
    expect(page.body).toContain(`<input type="checkbox" name="alertId" value="${phAlert}" form="bulk-ack">`)
    expect(page.body).toContain('<form method="post" action="/console/alerts/ack?state=all" id="bulk-ack"')

    const res = await postPairs(browser, '/console/alerts/ack?state=all', [
      ['alertId', String(phAlert)],
      ['alertId', String(orchardAlert)],
      ['note', 'Đã báo hợp tác xã'],
    ])
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/console/alerts?state=all&acked=${phAlert}%2C${orchardAlert}`)
    for (const id of [phAlert, orchardAlert]) {
      expect(await getAlert(consoleApi.test.db, SEED, id)).toMatchObject({
        acknowledged: true,
        acknowledgedBy: ACCOUNTS.officer,
        ackNote: 'Đã báo hợp tác xã',
      })
    }
    const [entry] = (await listAudit(consoleApi.test.db, { limit: 50 })).filter(
      (e) => e.action === 'alert acknowledge',
    )
    expect(entry?.detail).toMatchObject({
      body: { alertId: [String(phAlert), String(orchardAlert)], note: 'Đã báo hợp tác xã' },
    })

    // One new, one already done: the new one is acknowledged and the page says why the other was not.
    const fresh = await seedAlert(consoleApi.test.db, {
      ruleId: await presetRuleId(consoleApi.test.db, ORCHARD, 'salinity', 'critical'),
      sensorId: ORCHARD_SENSOR,
      channel: `${ORCHARD_SENSOR}/2`,
      gatewayId: 'gw-orchard',
      zone: ORCHARD,
      metric: 'salinity',
      severity: 'critical',
      openedAt: new Date('2025-06-04T01:00:00Z'),
      value: 6,
      threshold: 4,
    })
    await browser.get('/console/alerts')
    const mixed = await postPairs(browser, '/console/alerts/ack', [
      ['alertId', String(fresh)],
      ['alertId', String(phAlert)],
    ])
    expect(mixed.statusCode).toBe(200)
    expect(mixed.body).toContain(`<p>Đã xác nhận 1 cảnh báo: #${fresh}.</p>`)
    expect(mixed.body).toContain(`<li>Cảnh báo #${phAlert} đã được ${ACCOUNTS.officer} xác nhận lúc`)
    expect((await getAlert(consoleApi.test.db, SEED, fresh)).acknowledged).toBe(true)
  })
})

describe("an alert's history", () => {
  it('lists opened, cleared and acknowledged with values, who and the note', async () => {
    const browser = await officer()
    const res = await browser.get(`/console/alerts/${phAlert}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`<h1>Cảnh báo #${phAlert}</h1>`)
    expect(res.body).toContain('<dt>Trạng thái</dt><dd>Đã hết lúc 03/06/2025 03:10</dd>')
    const rows = [...res.body.matchAll(/<tr><td data-label="Sự kiện">([^<]+)<\/td>(.*?)<\/tr>/g)]
    expect(rows.map((r) => r[1])).toEqual(['Mở', 'Hết', 'Xác nhận'])
    expect(rows[0]?.[2]).toContain(
      '<td data-label="Thời điểm số đo">03/06/2025 03:00</td><td data-label="Giá trị">9,2 pH</td>',
    )
    expect(rows[1]?.[2]).toContain(
      '<td data-label="Thời điểm số đo">03/06/2025 03:10</td><td data-label="Giá trị">8,4 pH</td>',
    )
    expect(rows[2]?.[2]).toContain(
      `<td data-label="Người thực hiện">${ACCOUNTS.officer}</td><td data-label="Ghi chú">Đã báo hợp tác xã</td>`,
    )
  })

  it.each(['987654', 'abc'])('answers an unknown alert %s with a 404 page', async (id) => {
    const browser = await officer()
    const res = await browser.get(`/console/alerts/${id}`)
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain(`Không có cảnh báo #${id}.`)
  })
})

describe('who may use the alert console', () => {
  it('lets an admin in', async () => {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS.admin)
    const res = await browser.get('/console/alerts?state=all')
    expect(res.statusCode).toBe(200)
    expect(rowIds(res.body).length).toBeGreaterThan(0)
  })

  it('sends a visitor without a session to sign in', async () => {
    const res = await consoleApi.browser().get('/console/alerts?state=all')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(
      `/console/login?next=${encodeURIComponent('/console/alerts?state=all')}`,
    )
  })

  it('refuses a cooperative account, pages and acknowledgement alike, on the server', async () => {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS.cooperative)
    for (const url of ['/console/alerts', `/console/alerts/${doAlert}`]) {
      const res = await browser.get(url)
      expect(res.statusCode).toBe(403)
      expect(res.body).toContain('Không có quyền truy cập')
    }
    const fresh = await seedAlert(consoleApi.test.db, {
      ruleId: await presetRuleId(consoleApi.test.db, POND, 'ph', 'major'),
      sensorId: POND_SENSOR,
      channel: `${POND_SENSOR}/coop`,
      gatewayId: 'gw-pond',
      zone: POND,
      metric: 'ph',
      severity: 'major',
      openedAt: new Date('2025-06-05T01:00:00Z'),
      value: 9.5,
      threshold: 9,
    })
    const res = await browser.post('/console/alerts/ack', { alertId: String(fresh), note: 'không được' })
    expect(res.statusCode).toBe(403)
    expect((await getAlert(consoleApi.test.db, SEED, fresh)).acknowledged).toBe(false)
  })
})
