// The audit log, for admins: newest first, a page at a time, on the Vietnamese clock.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import type { AuditEntry, Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'

export const AUDIT_PAGE = 50

export function auditMain(lang: Lang, entries: AuditEntry[]): Markup {
  const t = textFor(lang)
  if (entries.length === 0) return html`<h1>${t.audit}</h1><p>${t.noEntries}</p>`
  const last = entries[entries.length - 1]
  return html`<h1>${t.audit}</h1>
<table class="cards"><caption class="note">${t.audit} · ${t.timeZoneNote}</caption>
<thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.action}</th><th scope="col">${t.target}</th><th scope="col">${t.from}</th></tr></thead>
<tbody>${entries.map(
    (e) =>
      html`<tr><td data-label="${t.when}">${formatDateTime(e.at)}</td><td data-label="${t.who}">${e.actor}</td><td data-label="${t.action}"><code>${e.action}</code></td><td data-label="${t.target}">${e.target ?? t.none}</td><td data-label="${t.from}">${e.address ?? t.none}</td></tr>`,
  )}</tbody></table>
${entries.length === AUDIT_PAGE && last ? html`<p><a href="/console/admin/audit?before=${last.id}">${t.older}</a></p>` : ''}`
}
