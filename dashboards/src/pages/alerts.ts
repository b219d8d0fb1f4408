// The alert console: the filter form, the alerts newest first, each acknowledgeable with a note on its
// row, and several at once with checkboxes, one note and one button. Forms cannot nest, so the row
// checkboxes belong to the bulk form below the table through their `form` attribute: no script needed.
import { displayUnit, formatDateTime, formatNumber, html, type Markup } from '@zonetrace/api'
import {
  ACK_NOTE_MAX,
  type AlertView,
  type Lang,
  METRIC_NAMES,
  METRICS,
  SEVERITIES,
} from '@zonetrace/contracts'
import type { AlertFilter } from '@zonetrace/db'
import { type AlertFilterForm, csvHref, filterQuery, STATE_CHOICES } from '../alerts-filter.ts'
import { textFor } from '../i18n.ts'
import { type AlertsText, alertsText } from './alerts-text.ts'

export interface AlertsView {
  form: AlertFilterForm
  filter: AlertFilter
  alerts: AlertView[]
  nextCursor: string | null
  csrfToken: string
  notice?: string
  problems?: string[]
}

export function metricLabel(lang: Lang, metric: string | null): string {
  if (!metric) return '—'
  return metric in METRICS ? METRICS[metric as keyof typeof METRICS].label[lang] : metric
}

export function valueWithUnit(lang: Lang, metric: string | null, value: number | null): string {
  const spec = metric && metric in METRICS ? METRICS[metric as keyof typeof METRICS] : null
  const number = formatNumber(lang, value, spec?.decimals ?? 2)
  return spec && value !== null ? `${number} ${displayUnit(spec.unit)}` : number
}

export function severityBadge(lang: Lang, alert: AlertView): Markup {
  return html`<span class="sev sev-${alert.severity}">${textFor(lang).severity[alert.severity]}</span>`
}

function filterForm(lang: Lang, t: AlertsText, form: AlertFilterForm): Markup {
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`
  const severities = textFor(lang).severity
  return html`<form method="get" action="/console/alerts" class="panel inline" aria-label="${t.filters}">
<div><label for="severity">${t.severity}<span class="hint">${t.severityHint}</span></label><select id="severity" name="severity">${option('', t.anySeverity, form.severity)}${SEVERITIES.map((s) => option(s, severities[s], form.severity))}</select></div>
<div><label for="state">${t.state}</label><select id="state" name="state">${STATE_CHOICES.map((s) => option(s, t.states[s], form.state))}</select></div>
<div><label for="zone">${t.area}<span class="hint">${t.areaHint}</span></label><input id="zone" name="zone" value="${form.zone}" maxlength="128" autocomplete="off"></div>
<div><label for="metric">${t.metric}</label><select id="metric" name="metric">${option('', t.anyMetric, form.metric)}${METRIC_NAMES.map((m) => option(m, metricLabel(lang, m), form.metric))}</select></div>
<div><label for="from">${t.from}<span class="hint">${t.dayHint}</span></label><input id="from" name="from" type="date" value="${form.from}"></div>
<div><label for="to">${t.to}</label><input id="to" name="to" type="date" value="${form.to}"></div>
<button type="submit">${t.apply}</button>
</form>`
}

function ackCell(t: AlertsText, a: AlertView, action: string, csrf: string): Markup {
  if (a.acknowledged) {
    return html`${t.ackBy(a.acknowledgedBy ?? '—', formatDateTime(a.acknowledgedAt))}${a.ackNote ? html`<br><span class="note">${a.ackNote}</span>` : ''}`
  }
  return html`<form method="post" action="${action}"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="alertId" value="${a.id}"><label for="note-${a.id}">${t.note}</label><input id="note-${a.id}" name="note" maxlength="${ACK_NOTE_MAX}" autocomplete="off"><button type="submit">${t.ack}</button></form>`
}

function row(lang: Lang, t: AlertsText, a: AlertView, action: string, csrf: string): Markup {
  const state = a.state === 'cleared' ? t.clearedAt(formatDateTime(a.clearedAt)) : t.states.active
  return html`<tr id="alert-${a.id}">
<td data-label="${t.opened}"><a href="/console/alerts/${a.id}">${formatDateTime(a.openedAt)}</a><br><span class="note">#${a.id}</span>${a.acknowledged ? '' : html`<br><label class="note"><input type="checkbox" name="alertId" value="${a.id}" form="bulk-ack"> ${t.select(a.id)}</label>`}</td>
<td data-label="${t.area}">${a.zone ?? '—'}</td>
<td data-label="${t.metric}">${metricLabel(lang, a.metric)}</td>
<td data-label="${t.valueLimit}">${a.message[lang]}<br><span class="note">${t.value}: ${valueWithUnit(lang, a.metric, a.value)} · ${t.limit}: ${valueWithUnit(lang, a.metric, a.threshold)}</span>${a.historical ? html`<br><span class="note">${t.late}</span>` : ''}</td>
<td data-label="${t.severity}">${severityBadge(lang, a)}</td>
<td data-label="${t.state}">${state}</td>
<td data-label="${t.acked}">${ackCell(t, a, action, csrf)}</td>
</tr>`
}

export function alertsMain(lang: Lang, view: AlertsView): Markup {
  const t = alertsText(lang)
  const common = textFor(lang)
  const action = `/console/alerts/ack?${filterQuery(view.form, { cursor: view.form.cursor })}`
  const anyOpen = view.alerts.some((a) => !a.acknowledged)
  const table =
    view.alerts.length === 0
      ? html`<p>${t.none}</p>`
      : html`<table class="cards"><caption class="note">${t.title} · ${common.timeZoneNote}</caption>
<thead><tr><th scope="col">${t.opened}</th><th scope="col">${t.area}</th><th scope="col">${t.metric}</th><th scope="col">${t.valueLimit}</th><th scope="col">${t.severity}</th><th scope="col">${t.state}</th><th scope="col">${t.acked}</th></tr></thead>
<tbody>${view.alerts.map((a) => row(lang, t, a, action, view.csrfToken))}</tbody></table>`
  return html`<h1>${t.title}</h1>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${view.problems?.length ? html`<div class="error" role="alert"><h2>${common.problem}</h2><ul>${view.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
${filterForm(lang, t, view.form)}
<p class="note">${t.count(view.alerts.length, view.nextCursor !== null)} · ${common.timeZoneNote} · <a href="${csvHref(view.filter)}" download>${t.csv}</a></p>
${table}
${view.nextCursor ? html`<p><a href="/console/alerts?${filterQuery(view.form, { cursor: view.nextCursor })}">${t.older}</a></p>` : ''}
${
  anyOpen
    ? html`<form method="post" action="${action}" id="bulk-ack" class="panel" aria-labelledby="bulk-title">
<h2 id="bulk-title">${t.bulkTitle}</h2><p class="note">${t.bulkHint}</p>
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<label for="bulk-note">${t.note}<span class="hint">${t.noteHint(ACK_NOTE_MAX)}</span></label><input id="bulk-note" name="note" maxlength="${ACK_NOTE_MAX}" autocomplete="off">
<button type="submit">${t.bulkButton}</button>
</form>`
    : ''
}`
}
