// A lot's page: its facts and lineage, the way to its labels and consumer page, its timeline of EPCIS
// events (either way round), the forms that add to it, and the sensor evidence drawn by the consumer
// page's own evidenceSection, so the cooperative sees the charts a shopper sees.
import { evidenceSection, formatDateTime, html, type Markup, type PageContext, strings } from '@zonetrace/api'
import type { Lang, Lot, LotEvent } from '@zonetrace/contracts'
import { vietnamDate } from '@zonetrace/db'
import { textFor } from '../../i18n.ts'
import { noticeOf } from '../lots/fields.ts'
import type { LotView } from '../lots/lot-view.ts'
import { eventForm, type LotRefusal, mergeForm, recallEntry, splitForm } from './lot-forms.ts'
import { lotText } from './lot-text.ts'
import { dispositionBadge, harvestWindow, lotPath } from './lots.ts'
import { lotsText, quantityText } from './lots-text.ts'

export type TimelineOrder = 'newest' | 'oldest'

export interface LotPageView extends LotView {
  csrfToken: string
  order: TimelineOrder
  suggestedId: string
  notice?: string | undefined
  refused?: LotRefusal | undefined
}

const lotLinks = (ids: string[]) =>
  html`${ids.map((id, i) => html`${i ? ', ' : ''}<a href="${lotPath(id)}">${id}</a>`)}`

function facts(lang: Lang, view: LotPageView): Markup {
  const t = lotText(lang)
  const l = lotsText(lang)
  const { lot } = view
  const row = (dt: string, dd: Markup | string) => html`<dt>${dt}</dt><dd>${dd}</dd>`
  return html`<dl class="facts">${row(l.product, view.product ? `${view.product.name} (${view.product.gtin})` : lot.productId)}${row(
    l.quantity,
    quantityText(lang, lot.quantity, lot.unit),
  )}${row(l.harvest, harvestWindow(lot))}${row(t.areas, lot.areaCodes.join(', '))}${row(l.state, dispositionBadge(lang, lot))}${
    lot.recalledAt ? row(t.recalledAt, formatDateTime(lot.recalledAt)) : ''
  }${lot.recallReason ? row(t.recallReason, lot.recallReason) : ''}${lot.note ? row(t.note, lot.note) : ''}</dl>`
}

function lineage(lang: Lang, lot: Lot): Markup {
  const t = lotText(lang)
  const none = lot.parents.length === 0 && lot.children.length === 0
  return html`<section aria-labelledby="lineage-title"><h2 id="lineage-title">${t.lineage}</h2>${
    none
      ? html`<p class="note">${t.noLineage}</p>`
      : html`<dl class="facts">${lot.parents.length ? html`<dt>${t.parents}</dt><dd>${lotLinks(lot.parents)}</dd>` : ''}${
          lot.children.length ? html`<dt>${t.children}</dt><dd>${lotLinks(lot.children)}</dd>` : ''
        }</dl>`
  }</section>`
}

function eventItem(lang: Lang, e: LotEvent): Markup {
  const t = lotText(lang)
  const step = strings(lang).bizStep[e.bizStep] ?? e.bizStep
  return html`<li><time datetime="${e.time}">${formatDateTime(e.time)}</time> <strong>${step}</strong>${e.place ? html` · ${e.place}` : ''}${
    e.disposition ? html` · ${lotsText(lang).disposition[e.disposition]}` : ''
  }${e.note ? html`<p>${e.note}</p>` : ''}${
    e.inputLots.length || e.outputLots.length
      ? html`<p class="note">${e.inputLots.length ? html`${t.from} ${lotLinks(e.inputLots)}` : ''}${e.inputLots.length && e.outputLots.length ? ' → ' : ''}${
          e.outputLots.length ? html`${t.into} ${lotLinks(e.outputLots)}` : ''
        }</p>`
      : ''
  }</li>`
}

function timeline(lang: Lang, view: LotPageView): Markup {
  const t = lotText(lang)
  const events = view.order === 'newest' ? [...view.events].reverse() : view.events
  const here = lotPath(view.lot.id)
  const orderLink = (order: TimelineOrder, label: string) =>
    order === view.order
      ? html`<a href="${here}?order=${order}#timeline-title" aria-current="true">${label}</a>`
      : html`<a href="${here}?order=${order}#timeline-title">${label}</a>`
  return html`<section aria-labelledby="timeline-title"><h2 id="timeline-title">${t.timeline}</h2>
<p class="ranges ws-order">${orderLink('newest', t.newestFirst)} ${orderLink('oldest', t.oldestFirst)} <span class="note">${textFor(lang).timeZoneNote}</span></p>${
    events.length
      ? html`<ol class="timeline ws-timeline">${events.map((e) => eventItem(lang, e))}</ol>`
      : html`<p>${t.noEvents}</p>`
  }</section>`
}

function preview(lang: Lang, view: LotPageView): Markup {
  const t = lotText(lang)
  const labels = `${lotPath(view.lot.id)}/labels`
  return html`<section class="panel ws-panel" aria-labelledby="preview-title"><h2 id="preview-title">${t.labels}</h2>
<p><a class="button" href="${labels}">${t.labelsLink(view.batches.length)}</a></p>
<h3>${t.preview}</h3>${
    view.previewPath
      ? html`<p class="hint">${t.previewLead}</p><p><a class="button secondary" href="${view.previewPath}" target="_blank" rel="noopener">${t.previewLink}</a></p>`
      : html`<p class="note">${t.previewNeedsLabels}</p>`
  }</section>`
}

function evidence(lang: Lang, view: LotPageView): Markup {
  const ctx: PageContext = { lang, s: strings(lang), today: vietnamDate(Date.now()) }
  return html`<div class="ws-evidence"><p class="note">${lotText(lang).evidenceLead}</p>${evidenceSection(view.evidence, ctx)}</div>`
}

export function lotMain(lang: Lang, view: LotPageView): Markup {
  const t = lotText(lang)
  const { lot, csrfToken: csrf, refused } = view
  const recalled = lot.disposition === 'recalled'
  const steps = strings(lang).bizStep
  return html`<p><a href="/workspace/lots">← ${lotsText(lang).backToLots}</a></p>
<h1>${t.title(lot.id)}</h1>${noticeOf(view.notice, undefined, '')}${
    recalled ? html`<div class="error" role="status"><p><strong>${t.recalledNotice}</strong></p></div>` : ''
  }
${facts(lang, view)}${lineage(lang, lot)}${preview(lang, view)}${timeline(lang, view)}${
  recalled
    ? eventForm(lang, lot, csrf, steps, refused)
    : html`${eventForm(lang, lot, csrf, steps, refused)}${splitForm(lang, lot, csrf, refused)}${mergeForm(
        lang,
        lot,
        view.mergeable,
        csrf,
        view.suggestedId,
        refused,
      )}${recallEntry(lang, lot)}`
}${evidence(lang, view)}`
}
