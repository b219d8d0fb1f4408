// The public map's chart of one area's key metric over its last 30 days, drawn as SVG from the daily-water
// features: the min–max band and the mean of each Vietnamese day, and each limit as a dashed, labelled line
// (dashed and worded, so the red is never the only sign). A day without readings leaves a gap rather than
// being joined over. Small on purpose: no chart library for thirty points.
import { html, svg, type TemplateResult } from 'lit'
import { timeTicks } from './time-ticks.ts'

export interface DayPoint {
  /** YYYY-MM-DD on the Vietnamese calendar. */
  day: string
  min: number
  mean: number
  max: number
}

export interface DayChartInput {
  days: DayPoint[]
  /** The first and last day drawn (YYYY-MM-DD), whether or not they have readings. */
  from: string
  to: string
  limitMin: number | null
  limitMax: number | null
  unit: string
  decimals: number
  lang: 'vi' | 'en'
  /** The chart's accessible name, and the word before a limit's bound ("Giới hạn"). */
  title: string
  limitWord: string
  /** The chart's description: days with readings, then mean, lowest and highest with their units. */
  describe: (days: number, mean: string, lowest: string, highest: string) => string
}

const W = 320
const H = 172
const TOP = 20
const BOTTOM = 130
const RIGHT = W - 6
const CHAR = 6.8
const DAY = 86_400_000
const VN_OFFSET = 7 * 3_600_000

/** The instant a Vietnamese day starts. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - VN_OFFSET

const f = (v: number) => String(Math.round(v * 10) / 10)

export function numberText(lang: 'vi' | 'en', value: number, decimals: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: decimals }).format(
    value,
  )
}

export function withUnit(value: string, unit: string): string {
  return unit ? `${value}\u00a0${unit}` : value
}

/** A date label's anchor at x, so it stays inside the chart near either edge. */
function anchorAt(x: number, chars: number): 'start' | 'middle' | 'end' {
  const half = (chars * CHAR) / 2
  if (x - half < 0) return 'start'
  if (x + half > W) return 'end'
  return 'middle'
}

/** Round ticks (1, 2 or 5 × 10ⁿ) over lo–hi, about four intervals. */
function valueTicks(lo: number, hi: number): { lo: number; hi: number; ticks: number[]; decimals: number } {
  if (hi - lo < 1e-9) {
    const pad = Math.abs(hi) * 0.1 || 1
    lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad
    hi += pad
  }
  const rough = (hi - lo) / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const r = rough / power
  const step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * power
  const first = Math.floor(lo / step + 1e-9)
  const last = Math.ceil(hi / step - 1e-9)
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9))
  const ticks: number[] = []
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)))
  return { lo: first * step, hi: last * step, ticks, decimals }
}

/** Consecutive days as runs: a day without readings breaks the band. */
function runs(days: DayPoint[]): DayPoint[][] {
  const out: DayPoint[][] = []
  let run: DayPoint[] = []
  for (const d of days) {
    const last = run[run.length - 1]
    if (last && dayStart(d.day) - dayStart(last.day) > DAY * 1.5) {
      out.push(run)
      run = []
    }
    run.push(d)
  }
  if (run.length > 0) out.push(run)
  return out
}

/** The chart, or null when no day has a reading. `id` must be unique on the page. */
export function dayChart(input: DayChartInput, id: string): TemplateResult | null {
  const days = [...input.days].sort((a, b) => a.day.localeCompare(b.day))
  if (days.length === 0) return null
  const { lang, unit } = input
  const limits: { op: '≥' | '≤'; value: number }[] = []
  if (input.limitMax !== null) limits.push({ op: '≤', value: input.limitMax })
  if (input.limitMin !== null) limits.push({ op: '≥', value: input.limitMin })
  const values = [...days.flatMap((d) => [d.min, d.max]), ...limits.map((l) => l.value)]
  const span = Math.max(...values) - Math.min(...values)
  // Room above a maximum and below a minimum for their labels; never below zero for a series that is not.
  const floor = Math.min(...values) >= 0 ? 0 : Number.NEGATIVE_INFINITY
  const axis = valueTicks(
    Math.max(floor, Math.min(...values) - span * 0.15),
    Math.max(...values) + span * 0.15,
  )
  const y = (v: number) => BOTTOM - ((v - axis.lo) / (axis.hi - axis.lo)) * (BOTTOM - TOP)
  const yLabels = axis.ticks.map((v) => numberText(lang, v, axis.decimals))
  const left = Math.ceil(Math.max(...yLabels.map((l) => l.length)) * CHAR) + 8
  const t0 = dayStart(input.from)
  const t1 = dayStart(input.to) + DAY
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * (RIGHT - left)
  const xDay = (day: string) => x(dayStart(day) + DAY / 2)

  const grid = axis.ticks.map((v) => `M${left} ${f(y(v))}H${RIGHT}`).join('')
  const data = runs(days).map((run) => {
    if (run.length === 1) {
      const d = run[0]!
      const cx = f(xDay(d.day))
      return svg`<path class="whisker" d="M${cx} ${f(y(d.max))}V${f(y(d.min))}"/><circle class="dot" cx="${cx}" cy="${f(y(d.mean))}" r="2.5"/>`
    }
    const upper = run.map((d) => `${f(xDay(d.day))} ${f(y(d.max))}`)
    const lower = run.map((d) => `${f(xDay(d.day))} ${f(y(d.min))}`).reverse()
    const mean = run.map((d) => `${f(xDay(d.day))} ${f(y(d.mean))}`)
    return svg`<path class="band" d="M${[...upper, ...lower].join('L')}Z"/><path class="mean" d="M${mean.join('L')}"/>`
  })
  const limitMarks = limits.map((l) => {
    const ly = y(l.value)
    const labelY = l.op === '≤' ? ly - 5 : ly + 14
    const words = `${input.limitWord} ${l.op}\u00a0${withUnit(numberText(lang, l.value, input.decimals), unit)}`
    return svg`<path class="limit" d="M${left} ${f(ly)}H${RIGHT}" stroke-dasharray="6 4"/><text class="lim" x="${RIGHT}" y="${f(labelY)}" text-anchor="end">${words}</text>`
  })
  const ticks = timeTicks(t0, t1, RIGHT - left, lang)
  const tickMarks = ticks.map((t) => `M${f(x(t.t))} ${BOTTOM}v4`).join('')
  const dateLabels = ticks.map((t) => {
    const [first, second] = t.label.split('\n')
    const tx = f(x(t.t))
    const anchor = anchorAt(x(t.t), Math.max(first?.length ?? 0, second?.length ?? 0))
    return svg`<text x="${tx}" y="${BOTTOM + 16}" text-anchor="${anchor}">${first}</text>${second ? svg`<text class="yr" x="${tx}" y="${BOTTOM + 30}" text-anchor="${anchor}">${second}</text>` : ''}`
  })

  const stat = (v: number) => withUnit(numberText(lang, v, input.decimals), unit)
  const lowest = Math.min(...days.map((d) => d.min))
  const highest = Math.max(...days.map((d) => d.max))
  const meanOfMeans = days.reduce((sum, d) => sum + d.mean, 0) / days.length
  const desc = input.describe(days.length, stat(meanOfMeans), stat(lowest), stat(highest))
  return html`<svg class="pm-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${input.title}</title><desc id="${id}-d">${desc}</desc><text x="0" y="12">${unit}</text><path class="grid" d="${grid}"/><g text-anchor="end">${axis.ticks.map(
    (v, i) => svg`<text x="${left - 5}" y="${f(y(v) + 4)}">${yLabels[i]}</text>`,
  )}</g>${data}${limitMarks}<path class="axis" d="M${left} ${BOTTOM}H${RIGHT}${tickMarks}"/><g text-anchor="middle">${dateLabels}</g></svg>`
}
