// A lot's labels: the issue form (inside <label-issue>, which adds the progress bar), and every batch issued
// with its signing key, marked when that key is revoked, and its downloads: plain GET forms to the API's
// download routes (they take the session cookie; a GET needs no CSRF token), the layout picked beside them.
import { formatDateTime, html, LAYOUT_PRESETS, type Markup, resolveLayout } from '@zonetrace/api'
import { type LabelBatch, type Lang, type Lot, MAX_LABELS_PER_REQUEST } from '@zonetrace/contracts'
import { inputField, noticeOf, selectField } from '../lots/fields.ts'
import { type LotLabelsText, lotLabelsText } from './lot-labels-text.ts'
import { lotPath } from './lots.ts'

export interface LotLabelsView {
  lot: Lot
  batches: LabelBatch[]
  revoked: Set<string>
  csrfToken: string
  notice?: string | undefined
  typed?: { count: string; layout: string } | undefined
  error?: { field: 'count' | 'layout' | 'form'; message: string } | undefined
}

const mm = (n: number) => Math.round(n * 10) / 10

export function layoutOptions(k: LotLabelsText): [string, string][] {
  return LAYOUT_PRESETS.map(({ id }) => {
    const l = resolveLayout(id)
    const w = mm(l.label.width)
    const h = mm(l.label.height)
    return [id, l.kind === 'a4' ? k.a4(l.perPage, w, h) : k.roll(w, h)]
  })
}

function issueForm(lang: Lang, view: LotLabelsView): Markup {
  const k = lotLabelsText(lang)
  const { typed, error } = view
  return html`<label-issue data-busy="${k.busy}" data-elapsed="${k.elapsed}"><form class="panel ws-form" method="post" action="${lotPath(view.lot.id)}/labels" aria-labelledby="issue-title">
<input type="hidden" name="_csrf" value="${view.csrfToken}"><h2 id="issue-title">${k.issue}</h2>
${error?.field === 'form' ? html`<p class="field-error" role="alert">${error.message}</p>` : ''}
${inputField({ id: 'issue-count', name: 'count', label: k.count, hint: k.countHint(MAX_LABELS_PER_REQUEST), value: typed?.count ?? '30', error: error?.field === 'count' ? error.message : undefined, attrs: html` type="number" inputmode="numeric" min="1" max="${MAX_LABELS_PER_REQUEST}" step="1" required` })}
${selectField({ id: 'issue-layout', name: 'layout', label: k.layout, hint: k.layoutHint, value: typed?.layout ?? 'a4-3x5', error: error?.field === 'layout' ? error.message : undefined, options: layoutOptions(k) })}
<button type="submit">${k.doIssue}</button></form></label-issue>`
}

function batchCard(lang: Lang, view: LotLabelsView, b: LabelBatch, options: [string, string][]): Markup {
  const k = lotLabelsText(lang)
  const revoked = view.revoked.has(b.kid)
  const files = `/api/v1/lots/${encodeURIComponent(view.lot.id)}/labels/batches/${b.batchId}`
  const layout = b.layout ?? 'a4-3x5'
  const layoutName = options.find(([id]) => id === layout)?.[1] ?? layout
  const download = revoked
    ? html`<p class="field-error">${k.keyRevoked}</p>`
    : html`<form method="get" action="${files}/labels.pdf" class="ws-download"><input type="hidden" name="lang" value="${lang}">
${selectField({ id: `layout-${b.batchId}`, name: 'layout', label: k.layout, value: layout, options })}
<div class="ws-buttons"><button type="submit">${k.pdf}</button><button type="submit" class="secondary" formaction="${files}/sheet.svg">${k.svg}</button><button type="submit" class="secondary" formaction="${files}/labels.zip">${k.zip}</button></div></form>`
  return html`<li class="lot-card batch${revoked ? ' recalled' : ''}"><dl class="facts"><dt>${k.issuedAt}</dt><dd>${formatDateTime(b.issuedAt)}</dd><dt>${k.labels}</dt><dd>${b.count}</dd><dt>${k.layout}</dt><dd>${layoutName}</dd><dt>${k.kid}</dt><dd><code>${b.kid}</code>${
    revoked ? html` <span class="lot-state recalled">⚠ ${k.revokedBadge}</span>` : ''
  }</dd></dl>${download}</li>`
}

export function lotLabelsMain(lang: Lang, view: LotLabelsView): Markup {
  const k = lotLabelsText(lang)
  const options = layoutOptions(k)
  const recalled = view.lot.disposition === 'recalled'
  return html`<p><a href="${lotPath(view.lot.id)}">← ${k.back}</a></p><h1>${k.title(view.lot.id)}</h1><p class="lead">${k.lead}</p>
${noticeOf(view.notice, undefined, '')}
${recalled ? html`<div class="error" role="status"><p>${k.recalled}</p></div>` : issueForm(lang, view)}
<section aria-labelledby="batches-title"><h2 id="batches-title">${k.batches}</h2><p class="note">${k.batchesLead}</p>${
    view.batches.length === 0
      ? html`<p>${k.none}</p>`
      : html`<ul class="lot-list">${view.batches.map((b) => batchCard(lang, view, b, options))}</ul>`
  }</section>`
}
