// GET /workspace/products: the cooperative's OCOP products as cards (a table is too wide at 360 px), with
// stars, GTIN and the certificate, flagged when it has expired or expires within 60 days.
import { html, type Markup, strings } from '@zonetrace/api'
import type { Lang, Product } from '@zonetrace/contracts'
import { expiryFlag, showDay } from './expiry.ts'
import { productsText } from './products-text.ts'

function productCard(lang: Lang, p: Product, today: string): Markup {
  const t = productsText(lang)
  const cert = p.certificateNo
    ? html`${p.certificateNo}${p.certificateExpiresOn ? html` · ${t.until(showDay(lang, p.certificateExpiresOn))}${expiryFlag(lang, p.certificateExpiresOn, today, t)}` : ''}`
    : t.noCertificate
  return html`<li class="ws-card"><h2 class="ws-card-title">${p.name}</h2>${p.nameEn ? html`<p class="note" lang="en">${p.nameEn}</p>` : ''}
<dl class="facts">
<dt>${t.col.group}</dt><dd>${strings(lang).ocopGroup[p.group]}</dd>
<dt>${t.col.stars}</dt><dd><span aria-hidden="true">${'★'.repeat(p.stars)}</span> ${t.stars(p.stars)}${p.ocop ? '' : html` (${t.notOcop})`}</dd>
<dt>${t.col.gtin}</dt><dd><code>${p.gtin}</code></dd>
<dt>${t.certificate}</dt><dd>${cert}</dd>
</dl>
<a class="button secondary ws-action" href="/workspace/products/${encodeURIComponent(p.id)}/edit">${t.edit(p.name)}</a></li>`
}

export function productsMain(lang: Lang, products: Product[], today: string, notice?: string): Markup {
  const t = productsText(lang)
  return html`<h1>${t.title}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<p class="lead">${t.lead}</p>
<p><a class="button ws-action" href="/workspace/products/new">${t.register}</a></p>
${products.length === 0 ? html`<p>${t.none}</p>` : html`<ul class="ws-cards">${products.map((p) => productCard(lang, p, today))}</ul>`}`
}
