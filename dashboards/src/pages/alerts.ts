// The alert console: the filter form, the alerts newest first, each acknowledgeable with a note on its
// row, and several at once with checkboxes, one note and one button. Forms cannot nest, so the row
// checkboxes belong to the bulk form below the table through their `form` attribute: no script needed.
// With script, `<alert-live>` keeps the rows current from the alert stream (alert-rows.ts renders them).
import { html, type Markup } from '@zonetrace/api'
import {
  ACK_NOTE_MAX,
  type AlertView,
  type Lang,
  METRIC_NAMES,
  SEVERITIES,
  type Zone,
} from '@zonetrace/contracts'
import type { AlertFilter } from '@zonetrace/db'
import { type AlertFilterForm, filterQuery, STATE_CHOICES } from '../alerts-filter.ts'
import { textFor } from '../i18n.ts'
import { metricLabel } from './alert-format.ts'
import { alertCount, alertRows } from './alert-rows.ts'
import { type AlertsText, alertsText } from './alerts-text.ts'

export { metricLabel, severityBadge, valueWithUnit } from './alert-format.ts'

export interface AlertsView {
  form: AlertFilterForm
  filter: AlertFilter
  alerts: AlertView[]
  nextCursor: string | null
  csrfToken: string
  /** The areas the person may filter by. */
  zones: Pick<Zone, 'code' | 'name'>[]
  /** False when the filter could not be read: nothing to keep live. */
  live: boolean
  notice?: string
  problems?: string[]
}

function filterForm(lang: Lang, t: AlertsText, form: AlertFilterForm, zones: AlertsView['zones']): Markup {
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`
  const severities = textFor(lang).severity
  return html`<form method="get" action="/console/alerts" class="panel inline" aria-label="${t.filters}">
<div><label for="severity">${t.severity}<span class="hint">${t.severityHint}</span></label><select id="severity" name="severity">${option('', t.anySeverity, form.severity)}${SEVERITIES.map((s) => option(s, severities[s], form.severity))}</select></div>
<div><label for="state">${t.state}</label><select id="state" name="state">${STATE_CHOICES.map((s) => option(s, t.states[s], form.state))}</select></div>
<div><label for="zone">${t.area}</label><select id="zone" name="zone">${option('', t.anyArea, form.zone)}${zones.map((z) => option(z.code, `${z.code} · ${z.name}`, form.zone))}</select></div>
<div><label for="metric">${t.metric}</label><select id="metric" name="metric">${option('', t.anyMetric, form.metric)}${METRIC_NAMES.map((m) => option(m, metricLabel(lang, m), form.metric))}</select></div>
<div><label for="from">${t.from}<span class="hint">${t.dayHint}</span></label><input id="from" name="from" type="date" value="${form.from}"></div>
<div><label for="to">${t.to}</label><input id="to" name="to" type="date" value="${form.to}"></div>
<button type="submit">${t.apply}</button>
</form>`
}

/** Where the live island fetches the rows of this same filter and page. */
export function fragmentHref(form: AlertFilterForm): string {
  return `/console/alerts?${filterQuery(form, { cursor: form.cursor, fragment: 'rows' })}`
}

export function alertsMain(lang: Lang, view: AlertsView): Markup {
  const t = alertsText(lang)
  const common = textFor(lang)
  const action = `/console/alerts/ack?${filterQuery(view.form, { cursor: view.form.cursor })}`
  const anyOpen = view.alerts.some((a) => !a.acknowledged)
  const rows = { ...view, action }
  const list = html`${alertCount(lang, view)}
<table class="cards"><caption class="note">${t.title} · ${common.timeZoneNote}</caption>
<thead><tr><th scope="col">${t.opened}</th><th scope="col">${t.area}</th><th scope="col">${t.metric}</th><th scope="col">${t.valueLimit}</th><th scope="col">${t.severity}</th><th scope="col">${t.state}</th><th scope="col">${t.acked}</th></tr></thead>
${alertRows(lang, rows)}</table>
${view.nextCursor ? html`<p><a href="/console/alerts?${filterQuery(view.form, { cursor: view.nextCursor })}">${t.older}</a></p>` : ''}
<form method="post" action="${action}" id="bulk-ack" class="panel" aria-labelledby="bulk-title"${anyOpen ? '' : html` hidden`}>
<h2 id="bulk-title">${t.bulkTitle}</h2><p class="note">${t.bulkHint}</p>
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<label for="bulk-note">${t.note}<span class="hint">${t.noteHint(ACK_NOTE_MAX)}</span></label><input id="bulk-note" name="note" maxlength="${ACK_NOTE_MAX}" autocomplete="off">
<button type="submit">${t.bulkButton}</button>
</form>`
  const live = t.live
  return html`<h1>${t.title}</h1>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${view.problems?.length ? html`<div class="error" role="alert"><h2>${common.problem}</h2><ul>${view.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
${filterForm(lang, t, view.form, view.zones)}
${
  view.live
    ? html`<alert-live src="${fragmentHref(view.form)}" data-on="${live.on}" data-off="${live.off}" data-new="${live.newAlerts}" data-sound="${live.sound}" data-sound-hint="${live.soundHint}">${list}</alert-live>`
    : list
}`
}
