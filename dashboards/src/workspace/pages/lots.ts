// The cooperative's lots, newest harvest first, and the form that creates one. Both work without script:
// the list is links, the form a plain post that comes back with its problems beside the fields.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import type { Lang, Lot, Product, Zone } from '@zonetrace/contracts'
import { textFor } from '../../i18n.ts'
import { inputField, noticeOf, selectField } from '../lots/fields.ts'
import type { LotField, LotForm } from '../lots/lot-form.ts'
import { LOT_UNITS, lotsText, quantityText } from './lots-text.ts'

export const lotPath = (id: string) => `/workspace/lots/${encodeURIComponent(id)}`

export function harvestWindow(lot: Pick<Lot, 'harvestedFrom' | 'harvestedTo'>): string {
  return `${formatDateTime(lot.harvestedFrom)} – ${formatDateTime(lot.harvestedTo)}`
}

export function dispositionBadge(lang: Lang, lot: Pick<Lot, 'disposition'>): Markup {
  const t = lotsText(lang)
  const recalled = lot.disposition === 'recalled'
  return html`<span class="lot-state${recalled ? ' recalled' : ''}">${recalled ? '⚠ ' : ''}${t.disposition[lot.disposition]}</span>`
}

export function lotsMain(lang: Lang, lots: Lot[], products: Product[], notice?: string): Markup {
  const t = lotsText(lang)
  const nameOf = (id: string) => products.find((p) => p.id === id)?.name ?? id
  const items = lots.map(
    (lot) =>
      html`<li class="lot-card${lot.disposition === 'recalled' ? ' recalled' : ''}"><a href="${lotPath(lot.id)}"><strong>${lot.id}</strong> · ${nameOf(lot.productId)}</a>
<p>${quantityText(lang, lot.quantity, lot.unit)} · ${dispositionBadge(lang, lot)}</p>
<p class="note">${t.harvest}: ${harvestWindow(lot)}</p></li>`,
  )
  return html`<h1>${t.title}</h1><p class="lead">${t.lead}</p>${noticeOf(notice, undefined, '')}
<p><a class="button" href="/workspace/lots/new">${t.create}</a></p>
${lots.length === 0 ? html`<p>${t.none}</p>` : html`<ul class="lot-list">${items}</ul>`}`
}

export interface NewLotView {
  form: LotForm
  errors: Partial<Record<LotField, string>>
  products: Product[]
  areas: Zone[]
  csrfToken: string
}

function areaChoice(lang: Lang, view: NewLotView): Markup {
  const t = lotsText(lang)
  const error = view.errors.areaCodes
  const ids = `lot-areas-hint${error ? ' lot-areas-error' : ''}`
  return html`<fieldset class="checks" aria-describedby="${ids}"><legend>${t.areas}</legend><span class="hint" id="lot-areas-hint">${t.areasHint}</span>${
    error ? html`<span class="field-error" id="lot-areas-error">${error}</span>` : ''
  }${view.areas.map(
    (a) =>
      html`<label><input type="checkbox" name="areaCodes" value="${a.code}"${view.form.areaCodes.includes(a.code) ? html` checked` : ''}><span><strong>${a.code}</strong> · ${a.name}</span></label>`,
  )}</fieldset>`
}

export function newLotMain(lang: Lang, view: NewLotView): Markup {
  const t = lotsText(lang)
  const { form, errors } = view
  if (view.products.length === 0 || view.areas.length === 0) {
    const missing = view.products.length === 0 ? t.noProducts : t.noAreas
    const href = view.products.length === 0 ? '/workspace/products' : '/workspace/areas'
    return html`<h1>${t.newTitle}</h1><p class="lead"><a href="${href}">${missing}</a></p>`
  }
  const time = html` type="datetime-local" required`
  return html`<h1>${t.newTitle}</h1><p class="lead">${t.newLead}</p>
<form class="panel ws-form" method="post" action="/workspace/lots/new" aria-label="${t.newTitle}">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
${errors.form ? html`<div class="error" role="alert"><h2>${textFor(lang).problem}</h2><p>${errors.form}</p></div>` : ''}
${selectField({
  id: 'lot-product',
  name: 'productId',
  label: t.product,
  value: form.productId,
  error: errors.productId,
  options: [['', '—'], ...view.products.map((p) => [p.id, `${p.name} (${p.gtin})`] as const)],
})}
${areaChoice(lang, view)}
${inputField({ id: 'lot-from', name: 'harvestedFrom', label: t.harvestFrom, hint: t.timeHint, value: form.harvestedFrom, error: errors.harvestedFrom, attrs: time })}
${inputField({ id: 'lot-to', name: 'harvestedTo', label: t.harvestTo, hint: t.timeHint, value: form.harvestedTo, error: errors.harvestedTo, attrs: time })}
<div class="inline">${inputField({ id: 'lot-quantity', name: 'quantity', label: t.quantity, value: form.quantity, error: errors.quantity, attrs: html` inputmode="decimal" autocomplete="off" required` })}
${selectField({ id: 'lot-unit', name: 'unit', label: t.unit, value: form.unit, error: errors.unit, options: LOT_UNITS.map((u) => [u, t.units[u] ?? u] as const) })}</div>
${inputField({ id: 'lot-id', name: 'id', label: t.lotId, hint: t.lotIdHint, value: form.id, error: errors.id, attrs: html` maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" required` })}
<div><label for="lot-note">${t.note}<span class="hint" id="lot-note-hint">${t.noteHint}</span></label>${
    errors.note ? html`<span class="field-error" id="lot-note-error">${errors.note}</span>` : ''
  }<textarea id="lot-note" name="note" rows="3" maxlength="500" aria-describedby="lot-note-hint${errors.note ? ' lot-note-error' : ''}">${form.note}</textarea></div>
<button type="submit">${t.save}</button>
</form>
<p><a href="/workspace/lots">${t.cancel}</a></p>`
}
