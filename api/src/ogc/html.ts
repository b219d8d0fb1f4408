// The HTML views of /ogc (the standard's HTML conformance class): plain server-rendered pages in the
// consumer pages' style, no script. Each shows what its JSON twin holds, for a person with a browser.
import type { Feature, OgcLink } from '@zonetrace/contracts'
import { documentOf } from '../resolver/page/document.ts'
import { html, type Markup } from '../resolver/page/escape.ts'
import type { Lang } from '../resolver/page/i18n.ts'
import type { Collection, Extent } from './collections.ts'
import { OGC_TEXT } from './html-text.ts'

const TABLE_CSS =
  '.scroll{overflow-x:auto}table{border-collapse:collapse}td,th{padding:.25rem .5rem;border-bottom:1px solid #ccc;text-align:left;vertical-align:top;white-space:nowrap}code{overflow-wrap:anywhere}'

export interface View {
  lang: Lang
  /** This page's URL with the other language, for the switch. */
  otherLangHref: string
  /** The JSON form of this page. */
  jsonHref: string
  ogcRoot: string
}

function page(view: View, title: string, main: Markup): string {
  const t = OGC_TEXT[view.lang]
  const other = view.lang === 'vi' ? 'en' : 'vi'
  const header = html`<a href="${view.ogcRoot}?f=html&amp;lang=${view.lang}">${t.home}</a> <a href="/?lang=${view.lang}">${t.map}</a> <a class="lang" href="${view.otherLangHref}" hreflang="${other}" lang="${other}">${t.otherLang}</a>`
  const body = html`<style>${TABLE_CSS}</style>${main}<p><a href="${view.jsonHref}" type="application/json">JSON</a></p>`
  return documentOf(view.lang, title, header, body, '')
}

export function landingHtml(view: View, links: { collections: string; conformance: string; api: string }) {
  const t = OGC_TEXT[view.lang]
  return page(
    view,
    t.title,
    html`<h1>${t.title}</h1><p>${t.intro}</p><p>${t.addLayer}<br><code>ogrinfo OAPIF:${view.ogcRoot}</code></p><ul><li><a href="${links.collections}">${t.collections}</a></li><li><a href="${links.conformance}">${t.conformance}</a></li><li><a href="${links.api}">${t.api}</a></li><li><a href="/open/downloads?lang=${view.lang}">${t.downloads}</a></li><li><a href="/open/catalog.jsonld">${t.catalog}</a></li></ul>`,
  )
}

export function conformanceHtml(view: View, classes: readonly string[]) {
  const t = OGC_TEXT[view.lang]
  return page(
    view,
    t.conformance,
    html`<h1>${t.conformance}</h1><ul>${classes.map((c) => html`<li><code>${c}</code></li>`)}</ul>`,
  )
}

export function collectionsHtml(
  view: View,
  entries: { collection: Collection; href: string; extent: Extent }[],
) {
  const t = OGC_TEXT[view.lang]
  return page(
    view,
    t.collections,
    html`<h1>${t.collections}</h1>${entries.map(
      (e) =>
        html`<section><h2><a href="${e.href}">${e.collection.title[view.lang]}</a></h2><p>${e.collection.description[view.lang]}</p>${extentHtml(view.lang, e.extent)}</section>`,
    )}`,
  )
}

export function collectionHtml(view: View, collection: Collection, extent: Extent, itemsHref: string) {
  const t = OGC_TEXT[view.lang]
  const title = collection.title[view.lang]
  return page(
    view,
    title,
    html`<h1>${title}</h1><p>${collection.description[view.lang]}</p>${extentHtml(view.lang, extent)}<p><a href="${itemsHref}">${t.items}</a></p>`,
  )
}

function extentHtml(lang: Lang, extent: Extent): Markup {
  const t = OGC_TEXT[lang]
  const box = extent.spatial ? extent.spatial.map((n) => n.toFixed(4)).join(', ') : t.none
  const time = extent.temporal ? `${extent.temporal[0] ?? '..'} / ${extent.temporal[1] ?? '..'}` : null
  return html`<dl><dt>${t.spatial}</dt><dd>${box}</dd>${time ? html`<dt>${t.temporal}</dt><dd>${time}</dd>` : ''}</dl>`
}

export function itemsHtml(
  view: View,
  collection: Collection,
  features: Feature<object>[],
  counts: { returned: number; matched: number },
  itemHref: (id: string) => string,
  next: OgcLink | undefined,
) {
  const t = OGC_TEXT[view.lang]
  const title = collection.title[view.lang]
  const columns = [...new Set(features.flatMap((f) => Object.keys(f.properties)))]
  const rows = features.map(
    (f) =>
      html`<tr><th scope="row"><a href="${itemHref(f.id)}">${f.id}</a></th>${columns.map((c) => html`<td>${cell((f.properties as Record<string, unknown>)[c])}</td>`)}</tr>`,
  )
  return page(
    view,
    title,
    html`<h1>${title}</h1><p>${t.matched(counts.returned, counts.matched)}</p><div class="scroll" tabindex="0" role="region" aria-label="${title}"><table><thead><tr><th scope="col">id</th>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>${next ? html`<p><a rel="next" href="${next.href}">${t.next}</a></p>` : ''}`,
  )
}

export function itemHtml(view: View, collection: Collection, feature: Feature<object>) {
  const t = OGC_TEXT[view.lang]
  const entries = Object.entries(feature.properties)
  const where = feature.geometry?.type === 'Point' ? feature.geometry.coordinates.join(', ') : null
  return page(
    view,
    `${collection.title[view.lang]}: ${feature.id}`,
    html`<h1>${feature.id}</h1><p>${collection.title[view.lang]}</p><table><thead><tr><th scope="col">${t.property}</th><th scope="col">${t.value}</th></tr></thead><tbody>${entries.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${cell(v)}</td></tr>`)}${where ? html`<tr><th scope="row">lon, lat</th><td>${where}</td></tr>` : ''}</tbody></table>`,
  )
}

/** Arrays of records (certifications, sensors) as short readable text; everything else as it is. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '–'
  if (Array.isArray(value)) {
    return value
      .map((v) => (typeof v === 'object' && v !== null ? Object.values(v).join(' ') : String(v)))
      .join('; ')
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
