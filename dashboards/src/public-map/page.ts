// The public map page (`/`, `/ban-do`): the <public-map> island over a server-rendered list of the same
// public areas, which is what a phone without script, a screen reader or a search engine reads; the form
// that checks a label by its printed code; and the open-data links. Markup only through the escaping `html`.
import { cropName, displayUnit, html, type Markup } from '@zonetrace/api'
import {
  type AreaGeometry,
  type Feature,
  type GrowingAreaProperties,
  type Lang,
  type MapTiles,
  METRIC_NAMES,
  METRICS,
} from '@zonetrace/contracts'
import type { PublicMapData } from '../../islands/lib/public-map-data.ts'
import { islandScripts, islandStyles } from '../islands.ts'
import { scriptJson } from '../pages/area-map.ts'
import { PUBLIC_MAP_CSS_PATH } from './styles.ts'
import { type PublicMapPageText, publicMapIslandText, publicMapText } from './text.ts'

type AreaFeature = Feature<GrowingAreaProperties, AreaGeometry>

export interface PublicMapPage {
  lang: Lang
  /** The path the page was asked for (`/` or `/ban-do`): the language switch stays on it. */
  path: string
  areas: AreaFeature[]
  tiles: MapTiles | null
  /** PUBLIC_BASE_URL, for the one line a GIS user pastes. */
  baseUrl: string
  licence: string
  publisher: { name: string; url: string }
}

function islandData(lang: Lang, areas: AreaFeature[], tiles: MapTiles | null): PublicMapData {
  const crops = Object.fromEntries(
    [...new Set(areas.map((a) => a.properties.crop))].map((c) => [c, cropName(c, lang)]),
  )
  const metrics = Object.fromEntries(
    METRIC_NAMES.map((m) => {
      const unit = METRICS[m].unit
      return [
        m,
        {
          label: METRICS[m].label[lang],
          unit: unit === 'pH' ? '' : displayUnit(unit),
          decimals: METRICS[m].decimals,
        },
      ]
    }),
  )
  return {
    lang,
    crops,
    metrics,
    tiles: tiles && { url: tiles.url, attribution: tiles.attribution },
    text: publicMapIslandText(lang),
  }
}

function areaRows(lang: Lang, t: PublicMapPageText, areas: AreaFeature[]): Markup {
  const state = publicMapIslandText(lang).state
  return html`${areas.map((a) => {
    const p = a.properties
    const commune = p.communeName ?? p.registeredCommuneCode
    const href = `/ogc/collections/growing-areas/items/${encodeURIComponent(p.code)}?f=html${lang === 'en' ? '&lang=en' : ''}`
    return html`<tr data-area-row="${p.code}"><td data-label="${t.code}" data-area-actions><a href="${href}">${p.code}</a><span class="name">${p.name}</span></td><td data-label="${t.state}"><span class="st st-${p.state}">${state[p.state]}</span></td><td data-label="${t.crop}">${cropName(p.crop, lang)}</td><td data-label="${t.commune}">${commune}${p.communeFormerName ? html` <span class="muted">(${t.formerly}: ${p.communeFormerName})</span>` : ''}</td></tr>`
  })}`
}

export function renderPublicMapPage(page: PublicMapPage): string {
  const { lang, areas } = page
  const t = publicMapText(lang)
  const other: Lang = lang === 'vi' ? 'en' : 'vi'
  const drawn = areas.some((a) => a.geometry)
  const islands = drawn ? (['public-map'] as const) : []
  const self = (to: Lang) => (to === 'vi' ? page.path : `${page.path}?lang=en`)
  const map = drawn
    ? html`<public-map role="region" aria-label="${t.region(areas.length)}"><script type="application/json">${scriptJson(islandData(lang, areas, page.tiles))}</script></public-map>`
    : ''
  const list =
    areas.length === 0
      ? html`<p>${t.noAreas}</p>`
      : html`<table class="cards"><caption>${t.listCaption}</caption><thead><tr><th scope="col">${t.code}</th><th scope="col">${t.state}</th><th scope="col">${t.crop}</th><th scope="col">${t.commune}</th></tr></thead><tbody>${areaRows(lang, t, areas)}</tbody></table>`
  const ogc = `${page.baseUrl}/ogc`
  const main = html`<h1>${t.title}</h1><p class="lead">${t.lead(areas.length)} <a href="#check">${t.jumpCheck}</a></p>${map}
<section id="areas" aria-labelledby="areas-h"><h2 id="areas-h">${t.listTitle} (${areas.length})</h2>${list}</section>
<section id="check" aria-labelledby="check-h"><h2 id="check-h">${t.check}</h2><form method="get" action="/check"><input type="hidden" name="lang" value="${lang}"><label for="code">${t.codeLabel}</label><input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required aria-describedby="code-hint"><p class="small muted" id="code-hint">${t.hint}</p><button type="submit">${t.submit}</button></form></section>
<section id="open-data" aria-labelledby="open-h"><h2 id="open-h">${t.openData}</h2><p>${t.openDataLead} <a href="${page.licence}" rel="license">${licenceName(page.licence)}</a>.</p><ul class="links"><li><a href="/open/downloads">${t.downloads}</a></li><li><a href="/open/catalog.jsonld" type="application/ld+json">${t.catalog}</a></li><li><a href="/ogc">${t.ogc}</a></li><li><a href="/docs">${t.docs}</a></li></ul><p>${t.gisHint} <code>OAPIF:${ogc}</code></p></section>`
  const publisher = html`<footer><p>${t.publisher}: <a href="${page.publisher.url}">${page.publisher.name}</a></p></footer>`
  return `<!doctype html>${html`<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.title} · zonetrace</title><meta name="description" content="${t.description}"><link rel="alternate" hreflang="${other}" href="${self(other)}"><link rel="stylesheet" href="${PUBLIC_MAP_CSS_PATH}">${islandStyles(islands)}${islandScripts(islands)}</head><body><a class="skip" href="#main">${t.skip}</a><header class="pm-bar"><div><a class="brand" href="${self(lang)}">zonetrace</a><a class="lang" href="${self(other)}" hreflang="${other}" lang="${other}">${t.otherLang}</a></div></header><main id="main">${main}</main>${publisher}</body></html>`}`
}

/** "CC BY 4.0" for the Creative Commons URL the catalogue declares by default; any other licence by its URL. */
function licenceName(url: string): string {
  const cc = /creativecommons\.org\/licenses\/([a-z-]+)\/([\d.]+)/i.exec(url)
  return cc ? `CC ${cc[1]!.toUpperCase()} ${cc[2]}` : url
}
