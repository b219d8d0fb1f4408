// The inline JSON each chart's island starts from: the same buckets the SVG draws, the limits labelled as
// the SVG labels them, and the alert openings and clearings inside the range on that channel.
import { displayUnit, formatNumber, raw, standardCode, strings } from '@zonetrace/api'
import { isMetric, type Lang, METRICS } from '@zonetrace/contracts'
import type { AlertMark } from '@zonetrace/db'
import type { ChartData, ChartMark } from '../../islands/lib/chart-data.ts'
import { type AreaText, areaText } from '../pages/area-text.ts'
import type { ChannelChart } from './charts.ts'
import type { RangeWindow } from './range.ts'

/** The marks of one channel: alerts on its metric for this sensor or the whole area, within the range. */
export function channelMarks(marks: AlertMark[], chart: ChannelChart, range: RangeWindow): ChartMark[] {
  const { channel } = chart
  const inside = (d: Date | null): d is Date =>
    d !== null && d.getTime() >= range.from.getTime() && d.getTime() < range.to.getTime()
  const out: ChartMark[] = []
  for (const m of marks) {
    if (m.metric !== channel.metric || (m.sensorId !== null && m.sensorId !== channel.sensorId)) continue
    if (inside(m.openedAt)) out.push({ t: m.openedAt.getTime(), kind: 'opened', severity: m.severity })
    if (inside(m.clearedAt)) out.push({ t: m.clearedAt.getTime(), kind: 'cleared', severity: m.severity })
  }
  return out.sort((x, y) => x.t - y.t)
}

function limitLabels(lang: Lang, chart: ChannelChart): ChartData['limits'] {
  const limits = chart.metric?.limits
  if (!limits) return []
  const code = standardCode(limits.standard)
  const unit = displayUnit(chart.channel.unit)
  const label = (op: string, v: number) =>
    strings(lang).limitLabel(code, `${op}\u00a0${formatNumber(lang, v)}\u00a0${unit}`)
  const out: ChartData['limits'] = []
  if (typeof limits.max === 'number')
    out.push({ value: limits.max, floor: false, label: label('≤', limits.max) })
  if (typeof limits.min === 'number')
    out.push({ value: limits.min, floor: true, label: label('≥', limits.min) })
  return out
}

export function chartData(
  lang: Lang,
  chart: ChannelChart,
  marks: ChartMark[],
  range: RangeWindow,
  title: string,
): ChartData | null {
  const m = chart.metric
  if (!m || m.series.length === 0) return null
  const a: AreaText = areaText(lang)
  const decimals = isMetric(m.metric) ? METRICS[m.metric].decimals : 2
  // A digit past the probes' own is all a pixel can show; more only weighs the page down.
  const round = (v: number) => Number(v.toFixed(decimals + 1))
  return {
    lang,
    sensorId: chart.channel.sensorId,
    metric: m.metric,
    unit: displayUnit(m.unit),
    decimals,
    title,
    from: range.from.getTime(),
    to: range.to.getTime(),
    bucketSeconds: range.bucketSeconds,
    t: m.series.map((p) => Date.parse(p.t)),
    mean: m.series.map((p) => round(p.mean)),
    min: m.series.map((p) => round(p.min)),
    max: m.series.map((p) => round(p.max)),
    limits: limitLabels(lang, chart),
    marks,
    text: { ...a.chart, timeZone: a.timeZone },
  }
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
export function inlineJson(data: unknown) {
  return raw(JSON.stringify(data).replace(/</g, '\\u003c'))
}
