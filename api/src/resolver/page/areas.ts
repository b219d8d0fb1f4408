// Where it grew: each growing area with its code, today's commune (and the one it had before the July
// 2025 merger, which is what older paperwork and locals still call it), certifications and boundary.

import type { AreaView, Certification, MapTiles } from '@zonetrace/contracts'
import { cropName } from './crops.ts'
import { html, type Markup } from './escape.ts'
import { formatDay, formatNumber, isExpired } from './format.ts'
import type { PageContext } from './i18n.ts'
import { whereFigure } from './where.ts'

function row(term: string, value: Markup | string): Markup {
  return html`<dt>${term}</dt><dd>${value}</dd>`
}

function commune(area: AreaView, { s }: PageContext): Markup {
  const { name, code, registeredCode, formerName } = area.commune
  const today = name ?? code ?? registeredCode
  const former =
    formerName && formerName !== name ? html` <span class="muted">(${s.formerly(formerName)})</span>` : ''
  return html`${today}${former}`
}

function certification(cert: Certification, { s, today }: PageContext): Markup {
  const expired = isExpired(cert.validTo, today)
  const scheme = s.scheme[cert.scheme] ?? cert.scheme
  return html`<li class="${expired ? 'expired' : ''}">${scheme} · ${cert.certificateNo} · ${s.validUntil.toLowerCase()} ${formatDay(cert.validTo)}${expired ? html` <strong>(${s.expired})</strong>` : ''}</li>`
}

function areaArticle(area: AreaView, ctx: PageContext, tiles: MapTiles | null | undefined): Markup {
  const { s, lang } = ctx
  const certs = area.certifications.length
    ? html`<ul class="certs">${area.certifications.map((c) => certification(c, ctx))}</ul>`
    : s.noCertifications
  return html`<article class="area"><h3>${area.name}</h3>${whereFigure(area, ctx, tiles)}<dl>${row(
    s.areaCode,
    html`<code>${area.code}</code>`,
  )}${row(s.crop, cropName(area.crop, lang))}${
    area.areaHa !== null ? row(s.size, `${formatNumber(lang, area.areaHa)} ha`) : ''
  }${row(s.commune, commune(area, ctx))}${row(s.certifications, certs)}</dl></article>`
}

/** One article per growing area the lot came from; nothing when none is known. */
export function areasSection(areas: AreaView[], ctx: PageContext, tiles?: MapTiles | null): Markup | null {
  if (areas.length === 0) return null
  return html`<section><h2>${ctx.s.areas}</h2>${areas.map((a) => areaArticle(a, ctx, tiles))}</section>`
}
