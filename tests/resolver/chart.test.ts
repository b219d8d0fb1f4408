// The metric charts on the consumer page (issue 13, "charts a shopper can read"): round value ticks with
// the unit, dates on the Vietnamese calendar, the limit drawn and worded, one plain sentence on how often
// the metric stayed inside it, gaps kept as gaps, nothing broken by odd data, and a light page.
import { gzipSync } from 'node:zlib'
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartSvg,
  type Lang,
  midSentence,
  type PageContext,
  renderConsumerPage,
  standardCode,
  strings,
  tickLabel,
  timeTicks,
  valueAxis,
  withinSentence,
} from '@zonetrace/api'
import type { EvidenceMetric } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { dailySeries, FROM, metric, shrimpMetrics, shrimpView, TO } from './chart-fixtures.ts'

const NOW = new Date('2026-02-03T03:00:00Z')
const WINDOW = { from: FROM, to: TO }
const NB = '\u00a0'
const ctx = (lang: Lang): PageContext => ({ lang, s: strings(lang), today: '2026-02-03' })
const page = (lang: Lang, metrics?: EvidenceMetric[]) =>
  renderConsumerPage(shrimpView(metrics), { lang, now: NOW })

/** The n-th chart of a page. */
function chartOf(html: string, n: number): string {
  const charts = html.match(/<svg class="chart".*?<\/svg>/g) ?? []
  expect(charts.length).toBeGreaterThan(n)
  return charts[n]!
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!)
}

describe('date axis', () => {
  const t0 = Date.parse(FROM)
  const t1 = Date.parse(TO)

  it('puts a two-month window on fortnightly Mondays, Vietnamese midnight, with the year where it starts', () => {
    const ticks = timeTicks(t0, t1, 5, 'vi')
    expect(ticks.map((t) => t.label)).toEqual(['01/12', '15/12', '29/12', '12/01'])
    expect(ticks.map((t) => t.year)).toEqual(['2025', null, null, '2026'])
    // 1 December 2025 00:00 in Vietnam (UTC+7), a Monday.
    expect(ticks[0]!.t).toBe(Date.parse('2025-11-30T17:00:00Z'))
    expect(new Date(ticks[0]!.t + 7 * 3_600_000).getUTCDay()).toBe(1)
    expect(timeTicks(t0, t1, 5, 'en').map((t) => t.label)).toEqual(['1 Dec', '15 Dec', '29 Dec', '12 Jan'])
  })

  it('uses days for a short window, months for a long one, and one tick for less than a day', () => {
    const day = 86_400_000
    expect(timeTicks(t0, t0 + 3 * day, 5, 'vi').map((t) => t.label)).toEqual(['21/11', '22/11', '23/11'])
    const year = timeTicks(Date.parse('2025-01-10T00:00:00Z'), Date.parse('2025-12-20T00:00:00Z'), 5, 'vi')
    expect(year.map((t) => t.label)).toEqual(['01/03', '01/05', '01/07', '01/09', '01/11'])
    expect(year.map((t) => t.year)).toEqual(['2025', null, null, null, null])
    const hours = timeTicks(t0 + 3_600_000, t0 + 5 * 3_600_000, 5, 'vi')
    expect(hours).toHaveLength(1)
    expect(hours[0]!.label).toBe('20/11')
  })
})

describe('value axis', () => {
  it('ticks at round numbers spanning the data and the limit', () => {
    expect(valueAxis([2.67, 7.91, 3.5], 2).ticks).toEqual([2, 4, 6, 8])
    expect(valueAxis([7.21, 8.62, 7, 9], 2).ticks).toEqual([7, 7.5, 8, 8.5, 9])
    expect(valueAxis([11_640, 24_120], 0).ticks).toEqual([10_000, 15_000, 20_000, 25_000])
    for (const v of valueAxis([0.012, 0.3], 3).ticks) expect(v).toBe(Number(v.toFixed(3)))
  })

  it('never ticks finer than the probes resolve, and gives a flat series room', () => {
    const flat = valueAxis([2.57, 2.57], 2)
    expect(flat.lo).toBeLessThan(2.57)
    expect(flat.hi).toBeGreaterThan(2.57)
    expect(flat.step).toBeGreaterThanOrEqual(0.01)
    const zero = valueAxis([0], 2)
    expect(zero.lo).toBe(0)
    expect(zero.hi).toBeGreaterThan(0)
    expect(valueAxis([5, 5.004], 0).step).toBeGreaterThanOrEqual(1)
  })

  it('writes tick labels with a fixed number of decimals, the Vietnamese way on Vietnamese pages', () => {
    expect(tickLabel('vi', 3.5, 1)).toBe('3,5')
    expect(tickLabel('vi', 7, 1)).toBe('7,0')
    expect(tickLabel('vi', 12_000, 0)).toBe('12.000')
    expect(tickLabel('en', 12_000, 0)).toBe('12,000')
    expect(tickLabel('en', -0, 1)).toBe('0.0')
  })
})

describe('metric words', () => {
  it('names the metric mid-sentence without lowering symbols', () => {
    expect(midSentence('Độ mặn')).toBe('độ mặn')
    expect(midSentence('Oxy hòa tan')).toBe('oxy hòa tan')
    expect(midSentence('pH')).toBe('pH')
    expect(midSentence('H₂S')).toBe('H₂S')
  })

  it('shortens a standard to its regulation code, or nothing for free text', () => {
    expect(standardCode('QCVN 02-19:2014/BNNPTNT (brackish shrimp grow-out pond water)')).toBe(
      'QCVN 02-19:2014',
    )
    expect(standardCode('QCVN 08:2023/BTNMT table 2 level A')).toBe('QCVN 08:2023')
    expect(standardCode('field practice (Ben Tre extension centre)')).toBeNull()
  })

  it('says in one plain sentence how often the metric stayed within its limit', () => {
    const [oxygen] = shrimpMetrics()
    expect(withinSentence(oxygen!, ctx('vi'))).toBe(
      `Trong 92% số lần đo, oxy hòa tan nằm trong ngưỡng cho phép (≥${NB}3,5${NB}mg/L).`,
    )
    expect(withinSentence(oxygen!, ctx('en'))).toBe(
      `In 92% of readings, dissolved oxygen was within the permitted limit (≥${NB}3.5${NB}mg/L).`,
    )
    expect(withinSentence({ ...oxygen!, withinShare: null }, ctx('vi'))).toBe(
      `Chưa đủ số liệu để biết oxy hòa tan có nằm trong ngưỡng cho phép (≥${NB}3,5${NB}mg/L) hay không.`,
    )
    expect(withinSentence({ ...oxygen!, limits: null, withinShare: null }, ctx('en'))).toBe(
      'There is no set limit for dissolved oxygen; the chart shows the measured values only.',
    )
  })
})

describe('chart on the consumer page', () => {
  it('draws dates, round values with the unit, and the limit dashed and worded (vi)', () => {
    const svg = chartOf(page('vi'), 0)
    const words = texts(svg)
    expect(words[0]).toBe('mg/L')
    expect(words).toEqual(expect.arrayContaining(['2', '4', '6', '8', '01/12', '15/12', '29/12', '12/01']))
    expect(words).toEqual(expect.arrayContaining(['2025', '2026']))
    expect(words).toContain(`ngưỡng QCVN 02-19:2014: ≥${NB}3,5${NB}mg/L`)
    expect(svg).toMatch(/<path class="limit" d="M[\d.]+ [\d.]+H[\d.]+" stroke-dasharray="6 4"\/>/)
    // Tick labels of one axis share their decimals: "7,0" beside "7,5".
    expect(texts(chartOf(page('vi'), 1))).toEqual(expect.arrayContaining(['pH', '7,0', '7,5', '8,0']))
    expect(texts(chartOf(page('vi'), 1))).toContain(`ngưỡng QCVN 02-19:2014: ≤${NB}9`)
    expect(texts(chartOf(page('vi'), 3))[0]).toBe('°C')
  })

  it('draws them in English on English pages', () => {
    const words = texts(chartOf(page('en'), 0))
    expect(words).toEqual(expect.arrayContaining(['1 Dec', '15 Dec', '29 Dec', '12 Jan', '2025', '2026']))
    expect(words).toContain(`QCVN 02-19:2014 limit: ≥${NB}3.5${NB}mg/L`)
  })

  it('is an image with a title and a summary for screen readers, ids unique on the page', () => {
    const html = page('vi')
    const svg = chartOf(html, 0)
    expect(svg).toContain('role="img" aria-labelledby="chart-0-t chart-0-d"')
    expect(svg).toContain('<title id="chart-0-t">Biểu đồ oxy hòa tan trong thời gian nuôi trồng</title>')
    expect(svg).toContain(
      `<desc id="chart-0-d">Oxy hòa tan từ 20/11/2025 đến 19/01/2026: thấp nhất 2,67${NB}mg/L, trung bình`,
    )
    expect(svg).toContain(
      `Trong 92% số lần đo, oxy hòa tan nằm trong ngưỡng cho phép (≥${NB}3,5${NB}mg/L).</desc>`,
    )
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    // The key to line, band and dashes is said once, in words.
    expect(html.match(/class="chart-key/g)).toHaveLength(1)
    expect(html).toContain('trung bình mỗi ngày')
  })

  it('leaves a stretch without readings as a gap', () => {
    const svg = chartOf(page('vi'), 0)
    expect(svg.match(/<path class="band"/g)).toHaveLength(2)
    const means = [...svg.matchAll(/<path class="mean" d="M([^"]+)"/g)].map((m) =>
      m[1]!.split('L').map((p) => Number(p.split(' ')[0])),
    )
    expect(means).toHaveLength(2)
    const beforeGap = means[0]!.at(-1)!
    const afterGap = means[1]![0]!
    const dayWidth = means[0]![1]! - means[0]![0]!
    expect(afterGap - beforeGap).toBeCloseTo(5 * dayWidth, 0)
  })

  it('stays within the viewBox, with one decimal, and draws paths rather than an element per point', () => {
    const html = page('vi')
    for (let i = 0; i < 6; i++) {
      const svg = chartOf(html, i)
      expect(svg).toContain(`viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"`)
      const numbers = [...svg.matchAll(/ d="([^"]+)"/g)].flatMap((m) => m[1]!.match(/-?[\d.]+/g) ?? [])
      for (const n of numbers) {
        expect(n).toMatch(/^-?\d+(\.\d)?$/)
        expect(Number(n)).toBeGreaterThanOrEqual(0)
        expect(Number(n)).toBeLessThanOrEqual(CHART_WIDTH)
      }
      expect(svg.match(/<(path|circle|line|rect)/g)!.length).toBeLessThanOrEqual(8)
    }
  })

  it('keeps a realistic page of six 60-day metrics under 30 KB gzipped', () => {
    for (const lang of ['vi', 'en'] as const) {
      const html = page(lang)
      expect(html.match(/<svg class="chart"/g)).toHaveLength(6)
      expect(gzipSync(html).length).toBeLessThan(30_000)
    }
  })
})

describe('odd data', () => {
  const base = shrimpMetrics()[0]!
  const render = (m: EvidenceMetric, lang: Lang = 'vi') => chartSvg(m, WINDOW, ctx(lang), 'c')?.html ?? null
  const sane = (svg: string | null) => {
    expect(svg).not.toBeNull()
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
  }

  it('draws one point as a dot with its range', () => {
    const svg = render(metric('ph', 'pH', base.limits, 1, dailySeries(7.8, 0, 0.2, 2, 9).slice(0, 1)))
    sane(svg)
    expect(svg).toContain('<circle class="dot"')
    expect(svg).toContain('<path class="whisker"')
  })

  it('copes with a flat series, a series at zero, and no limits', () => {
    const flat = Array.from({ length: 10 }, (_, i) => ({
      t: new Date(Date.parse(FROM) + i * 86_400_000).toISOString(),
      mean: 0,
      min: 0,
      max: 0,
    }))
    sane(render(metric('salinity', 'ppt', null, null, flat)))
    sane(render(metric('salinity', 'ppt', { min: null, max: null, standard: 'field practice' }, null, flat)))
    const level = flat.map((p) => ({ ...p, mean: 2.57, min: 2.57, max: 2.57 }))
    sane(render(metric('salinity', 'ppt', null, null, level), 'en'))
  })

  it('draws nothing for a series without a usable point', () => {
    const broken = [
      { t: 'not a date', mean: 1, min: 0, max: 2 },
      { t: FROM, mean: Number.NaN, min: 0, max: 1 },
    ]
    expect(render({ ...base, series: broken })).toBeNull()
    expect(render({ ...base, series: [] })).toBeNull()
    expect(page('vi', [{ ...base, series: [], min: null, max: null, mean: null }])).not.toContain(
      'class="chart',
    )
  })

  it('survives limits the wrong way round, a bad window and a one-instant series', () => {
    const crossed = { ...base, limits: { min: 9, max: 3, standard: 'QCVN 02-19:2014/BNNPTNT' } }
    sane(render(crossed))
    sane(chartSvg(base, { from: 'garbage', to: '' }, ctx('vi'), 'c')?.html ?? null)
    const instant = base.series.slice(0, 1)
    sane(
      chartSvg({ ...base, series: instant }, { from: instant[0]!.t, to: instant[0]!.t }, ctx('en'), 'c')!
        .html,
    )
  })
})
