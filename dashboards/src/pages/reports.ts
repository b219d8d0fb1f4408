// The monthly compliance report page: a GET form (month, one area or all), then one section per area with
// its metrics' share within limits, alerts opened and data coverage. Each section prints as its own A4 page
// (styles.ts: section.report-area breaks before it; the bar and the form are not printed).
import { formatNumber, html, type Markup } from '@zonetrace/api'
import type { Lang, Zone } from '@zonetrace/contracts'
import { type MonthlyMetric, monthlyCoverage, monthlyShare } from '@zonetrace/db'
import { textFor } from '../i18n.ts'
import { metricLabel } from './area-facts.ts'
import { reportsText } from './reports-text.ts'

export interface ReportsView {
  month: string
  zone?: string
  zones: Pick<Zone, 'code' | 'name'>[]
  rows: MonthlyMetric[]
  problem?: string
}

/** A share 0–1 as a percentage to a tenth, rounded down so "almost all" never reads as 100 %. */
export function percentTenths(share: number | null): number | null {
  return share === null ? null : Math.floor(share * 1000 + 1e-9) / 10
}

/** "85 %", or null for no share. */
export const percent = (lang: Lang, share: number | null) => {
  const p = percentTenths(share)
  return p === null ? null : `${formatNumber(lang, p, 1)} %`
}

function filterForm(lang: Lang, view: ReportsView): Markup {
  const r = reportsText(lang)
  const query = new URLSearchParams({ month: view.month, ...(view.zone ? { area: view.zone } : {}) })
  return html`<form method="get" action="/console/reports" class="panel inline" role="search">
<div><label for="month">${r.month}</label><input id="month" name="month" type="month" value="${view.month}" required></div>
<div><label for="area">${r.area}</label><select id="area" name="area"><option value="">${r.allAreas}</option>${view.zones.map(
    (z) =>
      html`<option value="${z.code}"${z.code === view.zone ? html` selected` : ''}>${z.code} · ${z.name}</option>`,
  )}</select></div>
<button type="submit">${r.show}</button>${view.problem ? '' : html` <a href="/console/reports.csv?${query.toString()}">${r.csv}</a> <a href="/console/reports.pdf?${query.toString()}">${r.pdf}</a>`}
</form>`
}

function metricRow(lang: Lang, m: MonthlyMetric): Markup {
  const r = reportsText(lang)
  const share = percent(lang, monthlyShare(m))
  const coverage = percent(lang, monthlyCoverage(m))
  return html`<tr><td data-label="${r.metric}">${metricLabel(m.metric, lang)}</td><td data-label="${r.within}">${share ?? html`<span class="note">${r.noLimits}</span>`}</td><td data-label="${r.readings}">${formatNumber(lang, m.readings, 0)}</td><td data-label="${r.alerts}">${formatNumber(lang, m.alerts, 0)}</td><td data-label="${r.coverage}">${coverage ?? '—'} <span class="note">(${r.days(m.daysWithData, m.daysReported)})</span></td></tr>`
}

function areaSection(
  lang: Lang,
  month: string,
  zone: Pick<Zone, 'code' | 'name'>,
  rows: MonthlyMetric[],
): Markup {
  const r = reportsText(lang)
  return html`<section class="report-area" aria-labelledby="area-${zone.code}"><h2 id="area-${zone.code}">${zone.name} <span class="note">(${zone.code}) · ${r.monthLabel(month)}</span></h2>
<table class="cards"><caption class="note">${r.title} · ${zone.code} · ${r.monthLabel(month)}</caption>
<thead><tr><th scope="col">${r.metric}</th><th scope="col">${r.within}<br><span class="note">${r.withinHint}</span></th><th scope="col">${r.readings}</th><th scope="col">${r.alerts}</th><th scope="col">${r.coverage}<br><span class="note">${r.coverageHint}</span></th></tr></thead>
<tbody>${rows.map((m) => metricRow(lang, m))}</tbody></table></section>`
}

export function reportsMain(lang: Lang, view: ReportsView): Markup {
  const t = textFor(lang)
  const r = reportsText(lang)
  if (view.problem) {
    return html`<h1>${r.title}</h1>${filterForm(lang, view)}<div class="error" role="alert"><h2>${t.problem}</h2><p>${view.problem}</p></div>`
  }
  // One section per area that has rows, in code order (the rows come sorted by area, then metric).
  const areas = [...new Set(view.rows.map((m) => m.zone))].map((code) => ({
    zone: { code, name: view.rows.find((m) => m.zone === code)!.zoneName },
    rows: view.rows.filter((m) => m.zone === code),
  }))
  const alerts = view.rows.reduce((n, m) => n + m.alerts, 0)
  return html`<h1>${r.title} · ${r.monthLabel(view.month)}</h1><p class="lead">${r.lead}</p>
${filterForm(lang, view)}
<p class="note">${r.daysNote}</p>
${
  areas.length === 0
    ? html`<p>${view.zone ? r.noneForArea : r.none}</p>`
    : html`<p class="report-summary">${r.summary(areas.length, formatNumber(lang, alerts, 0))}</p>${areas.map((a) => areaSection(lang, view.month, a.zone, a.rows))}`
}`
}
