// The page at /open/downloads: every download file, the whole province first and then each commune (folded,
// so 100 communes still fit a phone), with its size, rows and when it last changed; and where GIS tools and
// data portals go instead. Plain links and <details>: it works without script.
import type { CollectionId } from '@zonetrace/contracts'
import { documentOf } from '../../resolver/page/document.ts'
import { html, type Markup, safeHref } from '../../resolver/page/escape.ts'
import { formatDateTime, formatNumber } from '../../resolver/page/format.ts'
import type { Lang } from '../../resolver/page/i18n.ts'
import type { DownloadListing } from './listing.ts'

const TEXT = {
  vi: {
    title: 'Tải dữ liệu mở',
    site: 'zonetrace · Dữ liệu mở',
    intro:
      'Vùng trồng, trạm đo và chất lượng nước hằng ngày của các vùng trồng công khai. CSV mở được bằng Excel (tiếng Việt hiển thị đúng); GeoJSON mở được bằng QGIS và các phần mềm bản đồ. Các tệp được tạo lại mỗi giờ.',
    licence: 'Giấy phép',
    publisher: 'Đơn vị công bố',
    province: 'Toàn tỉnh',
    communes: 'Theo xã, phường',
    communesHint: 'Theo mã xã hiện hành (sau sắp xếp năm 2025). Chạm vào tên xã để xem các tệp.',
    none: 'Các tệp đang được tạo; hãy thử lại sau ít phút.',
    rows: 'dòng',
    updated: 'cập nhật',
    tools: 'Cho phần mềm GIS và cổng dữ liệu',
    ogc: 'OGC API – Features (QGIS, GDAL, ArcGIS)',
    catalog: 'Danh mục DCAT (JSON-LD) cho cổng dữ liệu mở',
    json: 'Danh sách tệp dạng JSON',
    map: 'Bản đồ số vùng trồng',
    otherLang: 'English',
    collections: {
      'growing-areas': 'Vùng trồng',
      stations: 'Trạm đo',
      'daily-water': 'Chất lượng nước hằng ngày',
    },
  },
  en: {
    title: 'Open data downloads',
    site: 'zonetrace · Open data',
    intro:
      'Growing areas, monitoring stations and daily water quality of the public growing areas. CSV opens in Excel (Vietnamese shows correctly); GeoJSON opens in QGIS and other map software. The files are rewritten every hour.',
    licence: 'Licence',
    publisher: 'Publisher',
    province: 'Whole province',
    communes: 'By commune',
    communesHint: "By today's commune code (after the 2025 reorganisation). Tap a commune to see its files.",
    none: 'The files are being written; try again in a few minutes.',
    rows: 'rows',
    updated: 'updated',
    tools: 'For GIS software and data portals',
    ogc: 'OGC API – Features (QGIS, GDAL, ArcGIS)',
    catalog: 'DCAT catalogue (JSON-LD) for open-data portals',
    json: 'This list as JSON',
    map: 'Digital map of the growing areas',
    otherLang: 'Tiếng Việt',
    collections: {
      'growing-areas': 'Growing areas',
      stations: 'Monitoring stations',
      'daily-water': 'Daily water quality',
    },
  },
} as const

export function renderDownloadsPage(listing: DownloadListing, lang: Lang): string {
  const t = TEXT[lang]
  const other: Lang = lang === 'vi' ? 'en' : 'vi'
  const header = html`<span>${t.site}</span><a class="lang" href="/open/downloads?lang=${other}" hreflang="${other}" lang="${other}">${t.otherLang}</a>`
  const province = listing.files.filter((f) => f.commune === null)
  const communes = [...new Set(listing.files.flatMap((f) => f.commune ?? []))]
  const about = html`<p class="small">${t.licence}: <a href="${safeHref(listing.licence)}" rel="license">${licenceName(listing.licence)}</a> · ${t.publisher}: <a href="${safeHref(listing.publisher.url)}">${listing.publisher.name}</a></p>`
  const body =
    province.length === 0
      ? html`<section><h2>${t.province}</h2><p>${t.none}</p></section>`
      : html`<section><h2>${t.province}</h2>${fileList(province, lang)}</section><section><h2>${t.communes}</h2><p class="small">${t.communesHint}</p>${communes.map(
          (code) =>
            html`<details><summary>${listing.communeNames[code] ?? code} (${code})</summary>${fileList(
              listing.files.filter((f) => f.commune === code),
              lang,
            )}</details>`,
        )}</section>`
  const main = html`<section><h1>${t.title}</h1><p>${t.intro}</p>${about}</section>${body}<section><h2>${t.tools}</h2><ul><li><a href="/ogc">${t.ogc}</a></li><li><a href="/open/catalog.jsonld">${t.catalog}</a></li><li><a href="/open/downloads?f=json">${t.json}</a></li><li><a href="/ban-do?lang=${lang}">${t.map}</a></li></ul></section>`
  return documentOf(lang, t.title, header, main, '')
}

function fileList(files: DownloadListing['files'], lang: Lang): Markup {
  const t = TEXT[lang]
  const byCollection = new Map<CollectionId, DownloadListing['files']>()
  for (const f of files) byCollection.set(f.collection, [...(byCollection.get(f.collection) ?? []), f])
  return html`<ul>${[...byCollection].map(([collection, own]) => {
    const rows = own[0]!.rows
    const modified = own
      .map((f) => f.modified)
      .sort()
      .at(-1)!
    const links = own.map(
      (f, i) =>
        html`${i > 0 ? ' · ' : ''}<a href="/open/downloads/${f.name}" download>${f.format === 'csv' ? 'CSV' : 'GeoJSON'}</a> <span class="muted">(${size(f.bytes, lang)})</span>`,
    )
    return html`<li><strong>${t.collections[collection]}</strong>: ${links}<br><span class="small muted">${formatNumber(lang, rows, 0)} ${t.rows}, ${t.updated} ${formatDateTime(modified)}</span></li>`
  })}</ul>`
}

function size(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${formatNumber(lang, bytes / 1024, 1)} kB`
  return `${formatNumber(lang, bytes / (1024 * 1024), 1)} MB`
}

/** CC licences by their usual short name; any other licence by its address. */
function licenceName(url: string): string {
  const m = /creativecommons\.org\/licenses\/([a-z-]+)\/([0-9.]+)/i.exec(url)
  return m ? `CC ${m[1]!.toUpperCase()} ${m[2]}` : url
}
