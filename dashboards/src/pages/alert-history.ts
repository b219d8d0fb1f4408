// One alert and everything that happened to it, oldest first: opened, retriggered, acknowledged (by whom,
// with the note), cleared, each with the reading's value and time where there was one.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import type { AlertWithHistory, Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'
import { metricLabel, severityBadge, valueWithUnit } from './alerts.ts'
import { alertsText } from './alerts-text.ts'

export function alertHistoryMain(lang: Lang, alert: AlertWithHistory): Markup {
  const t = alertsText(lang)
  const common = textFor(lang)
  const fact = (term: string, value: Markup | string) => html`<dt>${term}</dt><dd>${value}</dd>`
  const value = (v: number | null) => valueWithUnit(lang, alert.metric, v)
  return html`<p><a href="/console/alerts">${t.backToList}</a></p>
<h1>${t.alertTitle(alert.id)}</h1>
<p class="lead">${alert.message[lang]}</p>
<dl class="panel facts">
${fact(t.area, alert.zone ?? '—')}
${fact(t.sensor, alert.sensorId ?? alert.gatewayId ?? '—')}
${fact(t.metric, metricLabel(lang, alert.metric))}
${fact(t.severity, severityBadge(lang, alert))}
${fact(t.state, alert.state === 'cleared' ? t.clearedAt(formatDateTime(alert.clearedAt)) : t.states.active)}
${fact(t.opened, formatDateTime(alert.openedAt))}
${fact(t.value, value(alert.value))}
${fact(t.limit, value(alert.threshold))}
${fact(t.peak, value(alert.peakValue))}
${fact(t.triggers, String(alert.triggerCount))}
${fact(t.acked, alert.acknowledged ? t.ackBy(alert.acknowledgedBy ?? '—', formatDateTime(alert.acknowledgedAt)) : t.notAcked)}
${alert.ackNote ? fact(t.note, alert.ackNote) : ''}
${alert.historical ? fact(t.late, '✓') : ''}
</dl>
<h2>${t.history}</h2>
${
  alert.events.length === 0
    ? html`<p>${t.noHistory}</p>`
    : html`<table class="cards"><caption class="note">${t.history} · ${common.timeZoneNote}</caption>
<thead><tr><th scope="col">${t.event}</th><th scope="col">${t.recordedAt}</th><th scope="col">${t.dataTime}</th><th scope="col">${t.value}</th><th scope="col">${t.who}</th><th scope="col">${t.note}</th></tr></thead>
<tbody>${alert.events.map(
        (e) =>
          html`<tr><td data-label="${t.event}">${t.events[e.type]}</td><td data-label="${t.recordedAt}">${formatDateTime(e.at)}</td><td data-label="${t.dataTime}">${formatDateTime(e.dataTime)}</td><td data-label="${t.value}">${value(e.value)}</td><td data-label="${t.who}">${e.actor ?? '—'}</td><td data-label="${t.note}">${e.note ?? '—'}</td></tr>`,
      )}</tbody></table>`
}`
}
