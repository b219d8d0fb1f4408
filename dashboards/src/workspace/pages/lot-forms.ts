// The forms on a lot's page: record an event, split, merge, and the button that leads to the recall's
// confirmation. Each posts without script; a refused one comes back open with what was typed and why.
import { html, type Markup } from '@zonetrace/api'
import { type Lang, LOT_BIZ_STEPS, type Lot } from '@zonetrace/contracts'
import { inputField, selectField } from '../lots/fields.ts'
import { toVietnamLocal } from '../lots/vietnam-time.ts'
import { type LotText, lotText } from './lot-text.ts'
import { lotsText, quantityText } from './lots-text.ts'

/** Steps a cooperative records by hand; commissioning is the lot's creation, recalls have their own page. */
export const EVENT_STEPS = LOT_BIZ_STEPS.filter((s) => s !== 'commissioning')

export type LotFormName = 'event' | 'split' | 'merge'
export interface LotRefusal {
  form: LotFormName
  message: string
  typed: Record<string, unknown>
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const arr = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => str(x)) : typeof v === 'string' ? [v] : []
const path = (lot: Lot, what: string) => `/workspace/lots/${encodeURIComponent(lot.id)}/${what}`

function problem(refused: LotRefusal | undefined, form: LotFormName, id: string): Markup {
  return refused?.form === form
    ? html`<p class="field-error" role="alert" id="${id}">${refused.message}</p>`
    : html``
}

export function eventForm(
  lang: Lang,
  lot: Lot,
  csrf: string,
  stepNames: Record<string, string>,
  refused?: LotRefusal,
): Markup {
  const t = lotText(lang)
  const typed = refused?.form === 'event' ? refused.typed : {}
  // A recalled lot may still be inspected (stock held back), nothing else: addLotEvent refuses the rest.
  const steps = lot.disposition === 'recalled' ? (['inspecting'] as const) : EVENT_STEPS
  return html`<form class="panel ws-form" method="post" action="${path(lot, 'events')}" aria-labelledby="add-event">
<input type="hidden" name="_csrf" value="${csrf}">
<h2 id="add-event">${t.addEvent}</h2>${problem(refused, 'event', 'event-problem')}
${selectField({ id: 'event-step', name: 'bizStep', label: t.step, value: str(typed.bizStep, 'inspecting'), options: steps.map((s) => [s, stepNames[s] ?? s] as const) })}
${inputField({ id: 'event-time', name: 'time', label: t.time, hint: t.timeHint, value: str(typed.time, toVietnamLocal(new Date())), attrs: html` type="datetime-local" required` })}
${inputField({ id: 'event-place', name: 'place', label: t.place, hint: t.placeHint, value: str(typed.place, lot.areaCodes[0] ?? ''), attrs: html` maxlength="200" autocomplete="off"` })}
${inputField({ id: 'event-note', name: 'note', label: t.eventNote, value: str(typed.note), attrs: html` maxlength="500" autocomplete="off"` })}
<button type="submit">${t.record}</button></form>`
}

function splitRows(t: LotText, lot: Lot, typed: Record<string, unknown>): Markup {
  const ids = arr(typed.partId)
  const quantities = arr(typed.partQuantity)
  const half = Math.round((lot.quantity / 2) * 1000) / 1000
  const suggested = [`${lot.id.slice(0, 18)}-1`, `${lot.id.slice(0, 18)}-2`, '']
  return html`${[0, 1, 2].map(
    (i) =>
      html`<fieldset class="split-part"><legend>${t.part(i + 1)}</legend><div class="inline">${inputField({
        id: `split-id-${i}`,
        name: 'partId',
        label: t.partId,
        value: ids.length ? (ids[i] ?? '') : (suggested[i] ?? ''),
        attrs: html` maxlength="20" autocomplete="off" spellcheck="false"`,
      })}${inputField({
        id: `split-quantity-${i}`,
        name: 'partQuantity',
        label: t.partQuantity,
        value: quantities.length ? (quantities[i] ?? '') : i < 2 ? String(half) : '',
        attrs: html` inputmode="decimal" autocomplete="off"`,
      })}</div></fieldset>`,
  )}`
}

export function splitForm(lang: Lang, lot: Lot, csrf: string, refused?: LotRefusal): Markup {
  const t = lotText(lang)
  const open = refused?.form === 'split'
  return html`<details class="panel ws-more"${open ? html` open` : ''}><summary>${t.split}</summary>
<form method="post" action="${path(lot, 'split')}" class="ws-form">
<input type="hidden" name="_csrf" value="${csrf}"><p class="hint">${t.splitLead(quantityText(lang, lot.quantity, lot.unit))}</p>
${problem(refused, 'split', 'split-problem')}${splitRows(t, lot, open ? refused.typed : {})}
<button type="submit">${t.doSplit}</button></form></details>`
}

export function mergeForm(
  lang: Lang,
  lot: Lot,
  mergeable: Lot[],
  csrf: string,
  suggestedId: string,
  refused?: LotRefusal,
): Markup {
  const t = lotText(lang)
  const open = refused?.form === 'merge'
  const typed = open ? refused.typed : {}
  const chosen = arr(typed.inputs)
  const body =
    mergeable.length === 0
      ? html`<p>${t.noMergeCandidates}</p>`
      : html`<form method="post" action="${path(lot, 'merge')}" class="ws-form">
<input type="hidden" name="_csrf" value="${csrf}"><p class="hint">${t.mergeLead}</p>${problem(refused, 'merge', 'merge-problem')}
<fieldset class="checks"><legend>${t.mergeWith}</legend>${mergeable.map(
          (l) =>
            html`<label><input type="checkbox" name="inputs" value="${l.id}"${chosen.includes(l.id) ? html` checked` : ''}><span><strong>${l.id}</strong> · ${quantityText(lang, l.quantity, l.unit)}</span></label>`,
        )}</fieldset>
${inputField({ id: 'merge-id', name: 'id', label: t.mergeId, hint: lotsText(lang).lotIdHint, value: str(typed.id, suggestedId), attrs: html` maxlength="20" autocomplete="off" spellcheck="false" required` })}
<button type="submit">${t.doMerge}</button></form>`
  return html`<details class="panel ws-more"${open ? html` open` : ''}><summary>${t.merge}</summary>${body}</details>`
}

export function recallEntry(lang: Lang, lot: Lot): Markup {
  const t = lotText(lang)
  return html`<section class="panel ws-panel" aria-labelledby="recall-title"><h2 id="recall-title">${t.recall}</h2><p class="hint">${t.recallLead}</p>
<p><a class="button warning" href="${path(lot, 'recall')}">${t.recallButton}</a></p></section>`
}
