// The panel's water record on the public map: the key metric's last 30 Vietnamese days, fetched from the
// public daily-water collection (as any outside client would) and drawn with its limit.
import type { DailyWaterProperties, GrowingAreaProperties } from '@zonetrace/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { type DayPoint, dayChart, numberText, withUnit } from './day-chart.ts'
import type { PublicMapData } from './public-map-data.ts'

export interface AreaFeature {
  id: string
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | null
  properties: GrowingAreaProperties
}

export type Water =
  | { code: string; status: 'loading' }
  | { code: string; status: 'ready'; days: DayPoint[]; limitMin: number | null; limitMax: number | null }
  | { code: string; status: 'failed' }

const DAY = 86_400_000
const VN_OFFSET = 7 * 3_600_000
/** YYYY-MM-DD of the Vietnamese day `back` days before today. */
export const vnDay = (back: number) =>
  new Date(Date.now() + VN_OFFSET - back * DAY).toISOString().slice(0, 10)

/** "{metric} trong 30 ngày qua" with its blanks filled. */
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

export async function fetchWater(code: string, metric: string): Promise<Water> {
  const query = new URLSearchParams({
    f: 'json',
    areaCode: code,
    metric,
    datetime: `${vnDay(30)}/..`,
    limit: '100',
  })
  try {
    const res = await fetch(`/ogc/collections/daily-water/items?${query}`, {
      headers: { accept: 'application/geo+json' },
    })
    if (!res.ok) throw new Error(`daily-water: ${res.status}`)
    const { features } = (await res.json()) as { features: { properties: DailyWaterProperties }[] }
    const rows = features.map((f) => f.properties)
    const days: DayPoint[] = []
    for (const r of rows)
      if (r.min !== null && r.mean !== null && r.max !== null)
        days.push({ day: r.day, min: r.min, mean: r.mean, max: r.max })
    // The limit in force on the latest day: the line drawn is today's rule.
    const latest = rows.reduce<DailyWaterProperties | null>((a, r) => (!a || r.day > a.day ? r : a), null)
    return {
      code,
      status: 'ready',
      days,
      limitMin: latest?.limitMin ?? null,
      limitMax: latest?.limitMax ?? null,
    }
  } catch {
    return { code, status: 'failed' }
  }
}

export function waterChart(
  data: PublicMapData,
  area: AreaFeature,
  water: Water | null,
): TemplateResult | typeof nothing {
  const t = data.text
  const metric = area.properties.keyMetric
  if (!metric) return html`<p class="muted">${t.noKeyMetric}</p>`
  const m = data.metrics[metric] ?? { label: metric, unit: '', decimals: 2 }
  const title = fill(t.chartTitle, { metric: m.label })
  const heading = html`<h3>${title}</h3>`
  if (!water || water.code !== area.id || water.status === 'loading')
    return html`${heading}<p class="muted" aria-busy="true">…</p>`
  if (water.status === 'failed') return html`${heading}<p class="error">${t.loadFailed}</p>`
  const svg = dayChart(
    {
      days: water.days,
      from: vnDay(30),
      to: vnDay(1),
      limitMin: water.limitMin,
      limitMax: water.limitMax,
      unit: m.unit,
      decimals: m.decimals,
      lang: data.lang,
      title,
      limitWord: t.chartKeyLimit,
      describe: (days, mean, lowest, highest) => fill(t.chartDesc, { days, mean, lowest, highest }),
    },
    `pm-chart-${area.id.replace(/[^\w-]/g, '_')}`,
  )
  if (!svg) return html`${heading}<p class="muted">${t.noWater}</p>`
  const hasLimit = water.limitMin !== null || water.limitMax !== null
  const limitText = [
    water.limitMin !== null
      ? `≥\u00a0${withUnit(numberText(data.lang, water.limitMin, m.decimals), m.unit)}`
      : '',
    water.limitMax !== null
      ? `≤\u00a0${withUnit(numberText(data.lang, water.limitMax, m.decimals), m.unit)}`
      : '',
  ]
    .filter(Boolean)
    .join(', ')
  return html`${heading}${svg}<p class="pm-key small"><span><span class="k-mean"></span>${t.chartKeyMean}</span> <span><span class="k-band"></span>${t.chartKeyBand}</span>${
    hasLimit ? html` <span><span class="k-limit"></span>${t.chartKeyLimit} ${limitText}</span>` : nothing
  }</p>`
}
