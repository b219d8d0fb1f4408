// The lot's journey, oldest first: harvest, checks, packing, shipping, receiving, splits and merges.
import type { LotEvent } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import { formatDateTime } from './format.ts'
import type { PageContext } from './i18n.ts'

function byTime(a: LotEvent, b: LotEvent): number {
  const ta = Date.parse(a.time)
  const tb = Date.parse(b.time)
  // Events with an unreadable time go last rather than breaking the order of the rest.
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) ? (Number.isNaN(tb) ? 0 : 1) : -1
  return ta - tb
}

function lineage(event: LotEvent, { s }: PageContext): Markup | null {
  if (event.inputLots.length === 0 && event.outputLots.length === 0) return null
  return html`<p class="small">${event.inputLots.length ? html`${s.fromLots}: ${event.inputLots.join(', ')}` : ''}${
    event.inputLots.length && event.outputLots.length ? ' → ' : ''
  }${event.outputLots.length ? html`${s.intoLots}: ${event.outputLots.join(', ')}` : ''}</p>`
}

function eventItem(event: LotEvent, ctx: PageContext): Markup {
  const step = ctx.s.bizStep[event.bizStep] ?? event.bizStep
  return html`<li><time datetime="${event.time}">${formatDateTime(event.time)}</time> <strong>${step}</strong>${
    event.place ? html` · ${event.place}` : ''
  }${event.note ? html`<p>${event.note}</p>` : ''}${lineage(event, ctx)}</li>`
}

export function timelineSection(timeline: LotEvent[], ctx: PageContext): Markup {
  const events = [...timeline].sort(byTime)
  const body = events.length
    ? html`<ol class="timeline">${events.map((e) => eventItem(e, ctx))}</ol>`
    : html`<p class="muted">${ctx.s.noEvents}</p>`
  return html`<section><h2>${ctx.s.timeline}</h2>${body}</section>`
}
