// The alert list's rows and its count line, rendered in one place: inside the whole page, and alone as the
// fragment the live island (`<alert-live>`) fetches after each stream event, so both say exactly the same.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import { ACK_NOTE_MAX, type AlertView, type Lang } from '@zonetrace/contracts'
import type { AlertFilter } from '@zonetrace/db'
import { csvHref } from '../alerts-filter.ts'
import { textFor } from '../i18n.ts'
import { metricLabel, severityBadge, valueWithUnit } from './alert-format.ts'
import { type AlertsText, alertsText } from './alerts-text.ts'

export interface RowsView {
  filter: AlertFilter
  alerts: AlertView[]
  nextCursor: string | null
  /** Where the row forms post: the acknowledge route with the list's filter. */
  action: string
  csrfToken: string
}

const COLUMNS = 7

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

/** The table body; an empty list is one row saying so, so the live island always has a body to fill.
 *  `data-open` counts the rows still to acknowledge: the bulk form shows only when there are some. */
export function alertRows(lang: Lang, view: RowsView): Markup {
  const t = alertsText(lang)
  const open = view.alerts.filter((a) => !a.acknowledged).length
  const rows = view.alerts.length
    ? view.alerts.map((a) => row(lang, t, a, view.action, view.csrfToken))
    : html`<tr class="empty"><td colspan="${COLUMNS}">${t.none}</td></tr>`
  return html`<tbody id="alert-rows" data-open="${open}">${rows}</tbody>`
}

/** How many alerts the filter found, the clock they are on, and the CSV of the same filter. */
export function alertCount(lang: Lang, view: Pick<RowsView, 'filter' | 'alerts' | 'nextCursor'>): Markup {
  const t = alertsText(lang)
  const common = textFor(lang)
  return html`<p class="note" id="alert-count">${t.count(view.alerts.length, view.nextCursor !== null)} · ${common.timeZoneNote} · <a href="${csvHref(view.filter)}" download>${t.csv}</a></p>`
}
