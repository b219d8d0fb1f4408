// The area page's charts: the range as plain GET links and a GET form of Vietnamese days, then one
// server-rendered SVG per sensor channel drawn by the consumer page's chartSvg (min–max band, means, dashed
// limit lines with their standard), and under it the times alerts opened and cleared on that channel. Each
// SVG sits inside a <sensor-chart> island with the same data as inline JSON: with script it becomes a
// zoomable canvas with the alerts marked on the time axis; without, the SVG and the lists are the chart.
import {
  chartSvg,
  formatDateTime,
  html,
  type Markup,
  midSentence,
  type PageContext,
  strings,
} from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import type { AlertMark } from '@zonetrace/db'
import type { ChartMark } from '../../islands/lib/chart-data.ts'
import { channelMarks, chartData, inlineJson } from '../area/chart-data.ts'
import type { ChannelChart } from '../area/charts.ts'
import { type ParsedRange, RANGE_IDS, vietnamDay } from '../area/range.ts'
import { metricLabel } from './area-facts.ts'
import { type AreaText, areaText } from './area-text.ts'

/** Alert times listed under a chart; more would be the alert console's job. */
const MAX_MARKS = 10

function stepText(a: AreaText, seconds: number): string {
  if (seconds % 86_400 === 0) return a.days(seconds / 86_400)
  if (seconds % 3600 === 0) return a.hours(seconds / 3600)
  return a.minutes(Math.round(seconds / 60))
}

/** The consumer page's words, with the ones about a lot's growing period said for a console range. */
function chartContext(lang: Lang, a: AreaText, sensorId: string): PageContext {
  const s = strings(lang)
  return {
    lang,
    today: '',
    s: {
      ...s,
      chartTitle: (metric) => a.chartTitle(metric, sensorId),
      withinUnknown: (_metric, limits) => a.limitsAre(limits),
      noLimits: (metric) => a.noLimits(metric),
    },
  }
}

const dayText = (day: string) => day.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1')

function rangeNav(a: AreaText, base: string, parsed: ParsedRange, today: string): Markup {
  const { window, form, problem } = parsed
  const invalid = problem !== null && problem !== 'unknown'
  const attrs = invalid ? html` aria-invalid="true" aria-describedby="range-problem"` : ''
  return html`<nav aria-label="${a.range}" class="ranges"><ul>${RANGE_IDS.map(
    (id) =>
      html`<li><a href="${base}?range=${id}#charts"${id === window.id ? html` aria-current="true"` : ''}>${a.ranges[id]}</a></li>`,
  )}</ul></nav><form method="get" action="${base}#charts" class="panel inline range-form" aria-labelledby="range-custom"><p id="range-custom" class="form-title">${a.custom}<span class="hint">${a.customHint}</span></p><input type="hidden" name="range" value="custom">
<div><label for="range-from">${a.customFrom}</label><input id="range-from" name="from" type="date" max="${today}" value="${form.from}"${attrs}></div>
<div><label for="range-to">${a.customTo}</label><input id="range-to" name="to" type="date" max="${today}" value="${form.to}"${attrs}></div>
<button type="submit">${a.customShow}</button></form>`
}

function alertList(label: (n: number) => string, times: Date[]): Markup | '' {
  if (times.length === 0) return ''
  const shown = times.slice(-MAX_MARKS)
  return html`<p class="note">${label(times.length)} ${shown.map((t) => formatDateTime(t.toISOString())).join('; ')}${times.length > shown.length ? ' …' : ''}</p>`
}

function alertLists(a: AreaText, marks: ChartMark[]): Markup {
  const times = (kind: ChartMark['kind']) => marks.filter((m) => m.kind === kind).map((m) => new Date(m.t))
  return html`${alertList(a.alertsOpened, times('opened'))}${alertList(a.alertsCleared, times('cleared'))}`
}

export function chartsSection(
  lang: Lang,
  code: string,
  charts: ChannelChart[],
  marks: AlertMark[],
  parsed: ParsedRange,
  now: Date,
): Markup {
  const a = areaText(lang)
  const range = parsed.window
  const base = `/console/areas/${encodeURIComponent(code)}`
  const window = { from: range.from.toISOString(), to: range.to.toISOString() }
  const articles = charts.map((chart, i) => {
    const { channel, metric } = chart
    const own = channelMarks(marks, chart, range)
    const ctx = chartContext(lang, a, channel.sensorId)
    const svg = metric && chartSvg(metric, window, ctx, `chart-${i}`, true)
    const label = metricLabel(channel.metric, lang)
    const data = svg && chartData(lang, chart, own, range, a.chartTitle(midSentence(label), channel.sensorId))
    const body = data
      ? html`<sensor-chart><script type="application/json">${inlineJson(data)}</script>${svg}</sensor-chart>`
      : (svg ?? html`<p class="note">${a.noData}</p>`)
    return html`<article class="metric-chart"><h3>${label} · ${channel.sensorId}</h3>${body}${alertLists(a, own)}</article>`
  })
  const shown =
    range.id === 'custom'
      ? html`<p class="note">${a.customShown(dayText(vietnamDay(range.from)), dayText(vietnamDay(new Date(range.to.getTime() - 1))))}</p>`
      : ''
  return html`<section aria-labelledby="charts"><h2 id="charts">${a.charts}</h2>${
    parsed.problem
      ? html`<p class="lead" role="alert" id="range-problem">${a.problems[parsed.problem]}</p>`
      : ''
  }${rangeNav(a, base, parsed, vietnamDay(now))}${shown}<p class="note">${a.bucket(stepText(a, range.bucketSeconds))} ${a.timeZone}.</p>${articles}</section>`
}
