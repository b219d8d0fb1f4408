// Dead letters, for admins: what the broker refused, newest first, filtered by reason and gateway, a page
// at a time. Payloads are shown escaped (the html tag) and cut short: the stored copy can be 16 KiB.
import { formatDateTime, formatNumber, html, type Markup } from '@zonetrace/api'
import { DEAD_LETTER_REASONS, type DeadLetter, type DeadLetterReason, type Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'
import { deadLettersText } from './dead-letters-text.ts'

export const DEAD_LETTERS_PAGE = 50
/** Characters of payload shown in the list; enough to recognise a pack, short enough for a phone. */
const PREVIEW_CHARS = 200

export interface DeadLettersView {
  letters: DeadLetter[]
  reason?: DeadLetterReason
  gatewayId?: string
  problem?: string
}

const preview = (payload: string) =>
  payload.length > PREVIEW_CHARS ? `${payload.slice(0, PREVIEW_CHARS)}…` : payload

/** The filters and the cursor as a query string, so the "older" link keeps the filters. */
function query(view: DeadLettersView, before: number): string {
  const q = new URLSearchParams()
  if (view.reason) q.set('reason', view.reason)
  if (view.gatewayId) q.set('gateway', view.gatewayId)
  q.set('before', String(before))
  return q.toString()
}

function filterForm(lang: Lang, view: DeadLettersView): Markup {
  const d = deadLettersText(lang)
  return html`<form method="get" action="/console/admin/dead-letters" class="panel inline" role="search">
<div><label for="reason">${d.reason}</label><select id="reason" name="reason"><option value="">${d.anyReason}</option>${DEAD_LETTER_REASONS.map(
    (r) => html`<option value="${r}"${r === view.reason ? html` selected` : ''}>${d.reasons[r]}</option>`,
  )}</select></div>
<div><label for="gateway">${d.gateway}<span class="hint">${d.gatewayHint}</span></label><input id="gateway" name="gateway" maxlength="64" value="${view.gatewayId ?? ''}" autocomplete="off"></div>
<button type="submit">${d.filter}</button>${view.reason || view.gatewayId ? html` <a href="/console/admin/dead-letters">${d.clear}</a>` : ''}
</form>`
}

function row(lang: Lang, letter: DeadLetter): Markup {
  const d = deadLettersText(lang)
  const size = d.bytes(formatNumber(lang, letter.payloadSize, 0))
  const notes = [
    size,
    ...(letter.payloadEncoding === 'base64' ? [d.base64] : []),
    ...(letter.truncated ? [d.cut] : []),
  ].join(' · ')
  return html`<tr><td data-label="${d.received}">${formatDateTime(letter.receivedAt)}</td><td data-label="${d.reason}">${d.reasons[letter.reason]}<br><code>${letter.reason}</code></td><td data-label="${d.gateway}">${letter.gatewayId}</td><td data-label="${d.topic}"><code>${letter.topic}</code></td><td data-label="${d.detail}">${letter.detail}${letter.recordIndex === null ? '' : html` (${d.record(letter.recordIndex)})`}</td><td data-label="${d.payload}"><code class="payload">${preview(letter.payload)}</code><br><span class="note">${notes}</span></td></tr>`
}

export function deadLettersMain(lang: Lang, view: DeadLettersView): Markup {
  const t = textFor(lang)
  const d = deadLettersText(lang)
  const last = view.letters.at(-1)
  return html`<h1>${d.title}</h1><p class="lead">${d.lead}</p>
${view.problem ? html`<div class="error" role="alert"><h2>${t.problem}</h2><p>${view.problem}</p></div>` : ''}
${filterForm(lang, view)}
${
  view.letters.length === 0
    ? html`<p>${d.none}</p>`
    : html`<table class="cards"><caption class="note">${d.title} · ${t.timeZoneNote}</caption>
<thead><tr><th scope="col">${d.received}</th><th scope="col">${d.reason}</th><th scope="col">${d.gateway}</th><th scope="col">${d.topic}</th><th scope="col">${d.detail}</th><th scope="col">${d.payload}</th></tr></thead>
<tbody>${view.letters.map((l) => row(lang, l))}</tbody></table>`
}
${view.letters.length === DEAD_LETTERS_PAGE && last ? html`<p><a href="/console/admin/dead-letters?${query(view, last.id)}">${d.older}</a></p>` : ''}`
}
