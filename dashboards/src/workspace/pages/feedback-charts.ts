// The feedback page's two pictures, drawn on the server as SVG (no script, no map tiles): average stars per
// week as bars, and scans as dots on 0.1° cells, sized by how many scans each cell had.
import { formatNumber, html, type Markup } from '@zonetrace/api'
import type { Feedback, Lang, ScanRegions } from '@zonetrace/contracts'
import { vietnamDate, vietnamDayStart } from '@zonetrace/db'
import { showDay } from './expiry.ts'
import type { FeedbackText } from './feedback-text.ts'

const WEEK_MS = 7 * 86_400_000
export const WEEKS_SHOWN = 12

export interface WeekRating {
  /** 'YYYY-MM-DD', the week's first day on the Vietnamese clock. */
  from: string
  count: number
  /** Null for a week without ratings. */
  average: number | null
}

/** The last WEEKS_SHOWN weeks up to `now`, oldest first, each ending on the day `now` falls in. */
export function weeklyRatings(feedback: Feedback[], now: Date): WeekRating[] {
  const end = vietnamDayStart(now.getTime()) + 86_400_000
  return Array.from({ length: WEEKS_SHOWN }, (_, i) => {
    const from = end - (WEEKS_SHOWN - i) * WEEK_MS
    const inWeek = feedback.filter((f) => {
      const t = Date.parse(f.createdAt)
      return t >= from && t < from + WEEK_MS
    })
    const sum = inWeek.reduce((s, f) => s + f.rating, 0)
    return {
      from: vietnamDate(from),
      count: inWeek.length,
      average: inWeek.length ? sum / inWeek.length : null,
    }
  })
}

export function ratingsChart(lang: Lang, t: FeedbackText, weeks: WeekRating[]): Markup {
  const total = weeks.reduce((n, w) => n + w.count, 0)
  if (total === 0) return html`<p>${t.noRatings}</p>`
  const avg = weeks.reduce((s, w) => s + (w.average ?? 0) * w.count, 0) / total
  const [W, H, bar] = [360, 140, 360 / weeks.length]
  const bars = weeks.map((w, i) => {
    if (w.average === null) return ''
    const h = (w.average / 5) * (H - 40)
    const x = i * bar + 3
    return html`<g><title>${t.weekOf(showDay(lang, w.from))}: ${formatNumber(lang, w.average, 1)} ★ (${w.count})</title><rect x="${x}" y="${H - 20 - h}" width="${bar - 6}" height="${h}" fill="#1d70b8"></rect><text x="${x + (bar - 6) / 2}" y="${H - 24 - h}" text-anchor="middle" font-size="11">${formatNumber(lang, w.average, 1)}</text></g>`
  })
  const first = showDay(lang, weeks[0]!.from)
  const last = showDay(lang, weeks[weeks.length - 1]!.from)
  return html`<figure class="hc-chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${t.ratingsChart(weeks.length, total, formatNumber(lang, avg, 1))}"><line x1="0" y1="${H - 20}" x2="${W}" y2="${H - 20}" stroke="#505a5f"></line>${bars}<text x="0" y="${H - 4}" font-size="11">${first}</text><text x="${W}" y="${H - 4}" font-size="11" text-anchor="end">${last}</text></svg></figure>`
}

/** Half a degree around the dots, at least the width of the Mekong Delta, so a few dots are not lost. */
const PAD = 0.5
const MIN_SPAN = 2

function extent(values: number[]): [number, number] {
  const lo = Math.min(...values) - PAD
  const hi = Math.max(...values) + PAD
  const grow = Math.max(0, MIN_SPAN - (hi - lo)) / 2
  return [lo - grow, hi + grow]
}

export function scanDotMap(t: FeedbackText, cells: ScanRegions['cells']): Markup {
  if (cells.length === 0) return html``
  const [south, north] = extent(cells.map((c) => c.lat))
  const [west, east] = extent(cells.map((c) => c.lon))
  const W = 240
  // Degrees of longitude are shorter than of latitude by cos(latitude): about 0.97 this close to the equator.
  const H = Math.min(480, Math.round((W * (north - south)) / ((east - west) * 0.97)))
  const most = Math.max(...cells.map((c) => c.scans))
  const dots = cells.map((c) => {
    const x = ((c.lon - west) / (east - west)) * W
    const y = ((north - c.lat) / (north - south)) * H
    const r = 3 + 9 * Math.sqrt(c.scans / most)
    return html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="#d4351c" fill-opacity="0.6" stroke="#55150b"><title>${c.lat.toFixed(1)}, ${c.lon.toFixed(1)}: ${c.scans}</title></circle>`
  })
  return html`<figure class="hc-dots"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${t.mapLabel(cells.length)}"><rect width="${W}" height="${H}" fill="#f3f2f1" stroke="#b1b4b6"></rect>${dots}</svg><figcaption>${t.mapNote}</figcaption></figure>`
}
