// GET /workspace/areas: the cooperative's growing areas as cards a thumb can reach (a table is too wide at
// 360 px), each with its commune today and formerly, preset and certifications; a certificate that has
// expired or expires within 60 days is flagged in words and colour, since a label then stops being valid.
// An area kept off the public map says so ("Không công khai"); public is the default and goes unsaid.
import { cropName, html, type Markup } from '@zonetrace/api'
import {
  type AreaView,
  type Certification,
  formatHa,
  type Lang,
  THRESHOLD_PRESETS,
} from '@zonetrace/contracts'
import { areasText } from './areas-text.ts'
import { expiryFlag, showDay } from './expiry.ts'

export function communeLine(lang: Lang, area: AreaView): string {
  const c = area.commune
  const name = c.name ?? c.registeredCode
  return c.formerName ? `${name} (${areasText(lang).formerly}: ${c.formerName})` : name
}

function certItem(lang: Lang, c: Certification, today: string): Markup {
  const t = areasText(lang)
  const flag = expiryFlag(lang, c.validTo, today, t)
  return html`<li>${t.scheme[c.scheme]} ${c.certificateNo}${c.issuer ? html` · ${c.issuer}` : ''} · ${t.until(showDay(lang, c.validTo))}${flag}</li>`
}

function areaCard(lang: Lang, area: AreaView, today: string): Markup {
  const t = areasText(lang)
  const preset = area.preset ? THRESHOLD_PRESETS[area.preset] : null
  return html`<li class="ws-card"><h2 class="ws-card-title">${area.name}</h2>
<dl class="facts">
<dt>${t.col.code}</dt><dd><code>${area.code}</code></dd>
<dt>${t.col.crop}</dt><dd>${cropName(area.crop, lang)}</dd>
<dt>${t.col.ha}</dt><dd>${area.areaHa == null ? '—' : t.ha(formatHa(area.areaHa, lang))}</dd>
<dt>${t.col.commune}</dt><dd>${communeLine(lang, area)}</dd>
<dt>${t.preset}</dt><dd>${preset ? preset.label[lang] : t.noPreset}</dd>
<dt>${t.certifications}</dt><dd>${
    area.certifications.length === 0
      ? t.noCertifications
      : html`<ul class="ws-certs">${area.certifications.map((c) => certItem(lang, c, today))}</ul>`
  }</dd>
${area.public ? '' : html`<dt>${t.openData.legend}</dt><dd><strong>${t.openData.private}</strong></dd>`}
</dl>
<a class="button secondary ws-action" href="/workspace/areas/${encodeURIComponent(area.code)}/edit">${t.edit(area.code)}</a></li>`
}

export function areasMain(lang: Lang, areas: AreaView[], today: string, notice?: string): Markup {
  const t = areasText(lang)
  return html`<h1>${t.title}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<p class="lead">${t.lead}</p>
<p><a class="button ws-action" href="/workspace/areas/new">${t.register}</a></p>
${areas.length === 0 ? html`<p>${t.none}</p>` : html`<ul class="ws-cards">${areas.map((a) => areaCard(lang, a, today))}</ul>`}`
}
