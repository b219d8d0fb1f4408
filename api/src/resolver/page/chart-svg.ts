// A metric's record over the growing window, drawn for a shopper's phone: dates along the bottom, values
// with their unit up the side, the min–max band around the mean, and each limit as a dashed line with its
// words beside it (dashed and labelled, so the red is never the only sign). Time runs along x, so a stretch
// without readings shows as a gap rather than being silently joined up. Server-rendered SVG, no script;
// paths only, no element per point, to keep a page with several metrics light.
import type { EvidenceMetric } from '@zonetrace/contracts'
import { extendAxis, tickLabel, timeTicks, type ValueAxis, valueAxis } from './chart-axes.ts'
import { html, type Markup, raw } from './escape.ts'
import { displayUnit, formatDate, formatNumber } from './format.ts'
import type { PageContext } from './i18n.ts'
import {
  boundText,
  metricDecimals,
  metricName,
  midSentence,
  standardCode,
  withinSentence,
  withUnit,
} from './metric-text.ts'

// viewBox units. The SVG is as wide as its column: 296 px on a 360 px phone, where 12-unit text is 11 px.
export const CHART_WIDTH = 320
export const CHART_HEIGHT = 164
const PLOT_TOP = 22
const PLOT_BOTTOM = 130
const RIGHT = CHART_WIDTH - 6
/** Rough width of a character of the 12-unit text, to lay labels out without measuring them. */
const CHAR = 6.8
/** Height a limit's label needs between its line and the edge of the plot. */
const LABEL_ROOM = 17
const HOUR = 3_600_000

interface Point {
  t: number
  mean: number
  min: number
  max: number
}

function points(metric: EvidenceMetric): Point[] {
  const out: Point[] = []
  for (const p of metric.series) {
    const t = Date.parse(p.t)
    if ([t, p.mean, p.min, p.max].every(Number.isFinite))
      out.push({ t, mean: p.mean, min: p.min, max: p.max })
  }
  return out.sort((a, b) => a.t - b.t)
}

/** The median time between consecutive points: the series' bucket. */
function typicalStep(pts: Point[]): number {
  const steps = pts
    .slice(1)
    .map((p, i) => p.t - pts[i]!.t)
    .sort((a, b) => a - b)
  return steps[Math.floor(steps.length / 2)] ?? 0
}

/** Runs of points without a gap longer than 2.5 typical steps between them. */
function runs(pts: Point[]): Point[][] {
  const typical = typicalStep(pts)
  const out: Point[][] = []
  let run: Point[] = []
  for (const p of pts) {
    const last = run[run.length - 1]
    if (last && typical > 0 && p.t - last.t > 2.5 * typical) {
      out.push(run)
      run = []
    }
    run.push(p)
  }
  if (run.length > 0) out.push(run)
  return out
}

/** Whether a series is daily or hourly buckets, so the chart key can say "daily mean". */
export function seriesBucket(metric: EvidenceMetric): 'day' | 'hour' | null {
  const step = typicalStep(points(metric))
  if (step >= 20 * HOUR && step <= 28 * HOUR) return 'day'
  if (step >= 0.8 * HOUR && step <= 1.2 * HOUR) return 'hour'
  return null
}

/** One decimal of a viewBox unit is finer than any screen shows; more would only weigh the page down. */
function f(v: number): string {
  const r = Math.round(v * 10) / 10
  return r === 0 ? '0' : String(r)
}

interface Limit {
  op: '≥' | '≤'
  value: number
}

function limitsOf(m: EvidenceMetric): Limit[] {
  const out: Limit[] = []
  const { min, max } = m.limits ?? {}
  if (typeof max === 'number' && Number.isFinite(max)) out.push({ op: '≤', value: max })
  if (typeof min === 'number' && Number.isFinite(min)) out.push({ op: '≥', value: min })
  return out
}

const yScale = (axis: ValueAxis) => (v: number) =>
  PLOT_BOTTOM - ((v - axis.lo) / (axis.hi - axis.lo)) * (PLOT_BOTTOM - PLOT_TOP)

/**
 * The value axis over the data and the limits, and for each limit whether its label goes on its outer side
 * (above a maximum, below a minimum: where readings should not be, so usually clear). The axis grows a step
 * to make room there, except below zero for a series that never goes negative: a salinity axis reaching
 * down to -10 ‰ would puzzle anyone; that label sits just inside its line instead.
 */
function axisFor(pts: Point[], limits: Limit[], decimals: number): { axis: ValueAxis; outside: boolean[] } {
  const values = [...pts.flatMap((p) => [p.min, p.max]), ...limits.map((l) => l.value)]
  const nonNegative = values.every((v) => v >= 0)
  let axis = valueAxis(values, decimals)
  const outside = limits.map((l) => {
    const y = yScale(axis)(l.value)
    if (l.op === '≤' && y - PLOT_TOP < LABEL_ROOM) axis = extendAxis(axis, 'up')
    if (l.op === '≥' && PLOT_BOTTOM - y < LABEL_ROOM) {
      if (nonNegative && axis.lo - axis.step < -1e-9) return false
      axis = extendAxis(axis, 'down')
    }
    return true
  })
  return { axis, outside }
}

/** The time span drawn: the growing window, widened to any point outside it, never zero-wide. */
function timeSpan(pts: Point[], window: { from: string; to: string }): [number, number] {
  const t0 = Math.min(pts[0]!.t, Date.parse(window.from) || Number.POSITIVE_INFINITY)
  const t1 = Math.max(pts[pts.length - 1]!.t, Date.parse(window.to) || Number.NEGATIVE_INFINITY)
  return t1 - t0 < HOUR ? [t0 - 12 * HOUR, t1 + 12 * HOUR] : [t0, t1]
}

/** A label at x, anchored so it stays inside the chart near either edge. */
function anchorAt(x: number, chars: number): string {
  const half = (chars * CHAR) / 2
  if (x - half < 0) return ' text-anchor="start"'
  if (x + half > CHART_WIDTH) return ' text-anchor="end"'
  return ''
}

/** The chart, or null when the series has no usable point. `id` must be unique on the page; `hourTicks`
 *  marks whole hours on the time axis when they fit (the console's day-long ranges). */
export function chartSvg(
  m: EvidenceMetric,
  window: { from: string; to: string },
  ctx: PageContext,
  id: string,
  hourTicks = false,
): Markup | null {
  const { s, lang } = ctx
  const pts = points(m)
  if (pts.length === 0) return null
  const limits = limitsOf(m)
  const { axis, outside } = axisFor(pts, limits, metricDecimals(m.metric))
  const y = yScale(axis)
  const yLabels = axis.ticks.map((v) => tickLabel(lang, v, axis.decimals))
  const left = Math.ceil(Math.max(...yLabels.map((l) => l.length)) * CHAR) + 8
  const [t0, t1] = timeSpan(pts, window)
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * (RIGHT - left)

  // Every path below is built from numbers only, so it joins the markup as is; words go through `html`.
  const grid = axis.ticks.map((v) => `M${left} ${f(y(v))}H${RIGHT}`).join('')
  const valueLabels = axis.ticks.map(
    (v, i) => html`<text x="${left - 5}" y="${f(y(v) + 4)}">${yLabels[i]}</text>`,
  )

  const data: string[] = []
  for (const run of runs(pts)) {
    const only = run[0]!
    if (run.length === 1) {
      const cx = f(x(only.t))
      data.push(`<path class="whisker" d="M${cx} ${f(y(only.max))}V${f(y(only.min))}"/>`)
      data.push(`<circle class="dot" cx="${cx}" cy="${f(y(only.mean))}" r="2.5"/>`)
      continue
    }
    const upper = run.map((p) => `${f(x(p.t))} ${f(y(p.max))}`)
    const lower = run.map((p) => `${f(x(p.t))} ${f(y(p.min))}`).reverse()
    data.push(`<path class="band" d="M${[...upper, ...lower].join('L')}Z"/>`)
    data.push(`<path class="mean" d="M${run.map((p) => `${f(x(p.t))} ${f(y(p.mean))}`).join('L')}"/>`)
  }

  const code = standardCode(m.limits?.standard)
  const limitMarks = limits.map((l, i) => {
    const ly = y(l.value)
    const above = l.op === '≤' ? outside[i] : !outside[i]
    const labelY = above ? ly - 5 : ly + 14
    return html`<path class="limit" d="M${left} ${f(ly)}H${RIGHT}" stroke-dasharray="6 4"/><text class="lim" x="${RIGHT}" y="${f(labelY)}" text-anchor="end">${s.limitLabel(
      code,
      boundText(l.op, l.value, m.unit, lang),
    )}</text>`
  })

  const ticks = timeTicks(
    t0,
    t1,
    Math.max(1, Math.floor((RIGHT - left) / (lang === 'vi' ? 50 : 56))),
    lang,
    hourTicks,
  )
  const tickMarks = ticks.map((tick) => `M${f(x(tick.t))} ${PLOT_BOTTOM}v4`).join('')
  const dateLabels = ticks.map((tick) => {
    const tx = f(x(tick.t))
    const anchor = raw(anchorAt(x(tick.t), tick.label.length))
    const year = tick.year
      ? html`<text class="yr" x="${tx}" y="${PLOT_BOTTOM + 30}"${anchor}>${tick.year}</text>`
      : ''
    return html`<text x="${tx}" y="${PLOT_BOTTOM + 16}"${anchor}>${tick.label}</text>${year}`
  })

  const name = metricName(m.metric, lang)
  const stat = (v: number | null) => withUnit(formatNumber(lang, v), m.unit)
  const desc = `${s.chartDesc(name, formatDate(window.from), formatDate(window.to), stat(m.min), stat(m.mean), stat(m.max))} ${withinSentence(m, ctx)}`
  return html`<svg class="chart" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${s.chartTitle(
    midSentence(name),
  )}</title><desc id="${id}-d">${desc}</desc><text x="0" y="12">${displayUnit(m.unit)}</text><path class="grid" d="${grid}"/><g text-anchor="end">${valueLabels}</g>${raw(
    data.join(''),
  )}${limitMarks}<path class="axis" d="M${left} ${PLOT_BOTTOM}H${RIGHT}${tickMarks}"/><g text-anchor="middle">${dateLabels}</g></svg>`
}
