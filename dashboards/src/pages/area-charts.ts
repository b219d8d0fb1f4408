// The area page's charts: the range as plain GET links, then one server-rendered SVG per sensor channel
// drawn by the consumer page's chartSvg (min–max band, means, dashed limit lines with their standard), and
// under it the times alerts opened on that channel within the range.
import { chartSvg, formatDateTime, html, type Markup, type PageContext, strings } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import type { AlertMark } from '@zonetrace/db'
import type { ChannelChart } from '../area/charts.ts'
import { RANGE_IDS, type RangeWindow } from '../area/range.ts'
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

function rangeNav(a: AreaText, code: string, range: RangeWindow): Markup {
  const base = `/console/areas/${encodeURIComponent(code)}`
  return html`<nav aria-label="${a.range}" class="ranges"><ul>${RANGE_IDS.map(
    (id) =>
      html`<li><a href="${base}?range=${id}#charts"${id === range.id ? html` aria-current="true"` : ''}>${a.ranges[id]}</a></li>`,
  )}</ul></nav>`
}

function alertList(a: AreaText, marks: AlertMark[]): Markup | '' {
  if (marks.length === 0) return ''
  const shown = marks.slice(-MAX_MARKS)
  return html`<p class="note">${a.alertsOpened(marks.length)} ${shown.map((m) => formatDateTime(m.openedAt.toISOString())).join('; ')}${marks.length > shown.length ? ' …' : ''}</p>`
}

export function chartsSection(
  lang: Lang,
  code: string,
  charts: ChannelChart[],
  marks: AlertMark[],
  range: RangeWindow,
  badRange: boolean,
): Markup {
  const a = areaText(lang)
  const window = { from: range.from.toISOString(), to: range.to.toISOString() }
  const articles = charts.map(({ channel, metric }, i) => {
    const own = marks.filter(
      (m) => m.metric === channel.metric && (m.sensorId === null || m.sensorId === channel.sensorId),
    )
    const svg = metric && chartSvg(metric, window, chartContext(lang, a, channel.sensorId), `chart-${i}`)
    return html`<article class="metric-chart"><h3>${metricLabel(channel.metric, lang)} · ${channel.sensorId}</h3>${
      svg ?? html`<p class="note">${a.noData}</p>`
    }${alertList(a, own)}</article>`
  })
  return html`<section aria-labelledby="charts"><h2 id="charts">${a.charts}</h2>${
    badRange ? html`<p class="lead" role="alert">${a.badRange}</p>` : ''
  }${rangeNav(a, code, range)}<p class="note">${a.bucket(stepText(a, range.bucketSeconds))}</p>${articles}</section>`
}
