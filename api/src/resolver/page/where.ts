// "Where did this grow?": the area's own map, the locator that puts it in Vĩnh Long and the Mekong Delta,
// and links that open the place in the phone's map app. Plain links, no script: a `geo:` URI, which
// Android hands to whatever map app is installed, and an OpenStreetMap link for phones (iPhones) that
// have no handler for `geo:`.
import type { AreaView, MapTiles } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import type { PageContext } from './i18n.ts'
import { inVinhLongApprox } from './locator-frame.ts'
import { locatorMap } from './locator-svg.ts'
import { areaPoint, boundaryRings, type Position } from './map-geometry.ts'
import { areaMap } from './map-svg.ts'

/** Five decimals is about a metre: finer than any boundary survey, coarse enough to read. */
const coord = (v: number) => v.toFixed(5)
/** The zoom at which OpenStreetMap's page shows a growing area with its hamlet and canals around it. */
const WEB_ZOOM = 15

/**
 * RFC 5870 with the `q=lat,lon(label)` query that Android map apps read to drop a named pin. Built from
 * numbers and a percent-encoded label only (parentheses too, which would end the label early), so it
 * needs none of safeHref's checks.
 */
function geoUri([lon, lat]: Position, label: string): string {
  const name = encodeURIComponent(label).replace(/\(/g, '%28').replace(/\)/g, '%29')
  const at = `${coord(lat)},${coord(lon)}`
  return `geo:${at}?q=${at}(${name})`
}

function webMapUrl([lon, lat]: Position): string {
  const [la, lo] = [coord(lat), coord(lon)]
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=${WEB_ZOOM}/${la}/${lo}`
}

/** "Tam Ngãi (trước đây: Thạnh Phú), tỉnh Vĩnh Long" for the area map's title, or as much of it as is known. */
function placeName(area: AreaView, { s }: PageContext, inVinhLong: boolean): string | null {
  const { name, formerName } = area.commune
  const former = formerName && formerName !== name ? formerName : null
  const commune = name && former ? `${name} (${s.formerly(former)})` : name
  return inVinhLong ? s.map.inProvince(commune) : commune
}

/** The maps and map links of one growing area; nothing when its boundary holds no usable coordinate. */
export function whereFigure(
  area: AreaView,
  ctx: PageContext,
  tiles: MapTiles | null | undefined,
): Markup | null {
  const point = areaPoint(area.polygon)
  if (!point) return null
  const { s } = ctx
  const inVinhLong = inVinhLongApprox(point[0], point[1])
  const rings = boundaryRings(area.polygon)
  const map = rings
    ? areaMap(area, rings, s.map.areaTitle(area.code, placeName(area, ctx, inVinhLong)), ctx, tiles)
    : null
  const attribution = map && tiles ? html`<p class="map-attr">${tiles.attribution}</p>` : ''
  const locator = locatorMap(point, s.map.locatorTitle(area.code, inVinhLong), ctx)
  return html`<div class="where">${map}${attribution}${locator}<p class="map-links"><a href="${geoUri(
    point,
    area.name,
  )}">${s.map.openApp}</a> · <a href="${webMapUrl(point)}" rel="external noreferrer">${s.map.openWeb}</a></p></div>`
}
