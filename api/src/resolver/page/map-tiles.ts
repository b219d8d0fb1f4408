// The optional basemap under the area map: the XYZ tiles that cover the drawing, chosen on the server and
// placed as plain <img> elements behind the SVG, so it works without script. Only when the operator set
// MAP_TILES_URL: every tile is a request to a third party that learns the shopper's address.
import type { MapTiles } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import type { Frame } from './map-geometry.ts'

/** Most public tile servers stop here (OpenStreetMap's standard layer does). */
const MAX_ZOOM = 19
/** More would mean a frame far larger than any growing area; draw no basemap rather than a mosaic. */
const MAX_TILES = 16

interface Tile {
  href: string
  /** Position and side in the drawing's pixels. */
  left: number
  top: number
  size: number
}

/**
 * The tiles under a `width` × `height` drawing. The zoom is the first at which a 256-pixel tile is drawn at
 * 256 pixels or less (so 128–256): at most 12 tiles for the 300 × 200 map, each no coarser than the tile
 * server drew it. One zoom more would be sharper on a dense phone screen but costs up to twice the requests.
 */
export function tilesFor(frame: Frame, width: number, height: number, template: string): Tile[] {
  const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.ceil(Math.log2(frame.scale / 256))))
  if (!Number.isFinite(zoom)) return []
  const n = 2 ** zoom
  const size = frame.scale / n
  const first = (v: number) => Math.max(0, Math.floor(v * n))
  const last = (v: number) => Math.min(n - 1, Math.ceil(v * n) - 1)
  const [x1, x2] = [first(frame.x0), last(frame.x0 + width / frame.scale)]
  const [y1, y2] = [first(frame.y0), last(frame.y0 + height / frame.scale)]
  if ((x2 - x1 + 1) * (y2 - y1 + 1) > MAX_TILES) return []
  const tiles: Tile[] = []
  for (let y = y1; y <= y2; y++) {
    for (let x = x1; x <= x2; x++) {
      tiles.push({
        href: template
          .replaceAll('{z}', String(zoom))
          .replaceAll('{x}', String(x))
          .replaceAll('{y}', String(y)),
        left: (x / n - frame.x0) * frame.scale,
        top: (y / n - frame.y0) * frame.scale,
        size,
      })
    }
  }
  return tiles
}

const pct = (v: number) => `${Math.round(v * 1000) / 1000}%`

/**
 * The tiles as images positioned in percent of the map's box, so they scale with the SVG above them.
 * Decorative (alt=""): the SVG's title says what the map shows. The page sends no referrer, so the label's
 * serial and signature never leave it; tiles alone send their origin, which tile servers' usage policies
 * ask for, and nothing more.
 */
export function tileImages(frame: Frame, width: number, height: number, tiles: MapTiles): Markup {
  // A hair of overlap hides the seams that rounding would otherwise leave between neighbouring tiles.
  return html`${tilesFor(frame, width, height, tiles.url).map(
    (t) =>
      html`<img class="tile" src="${t.href}" alt="" referrerpolicy="strict-origin" loading="lazy" style="left:${pct(
        (t.left / width) * 100,
      )};top:${pct((t.top / height) * 100)};width:${pct(((t.size + 0.5) / width) * 100)};height:${pct(
        ((t.size + 0.5) / height) * 100,
      )}">`,
  )}`
}
