// A metric's record over the growing window as a tiny inline SVG: the min–max band, the mean line, and
// the preset's limits dashed across. Time runs along x, so a stretch without readings shows as a gap
// rather than being silently joined up.
import type { EvidenceMetric } from '@zonetrace/contracts'
import { html, type Markup, raw } from './escape.ts'

export const SPARK_WIDTH = 300
export const SPARK_HEIGHT = 64
const PAD = 4

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

/** Runs of points without a gap longer than 2.5 typical steps between them. */
function runs(pts: Point[]): Point[][] {
  const steps = pts
    .slice(1)
    .map((p, i) => p.t - pts[i]!.t)
    .sort((a, b) => a - b)
  const typical = steps[Math.floor(steps.length / 2)] ?? 0
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

function range(values: number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const v of values) {
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  if (hi - lo < 1e-9) {
    const pad = Math.abs(hi) * 0.05 || 1
    lo -= pad
    hi += pad
  }
  return [lo, hi]
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString()

/** The chart, or null when the series has no usable point. */
export function sparklineSvg(
  metric: EvidenceMetric,
  window: { from: string; to: string },
  title: string,
): Markup | null {
  const pts = points(metric)
  const first = pts[0]
  const last = pts[pts.length - 1]
  if (!first || !last) return null
  const limitValues = [metric.limits?.min, metric.limits?.max].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  )
  const [t0, t1] = range([
    Math.min(first.t, Date.parse(window.from) || first.t),
    Math.max(last.t, Date.parse(window.to) || last.t),
  ])
  const [v0, v1] = range([...pts.flatMap((p) => [p.min, p.max, p.mean]), ...limitValues])
  const x = (t: number) => fmt(PAD + ((t - t0) / (t1 - t0)) * (SPARK_WIDTH - 2 * PAD))
  const y = (v: number) => fmt(SPARK_HEIGHT - PAD - ((v - v0) / (v1 - v0)) * (SPARK_HEIGHT - 2 * PAD))

  const shapes: string[] = []
  for (const run of runs(pts)) {
    const only = run[0]
    if (run.length === 1 && only) {
      shapes.push(`<circle class="mean-dot" cx="${x(only.t)}" cy="${y(only.mean)}" r="2"/>`)
      continue
    }
    const upper = run.map((p) => `${x(p.t)} ${y(p.max)}`)
    const lower = run.map((p) => `${x(p.t)} ${y(p.min)}`).reverse()
    shapes.push(`<path class="band" d="M${[...upper, ...lower].join('L')}Z"/>`)
    shapes.push(`<path class="mean" d="M${run.map((p) => `${x(p.t)} ${y(p.mean)}`).join('L')}"/>`)
  }
  for (const v of limitValues) {
    shapes.push(
      `<line class="limit" x1="0" x2="${SPARK_WIDTH}" y1="${y(v)}" y2="${y(v)}" stroke-dasharray="4 3"/>`,
    )
  }
  // Every fragment above is built from numbers only, so it is safe to join into the markup as is.
  const body = shapes.join('')
  return html`<svg class="spark" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" role="img" aria-label="${title}"><title>${title}</title>${raw(body)}</svg>`
}
