// The area page's ranges: custom spans of Vietnamese days parsed and refused in words (400 page, never a
// 500), the bucket rule shared by every range and the chart island's zoom, the island's data inline in the
// page with the alerts opened and cleared inside the range, and the time-axis ticks on the Vietnamese clock.
import { emptyBatch, insertReadings, provisionGateway, setZoneThresholds } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { bucketFor } from '../../dashboards/islands/lib/bucket.ts'
import type { ChartData } from '../../dashboards/islands/lib/chart-data.ts'
import { timeTicks } from '../../dashboards/islands/lib/time-ticks.ts'
import { MAX_CUSTOM_DAYS, bucketFor as pageBucket, parseRange } from '../../dashboards/src/area/range.ts'
import { presetRuleId, seedAlert } from '../alerts/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness({ JOBS: 'off' }), 180_000)
const ZONE = 'VN-TEST-TAMNGAI-01'
const PAGE = `/console/areas/${ZONE}`
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** 10:00 on 7 December 2026 in Vietnam. */
const NOW = new Date('2026-12-07T03:00:00Z')

describe('a custom range of days', () => {
  it('runs from the first day’s Vietnamese midnight to the end of the last, or now when that is today', () => {
    const week = parseRange({ range: 'custom', from: '2026-11-01', to: '2026-11-07' }, NOW)
    expect(week.problem).toBeNull()
    expect(week.window.id).toBe('custom')
    expect(week.window.from.toISOString()).toBe('2026-10-31T17:00:00.000Z')
    expect(week.window.to.toISOString()).toBe('2026-11-07T17:00:00.000Z')
    const today = parseRange({ range: 'custom', from: '2026-12-07', to: '2026-12-07' }, NOW)
    expect(today.problem).toBeNull()
    expect(today.window.from.toISOString()).toBe('2026-12-06T17:00:00.000Z')
    expect(today.window.to).toEqual(NOW)
  })

  it('picks its bucket by the rule of the fixed ranges: at most two points a pixel of the 320-wide chart', () => {
    const cases: [string, string, number][] = [
      ['2026-12-06', '2026-12-06', 300],
      ['2026-11-01', '2026-11-13', 1800],
      ['2026-11-01', '2026-11-14', 3600],
      ['2026-01-01', '2026-12-06', 86_400],
      // Two years: whole days past a day's bucket.
      ['2024-12-07', '2026-12-06', 2 * 86_400],
    ]
    for (const [from, to, bucket] of cases) {
      const { window, problem } = parseRange({ range: 'custom', from, to }, NOW)
      expect(problem, `${from}…${to}`).toBeNull()
      expect(window.bucketSeconds, `${from}…${to}`).toBe(bucket)
      const points = (window.to.getTime() - window.from.getTime()) / 1000 / window.bucketSeconds
      expect(points).toBeLessThanOrEqual(640)
      expect(window.bucketSeconds).toBe(pageBucket((window.to.getTime() - window.from.getTime()) / 1000))
    }
  })

  it('names what is wrong and falls back to the last 24 hours', () => {
    const problem = (q: Record<string, string>) => parseRange(q, NOW).problem
    expect(problem({ range: 'custom', from: '', to: '2026-12-01' })).toBe('missing')
    expect(problem({ range: 'custom', from: '2026-02-30', to: '2026-03-02' })).toBe('badDay')
    expect(problem({ range: 'custom', from: '01/12/2026', to: '2026-12-02' })).toBe('badDay')
    expect(problem({ range: 'custom', from: '2026-12-05', to: '2026-12-01' })).toBe('order')
    expect(problem({ range: 'custom', from: '2026-12-01', to: '2026-12-08' })).toBe('future')
    expect(problem({ range: 'custom', from: '2024-12-05', to: '2026-12-06' })).toBe('tooLong')
    expect(problem({ range: 'custom', from: '2024-12-06', to: '2026-12-06' })).toBeNull()
    expect(MAX_CUSTOM_DAYS).toBe(731)
    expect(problem({ range: 'forever' })).toBe('unknown')
    const refused = parseRange({ range: 'custom', from: '2026-12-05', to: '2026-12-01' }, NOW)
    expect(refused.window.id).toBe('24h')
    expect(refused.form).toEqual({ from: '2026-12-05', to: '2026-12-01' })
  })

  it('shares its bucket steps with the island’s zoom, which goes finer than a minute', () => {
    expect(bucketFor(86_400, 640)).toBe(300)
    expect(bucketFor(3600, 2000)).toBe(10)
    expect(bucketFor(6 * 3600, 2 * 1000)).toBe(15)
    expect(bucketFor(400 * 86_400, 640)).toBe(86_400)
  })
})

describe('time-axis ticks on the Vietnamese clock', () => {
  it('marks whole hours on a day, with the day under the first and each midnight', () => {
    const ticks = timeTicks(NOW.getTime() - DAY, NOW.getTime(), 270, 'vi')
    expect(ticks.map((t) => t.label)).toEqual(['12:00\n06/12', '18:00', '00:00\n07/12', '06:00'])
    // 00:00 in Vietnam is 17:00 UTC the day before.
    expect(new Date(ticks[2]!.t).toISOString()).toBe('2026-12-06T17:00:00.000Z')
    const wide = timeTicks(NOW.getTime() - DAY, NOW.getTime(), 1000, 'vi')
    expect(wide.length).toBeGreaterThan(8)
    expect(wide.every((t) => /^\d\d:00/.test(t.label))).toBe(true)
  })

  it('marks days over a week and months over a year, never crowding a phone', () => {
    expect(timeTicks(NOW.getTime() - 7 * DAY, NOW.getTime(), 270, 'vi').map((t) => t.label)).toEqual([
      '01/12\n2026',
      '03/12',
      '05/12',
      '07/12',
    ])
    const year = timeTicks(NOW.getTime() - 365 * DAY, NOW.getTime(), 270, 'vi').map((t) => t.label)
    expect(year).toEqual(['01/2026', '04/2026', '07/2026', '10/2026'])
    for (const width of [260, 600, 1000]) {
      for (const span of [DAY, 7 * DAY, 30 * DAY, 365 * DAY, 731 * DAY]) {
        const n = timeTicks(NOW.getTime() - span, NOW.getTime(), width, 'vi').length
        expect(n, `${span / DAY} days at ${width} px`).toBeLessThanOrEqual(Math.floor(width / 52))
      }
    }
  })
})

describe('the area page with a custom range', () => {
  beforeAll(async () => {
    const db = consoleApi.test.db
    await provisionGateway(db, {
      id: 'gw-range',
      zone: ZONE,
      sensors: [{ sensorId: 'sal-r', metric: 'salinity' }],
    })
    await setZoneThresholds(db, { cooperativeId: null, subject: 'test' }, ZONE, {
      preset: 'shrimp_pond',
      overrides: [],
    })
    const now = Date.now()
    const b = emptyBatch()
    for (let i = 0; i < 48 * 3; i++) {
      b.time.push(now - 10 * MINUTE - i * 20 * MINUTE)
      b.sensorId.push('sal-r')
      b.metric.push('salinity')
      b.value.push(10 + (i % 7))
      b.quality.push(0)
    }
    await insertReadings(db, b)
    const ruleId = await presetRuleId(db, ZONE, 'salinity', 'major')
    const alert = { sensorId: 'sal-r', gatewayId: 'gw-range', zone: ZONE, ruleId, metric: 'salinity' }
    // One still open (opened 3 h ago), one opened and cleared 10 minutes later, 6 hours ago.
    await seedAlert(db, {
      ...alert,
      severity: 'major',
      openedAt: new Date(now - 3 * HOUR),
      value: 36,
      threshold: 35,
    })
    await seedAlert(db, {
      ...alert,
      severity: 'major',
      state: 'cleared',
      openedAt: new Date(now - 6 * HOUR),
      value: 37,
      threshold: 35,
    })
  })

  async function officer() {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS.officer)
    return browser
  }

  /** The inline JSON each chart's island starts from. */
  function islandData(body: string): ChartData[] {
    return [...body.matchAll(/<sensor-chart><script type="application\/json">(.*?)<\/script>/g)].map(
      (m) => JSON.parse(m[1]!) as ChartData,
    )
  }

  const vnDay = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10)

  it('offers the form with today as the latest day, and loads the chart island', async () => {
    const res = await (await officer()).get(PAGE)
    expect(res.statusCode).toBe(200)
    const today = vnDay(Date.now())
    expect(res.body).toContain(`<form method="get" action="${PAGE}#charts" class="panel inline range-form"`)
    expect(res.body).toContain('<input type="hidden" name="range" value="custom">')
    expect(res.body).toContain(`<input id="range-to" name="to" type="date" max="${today}" value="${today}">`)
    expect(res.body).toContain('Giờ Việt Nam (UTC+7)')
    expect(res.body).toMatch(
      /<script type="module" src="\/console\/dist\/sensor-chart\.[\w-]+\.js"><\/script>/,
    )
    expect(res.body).toMatch(/<link rel="stylesheet" href="\/console\/dist\/sensor-chart\.[\w-]+\.css">/)
  })

  it('draws two days chosen in the form, with the alerts opened and cleared in the island’s data', async () => {
    const from = vnDay(Date.now() - DAY)
    const to = vnDay(Date.now())
    const res = await (await officer()).get(`${PAGE}?range=custom&from=${from}&to=${to}`)
    expect(res.statusCode).toBe(200)
    const dmy = (d: string) => d.split('-').reverse().join('/')
    expect(res.body).toContain(`Đang hiện từ ${dmy(from)} đến hết ${dmy(to)}.`)
    const data = islandData(res.body).find((d) => d.sensorId === 'sal-r')!
    expect(data.metric).toBe('salinity')
    expect(data.unit).toBe('‰')
    expect(data.title).toBe('Biểu đồ độ mặn, cảm biến sal-r')
    expect(data.bucketSeconds).toBe(pageBucket((data.to - data.from) / 1000))
    expect(data.t.length).toBeGreaterThan(50)
    expect(data.t.length).toBe(data.mean.length)
    expect(data.limits.map((l) => [l.value, l.floor])).toEqual([
      [35, false],
      [5, true],
    ])
    expect(data.limits[0]!.label).toBe('ngưỡng QCVN 02-19:2014: ≤\u00a035\u00a0‰')
    expect(data.marks.map((m) => m.kind)).toEqual(['opened', 'cleared', 'opened'])
    const [opened6h, cleared, opened3h] = data.marks
    expect(cleared!.t - opened6h!.t).toBe(10 * MINUTE)
    expect(opened3h!.t - opened6h!.t).toBe(3 * HOUR)
    expect(data.text.timeZone).toBe('Giờ Việt Nam (UTC+7)')
    // The no-script page lists the same times.
    expect(res.body).toContain('2 cảnh báo mở trong khoảng này, lúc:')
    expect(res.body).toContain('1 cảnh báo hết trong khoảng này, lúc:')
  })

  it('refuses a bad span with a 400 page that says why in Vietnamese and keeps the form', async () => {
    const browser = await officer()
    const tomorrow = vnDay(Date.now() + DAY)
    const cases: [string, string][] = [
      ['from=2026-12-05&to=2026-12-01', 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc'],
      [`from=2020-01-01&to=${tomorrow}`, 'Ngày kết thúc không được sau hôm nay'],
      ['from=2020-01-01&to=2023-01-01', 'Khoảng thời gian dài quá 2 năm'],
      ['from=2026-02-30&to=2026-03-02', 'Ngày không hợp lệ'],
      ['from=%3Cscript%3E&to=', 'Hãy chọn cả ngày bắt đầu và ngày kết thúc'],
    ]
    for (const [query, message] of cases) {
      const res = await browser.get(`${PAGE}?range=custom&${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.body, query).toContain(`<p class="lead" role="alert" id="range-problem">${message}`)
      expect(res.body, query).toContain('aria-invalid="true" aria-describedby="range-problem"')
      // The default day is still drawn, so the page is useful as it stands.
      expect(res.body).toContain(`<a href="${PAGE}?range=24h#charts" aria-current="true">`)
    }
    const kept = await browser.get(`${PAGE}?range=custom&from=%3Cscript%3E&to=`)
    expect(kept.body).toContain('value="&lt;script&gt;"')
    expect(kept.body).not.toContain('value="<script>"')
  })

  it('keeps its inline JSON from closing the script element', async () => {
    const body = (await (await officer()).get(PAGE)).body
    for (const [, json] of body.matchAll(/<script type="application\/json">(.*?)<\/script>/g))
      expect(json).not.toContain('<')
  })
})
