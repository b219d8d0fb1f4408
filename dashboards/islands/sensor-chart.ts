// <sensor-chart>: upgrades one server-drawn SVG chart of the area page into a uPlot canvas (ADR 0010). The
// first draw comes from the inline JSON the page already carries, so it costs no request; dragging across
// the chart (mouse or finger) or the zoom button asks GET /sensors/:id/series for that span in a finer
// bucket (at most two points a pixel, islands/lib/bucket.ts) and redraws; "reset zoom" goes back to the
// page's own data. The SVG stays in the DOM, hidden, as the canvas's description for screen readers.
import { html, LitElement } from 'lit'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import './sensor-chart.css'
import { bucketFor } from './lib/bucket.ts'
import type { ChartData } from './lib/chart-data.ts'
import { drawOverlays } from './lib/chart-overlays.ts'
import { type Buckets, type Columns, columns, fetchBuckets } from './lib/series.ts'
import { clockText, timeTicks } from './lib/time-ticks.ts'

const MEAN = '#1b6e35'
const BAND = 'rgba(46,125,50,0.22)'
const AXIS = '#383f43'
const GRID = '#e3e8e4'
/** A selection narrower than this is a click, not a zoom. */
const MIN_SELECT_PX = 8

export /**
 * Charts are drawn one a frame, in page order: the first is on screen as soon as it can be, and a page of
 * nine year-long charts stays responsive on a slow phone while the rest follow. Until its turn, each chart
 * is the server's SVG.
 */
const drawQueue: (() => void)[] = []
function queueDraw(draw: () => void): void {
  drawQueue.push(draw)
  if (drawQueue.length === 1) requestAnimationFrame(drawNext)
}
function drawNext(): void {
  drawQueue.shift()?.()
  if (drawQueue.length > 0) requestAnimationFrame(drawNext)
}

class SensorChart extends LitElement {
  static override properties = {
    zoomed: { state: true },
    status: { state: true },
    shown: { state: true },
  }

  declare zoomed: boolean
  declare status: string
  declare shown: [number, number]
  private data: ChartData | null = null
  private initial: Columns | null = null
  private plot: uPlot | null = null
  private resize: ResizeObserver | null = null
  private pending: AbortController | null = null
  private descId = ''
  /** The span and bucket of the data drawn now: the page's, or the last zoom's. */
  private loaded: [number, number, number] = [0, 0, 0]

  constructor() {
    super()
    this.zoomed = false
    this.status = ''
    this.shown = [0, 0]
  }

  // Light DOM: the console stylesheet and uPlot's apply, and the server's SVG stays where it is.
  protected override createRenderRoot() {
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    const json = this.querySelector('script[type="application/json"]')
    if (!json?.textContent) return
    this.data = JSON.parse(json.textContent) as ChartData
    this.initial = columns(this.data)
    this.shown = [this.data.from, this.data.to]
    this.loaded = [this.data.from, this.data.to, this.data.bucketSeconds]
    this.descId = this.querySelector('svg desc')?.id ?? ''
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.pending?.abort()
    this.resize?.disconnect()
    this.plot?.destroy()
    this.plot = null
  }

  protected override render() {
    const d = this.data
    if (!d) return html``
    const t = d.text
    const name = `${d.title}. ${t.shown} ${clockText(this.shown[0], d.lang)} – ${clockText(this.shown[1], d.lang)}, ${t.timeZone}.`
    return html`<div class="chart-tools">
        <button type="button" class="secondary" @click=${this.zoomIn}>${t.zoomIn}</button>
        <button type="button" class="secondary" ?hidden=${!this.zoomed} @click=${this.reset}>${t.reset}</button>
        <span class="note" role="status">${this.status}</span>
      </div>
      <div class="chart-canvas" role="img" aria-label=${name} aria-describedby=${this.descId || ''}></div>
      <p class="chart-key note">
        <span><span class="k-mean"></span>${t.mean}</span>
        <span><span class="k-band"></span>${t.band}</span>
        ${d.limits.length > 0 ? html`<span><span class="k-limit"></span>${d.limits.map((l) => l.label).join('; ')}</span>` : ''}
        ${d.marks.some((m) => m.kind === 'opened') ? html`<span><b class="k-opened">▼</b>${t.opened}</span>` : ''}
        ${d.marks.some((m) => m.kind === 'cleared') ? html`<span><b class="k-cleared">▲</b>${t.cleared}</span>` : ''}
        <span>${t.hint}</span>
      </p>`
  }

  protected override firstUpdated() {
    queueDraw(() => this.draw())
  }

  private draw() {
    const d = this.data
    const box = this.querySelector<HTMLElement>('.chart-canvas')
    if (!d || !this.initial || !box || !this.isConnected) return
    this.querySelector('svg')?.classList.add('replaced')
    this.plot = new uPlot(this.options(d, box.clientWidth), this.initial, box)
    this.watchTouch(this.plot)
    this.resize = new ResizeObserver(() => {
      if (this.plot && box.clientWidth > 0) this.plot.setSize(this.size(box.clientWidth))
    })
    this.resize.observe(box)
  }

  private size(width: number) {
    // Taller than wide on no screen, and tall enough on a phone for the plot to read.
    return { width, height: Math.round(Math.min(320, Math.max(280, width * 0.35))) }
  }

  private options(d: ChartData, width: number): uPlot.Options {
    const number = new Intl.NumberFormat(d.lang === 'vi' ? 'vi-VN' : 'en-GB', {
      maximumFractionDigits: d.decimals,
    })
    const font = '12px system-ui, sans-serif'
    return {
      ...this.size(width),
      ms: 1,
      legend: { show: false },
      // Dragging selects a span; this island, not uPlot, decides what to draw for it.
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      scales: {
        x: { time: false, range: (_u, min, max) => [min, max] },
        y: {
          range: (_u, min, max) => {
            const values = [min, max, ...d.limits.map((l) => l.value)].filter(Number.isFinite)
            let lo = Math.min(...values)
            let hi = Math.max(...values)
            const span = hi - lo || Math.abs(hi) * 0.1 || 1
            // Room for each limit's words on its outer side; a little air otherwise.
            const ceiling = d.limits.some((l) => !l.floor && l.value >= hi)
            const floor = d.limits.some((l) => l.floor && l.value <= lo)
            hi += span * (ceiling ? 0.16 : 0.08)
            lo -= span * (floor ? 0.16 : 0.08)
            if (Math.min(min, ...d.limits.map((l) => l.value)) >= 0) lo = Math.max(0, lo)
            return [lo, hi]
          },
        },
      },
      series: [
        {},
        { stroke: MEAN, width: 2, spanGaps: false },
        { stroke: 'transparent', width: 0, spanGaps: false },
        { stroke: 'transparent', width: 0, spanGaps: false },
      ],
      bands: [{ series: [3, 2], fill: BAND }],
      axes: [
        {
          stroke: AXIS,
          font,
          labelFont: font,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1, size: 4 },
          size: 44,
          label: d.text.timeZone,
          labelSize: 18,
          splits: (u, _i, min, max) =>
            timeTicks(min, max, u.bbox.width / devicePixelRatio, d.lang).map((k) => k.t),
          values: (u, splits) => {
            const [min, max] = [u.scales.x?.min ?? 0, u.scales.x?.max ?? 0]
            const labels = new Map(
              timeTicks(min, max, u.bbox.width / devicePixelRatio, d.lang).map((k) => [k.t, k.label]),
            )
            return splits.map((t) => labels.get(t) ?? '')
          },
        },
        {
          stroke: AXIS,
          font,
          labelFont: font,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          label: d.unit,
          labelSize: 18,
          size: (_u, values) => 12 + 7 * Math.max(2, ...(values ?? []).map((v) => String(v).length)),
          values: (_u, splits) => splits.map((v) => number.format(v)),
        },
      ],
      hooks: {
        draw: [(u) => drawOverlays(u, d)],
        setSelect: [(u) => this.selected(u)],
      },
    }
  }

  /** uPlot selects with a mouse only; a horizontal finger drag selects too (vertical still scrolls). */
  private watchTouch(u: uPlot) {
    let start: number | null = null
    const x = (e: TouchEvent) => e.touches[0]!.clientX - u.over.getBoundingClientRect().left
    const height = () => u.over.clientHeight
    u.over.addEventListener(
      'touchstart',
      (e) => {
        start = x(e)
      },
      { passive: true },
    )
    u.over.addEventListener(
      'touchmove',
      (e) => {
        if (start === null) return
        const now = x(e)
        u.setSelect(
          { left: Math.min(start, now), width: Math.abs(now - start), top: 0, height: height() },
          false,
        )
      },
      { passive: true },
    )
    u.over.addEventListener('touchend', () => {
      start = null
      if (u.select.width >= MIN_SELECT_PX) this.selected(u)
    })
  }

  private selected(u: uPlot) {
    const { left, width } = u.select
    if (width < MIN_SELECT_PX) return
    const from = u.posToVal(left, 'x')
    const to = u.posToVal(left + width, 'x')
    u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false)
    void this.zoomTo(from, to)
  }

  /** The middle half of what is shown: the keyboard's way to zoom. */
  private zoomIn = () => {
    const [from, to] = this.shown
    const quarter = (to - from) / 4
    void this.zoomTo(from + quarter, to - quarter)
  }

  private reset = () => {
    const d = this.data
    if (!d || !this.plot || !this.initial) return
    this.pending?.abort()
    this.plot.setData(this.initial, false)
    this.loaded = [d.from, d.to, d.bucketSeconds]
    this.show(d.from, d.to)
    this.zoomed = false
    this.status = ''
  }

  private show(from: number, to: number) {
    this.plot?.setScale('x', { min: from, max: to })
    this.shown = [from, to]
  }

  private async zoomTo(from: number, to: number) {
    const d = this.data
    const u = this.plot
    if (!d || !u || !(to > from)) return
    this.zoomed = true
    this.show(from, to)
    const bucket = bucketFor((to - from) / 1000, 2 * (u.bbox.width / devicePixelRatio))
    const [loadedFrom, loadedTo, loadedBucket] = this.loaded
    // What is drawn already covers the span finely enough: nothing to ask for.
    if (from >= loadedFrom && to <= loadedTo && bucket >= loadedBucket) return
    this.pending?.abort()
    const pending = new AbortController()
    this.pending = pending
    this.status = d.text.loading
    try {
      const finer: Buckets = await fetchBuckets(d.sensorId, d.metric, from, to, bucket, pending.signal)
      if (pending.signal.aborted) return
      this.loaded = [from, to, finer.bucketSeconds]
      u.setData(columns(finer), false)
      this.show(from, to)
      this.status = ''
    } catch {
      if (!pending.signal.aborted) this.status = d.text.failed
    } finally {
      if (this.pending === pending) this.pending = null
    }
  }
}

customElements.define('sensor-chart', SensorChart)
