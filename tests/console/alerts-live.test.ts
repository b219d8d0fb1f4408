// The live alert console's server side: the rows fragment `<alert-live>` fetches answers only the table body
// and count of the same filter as the page (with working CSRF tokens in its row forms), refuses what it
// cannot read with a 400, and the area filter is a list of the areas the person may see.
import { provisionGateway } from '@zonetrace/db'
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
import { TEST_ZONE } from '../helpers/fixtures.ts'
import { ACCOUNTS, type ConsoleBrowser, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)

const rowIds = (body: string) => [...body.matchAll(/<tr id="alert-(\d+)">/g)].map((m) => Number(m[1]))

async function officer(): Promise<ConsoleBrowser> {
  const browser = consoleApi.browser()
  await browser.signIn(ACCOUNTS.officer)
  return browser
}

let doAlert: number
let orchardAlert: number

beforeAll(async () => {
  const db = consoleApi.test.db
  await seedPondAndOrchard(db)
  await provisionGateway(db, { id: 'gw-pond', zone: POND, sensors: ['dissolved_oxygen'] })
  await provisionGateway(db, { id: 'gw-orchard', zone: ORCHARD, sensors: ['salinity'] })
  doAlert = await seedAlert(db, {
    ruleId: await presetRuleId(db, POND, 'dissolved_oxygen', 'critical'),
    sensorId: POND_SENSOR,
    gatewayId: 'gw-pond',
    zone: POND,
    metric: 'dissolved_oxygen',
    severity: 'critical',
    openedAt: new Date('2025-06-01T03:00:00Z'),
    value: 2.1,
    threshold: 3,
  })
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

describe('the rows fragment', () => {
  it.each([
    ['', () => [orchardAlert, doAlert]],
    [`zone=${POND}`, () => [doAlert]],
    ['severity=critical', () => [doAlert]],
    ['metric=salinity&state=all', () => [orchardAlert]],
    ['from=2025-06-04', () => []],
  ])('answers only the body and count of the page’s own filter (%s)', async (query, expected) => {
    const browser = await officer()
    const page = await browser.get(`/console/alerts?${query}`)
    expect(page.statusCode).toBe(200)
    // The page names its fragment, for the island to fetch.
    const src = /<alert-live src="([^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&')
    const asked = new URL(src as string, 'http://x')
    expect(asked.pathname).toBe('/console/alerts')
    expect(asked.searchParams.get('fragment')).toBe('rows')
    for (const [key, value] of new URLSearchParams(query)) expect(asked.searchParams.get(key)).toBe(value)
    expect(page.body).toMatch(
      /<script type="module" src="\/console\/dist\/alert-live\.[\w-]+\.js"><\/script>/,
    )

    const res = await browser.get(src as string)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toMatch(
      /^<tbody id="alert-rows" data-open="\d+">.*<\/tbody><p class="note" id="alert-count">/s,
    )
    expect(res.body).not.toContain('<html')
    expect(res.body).not.toContain('<form method="get"')
    expect(rowIds(res.body)).toEqual(expected())
    expect(rowIds(res.body)).toEqual(rowIds(page.body))
    expect(res.body).toContain(`${expected().length} cảnh báo, mới nhất trước`)
    if (expected().length === 0) {
      expect(res.body).toContain(
        '<tr class="empty"><td colspan="7">Không có cảnh báo nào khớp bộ lọc.</td></tr>',
      )
    }
  })

  it('carries a CSRF token in every row form, and the token acknowledges', async () => {
    const browser = await officer()
    await browser.get('/console/alerts')
    const res = await browser.get(`/console/alerts?zone=${ORCHARD}&fragment=rows`)
    const forms = [...res.body.matchAll(/<form method="post" action="([^"]+)">(.*?)<\/form>/g)]
    expect(forms).toHaveLength(1)
    expect(forms[0]?.[1]).toBe(`/console/alerts/ack?state=active&amp;zone=${ORCHARD}`)
    const token = /<input type="hidden" name="_csrf" value="([^"]+)">/.exec(forms[0]?.[2] ?? '')?.[1]
    expect(token).toBeTruthy()
    expect(res.body).toContain(`<input type="hidden" name="alertId" value="${orchardAlert}">`)
    expect(res.body).toContain(
      `<input type="checkbox" name="alertId" value="${orchardAlert}" form="bulk-ack">`,
    )

    // The fragment's own token (the cookie jar remembers it) works as the form's would.
    expect(browser.csrf).toBe(token)
    const ack = await browser.post(`/console/alerts/ack?zone=${ORCHARD}`, {
      alertId: String(orchardAlert),
      note: 'Từ bảng trực tiếp',
    })
    expect(ack.statusCode).toBe(303)
    const after = await browser.get(`/console/alerts?zone=${ORCHARD}&fragment=rows`)
    expect(after.body).toContain('<span class="note">Từ bảng trực tiếp</span>')
    expect(after.body).toContain('data-open="0"')
    expect(after.body).not.toContain('<form method="post"')
  })

  it.each([
    ['severity=loud&fragment=rows', 'Mức độ “loud” không có trong danh sách.'],
    ['state=gone&fragment=rows', 'Trạng thái “gone” không có trong danh sách.'],
    ['metric=noise&fragment=rows', 'Chỉ số “noise” không có trong danh sách.'],
    ['from=2025-02-30&fragment=rows', '“2025-02-30” không phải là một ngày (năm-tháng-ngày).'],
    ['zone=VN-NOWHERE-9&fragment=rows', 'Không có vùng trồng nào mã “VN-NOWHERE-9”.'],
    ['cursor=forged&fragment=rows', 'Liên kết trang này đã cũ; hãy lọc lại từ đầu.'],
    ['fragment=everything', 'Không có phần trang “everything”.'],
    ['fragment=', 'Không có phần trang “”.'],
  ])('refuses %s with a 400 saying why', async (query, message) => {
    const browser = await officer()
    const res = await browser.get(`/console/alerts?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.body).toBe(`<ul class="error"><li>${message}</li></ul>`)
  })

  it('is for officers and admins only, like the page', async () => {
    const coop = consoleApi.browser()
    await coop.signIn(ACCOUNTS.cooperative)
    expect((await coop.get('/console/alerts?fragment=rows')).statusCode).toBe(403)
    const nobody = await consoleApi.browser().get('/console/alerts?fragment=rows')
    expect(nobody.statusCode).toBe(303)
  })
})

describe('the area filter', () => {
  it('lists every area the officer may see by code and name, after "every area"', async () => {
    const browser = await officer()
    const res = await browser.get('/console/alerts')
    const select = /<select id="zone" name="zone">(.*?)<\/select>/s.exec(res.body)?.[1] ?? ''
    const options = [...select.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)]
    expect(options.map((o) => [o[1], o[3]])).toEqual([
      ['', 'Mọi vùng trồng'],
      [ORCHARD, `${ORCHARD} · Vườn bưởi thử nghiệm`],
      [POND, `${POND} · Ao tôm thử nghiệm`],
      [TEST_ZONE, `${TEST_ZONE} · Vùng thử nghiệm`],
    ])
    expect(options[0]?.[2]).toBe(' selected')
    const chosen = await browser.get(`/console/alerts?zone=${POND}`)
    expect(chosen.body).toContain(`<option value="${POND}" selected>${POND} · Ao tôm thử nghiệm</option>`)
  })

  it('refuses an area that is not in the list with a message on the page, and no live island', async () => {
    const browser = await officer()
    const res = await browser.get('/console/alerts?zone=VN-NOWHERE-9')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<li>Không có vùng trồng nào mã “VN-NOWHERE-9”.</li>')
    expect(res.body).not.toContain('<alert-live')
    expect(res.body).not.toContain('alert-live.')
  })

  it('is in English too', async () => {
    const browser = await officer()
    await browser.get('/console/alerts')
    expect((await browser.post('/console/lang', { lang: 'en' })).statusCode).toBe(303)
    const res = await browser.get('/console/alerts')
    expect(res.body).toContain('<option value="" selected>Every growing area</option>')
    expect(res.body).toContain('data-on="Live"')
  })
})
