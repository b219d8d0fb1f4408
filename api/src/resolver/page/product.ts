// What the label is for: the product, its OCOP rating, the producer and the lot.
import type { ConsumerView } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import { formatDate, formatDay, isExpired } from './format.ts'
import type { PageContext } from './i18n.ts'

function row(term: string, value: Markup | string): Markup {
  return html`<dt>${term}</dt><dd>${value}</dd>`
}

/** Filled stars, then hollow ones up to five; only for products that are OCOP (3★ and above). */
function ocopRating(view: ConsumerView, { s }: PageContext): Markup {
  const { product } = view
  const stars = Math.min(5, Math.max(0, Math.round(product.stars)))
  if (!product.ocop || stars < 3) return html`<p class="not-ocop">${s.notOcop}</p>`
  return html`<p class="ocop" aria-label="${s.ocopStars(stars)}"><span class="ocop-stars" aria-hidden="true">${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}</span> OCOP</p>`
}

function certificate(view: ConsumerView, { s, today }: PageContext): Markup | null {
  const { product } = view
  if (!product.ocop) return null
  const expiry = product.certificateExpiresOn
  const expired = isExpired(expiry, today)
  return html`${product.certificateNo ? row(s.certificateNo, product.certificateNo) : ''}${
    expiry
      ? row(
          s.validUntil,
          html`<span class="${expired ? 'expired' : ''}">${formatDay(expiry)}${expired ? html` (${s.expired})` : ''}</span>`,
        )
      : ''
  }`
}

/** Product name (English name in English when there is one), rating, producer and lot. */
export function productSection(view: ConsumerView, ctx: PageContext): Markup {
  const { product, lotInfo } = view
  const { s, lang } = ctx
  const englishName = lang === 'en' && product.nameEn ? product.nameEn : null
  const harvest =
    formatDate(lotInfo.harvestedFrom) === formatDate(lotInfo.harvestedTo)
      ? formatDate(lotInfo.harvestedFrom)
      : `${formatDate(lotInfo.harvestedFrom)} – ${formatDate(lotInfo.harvestedTo)}`
  return html`<section class="product"><h1>${englishName ?? product.name}</h1>${
    englishName ? html`<p class="muted" lang="vi">${product.name}</p>` : ''
  }${ocopRating(view, ctx)}<dl>${row(s.group, s.ocopGroup[product.group] ?? product.group)}${certificate(view, ctx)}${row(
    s.producer,
    view.cooperative.name,
  )}${row(s.lot, view.lot)}${row(s.serial, view.serial)}${row(s.harvested, harvest)}</dl></section>`
}
