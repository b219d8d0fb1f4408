// The audit log, for admins: newest first, a page at a time, on the Vietnamese clock.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import type { AuditEntry, Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'

export const AUDIT_PAGE = 50
/** Longer values (a pasted note) are cut here: the row must stay readable. */
const VALUE_MAX = 200

/** The request's fields as `name: value` lines (the form's CSRF token is not worth a line). */
function details(detail: unknown): Markup {
  const { params, body } = (detail ?? {}) as { params?: unknown; body?: unknown }
  const fields = [params, body]
    .filter((part): part is Record<string, unknown> => part !== null && typeof part === 'object')
    .flatMap((part) => Object.entries(part))
    .filter(([key]) => key !== '_csrf')
  return html`${fields.map(([key, value], i) => {
    const text = Array.isArray(value)
      ? value.join(', ')
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
    const shown = text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text
    return html`${i > 0 ? html`<br>` : ''}<span class="note">${key}:</span> ${shown}`
  })}`
}

export function auditMain(lang: Lang, entries: AuditEntry[]): Markup {
  const t = textFor(lang)
  if (entries.length === 0) return html`<h1>${t.audit}</h1><p>${t.noEntries}</p>`
  const last = entries[entries.length - 1]
  return html`<h1>${t.audit}</h1>
<table class="cards"><caption class="note">${t.audit} · ${t.timeZoneNote}</caption>
<thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.action}</th><th scope="col">${t.target}</th><th scope="col">${t.details}</th><th scope="col">${t.from}</th></tr></thead>
<tbody>${entries.map(
    (e) =>
      html`<tr><td data-label="${t.when}">${formatDateTime(e.at)}</td><td data-label="${t.who}">${e.actor}</td><td data-label="${t.action}"><code>${e.action}</code></td><td data-label="${t.target}">${e.target ?? t.none}</td><td data-label="${t.details}">${details(e.detail)}</td><td data-label="${t.from}">${e.address ?? t.none}</td></tr>`,
  )}</tbody></table>
${entries.length === AUDIT_PAGE && last ? html`<p><a href="/console/admin/audit?before=${last.id}">${t.older}</a></p>` : ''}`
}
