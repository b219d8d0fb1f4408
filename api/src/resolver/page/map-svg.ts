// A growing area's boundary as a small inline SVG, with what a shopper needs to read it: the commune's
// name (today's, and the one before the July 2025 merger that older paperwork and locals still use), a
// scale bar and north. No script and no third-party request, unless the operator configured a tile
// server for a basemap (map-tiles.ts).
import type { AreaView, MapTiles } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import type { PageContext } from './i18n.ts'
import { type Box, type Frame, fitFrame, mercator, type Ring, scaleBar } from './map-geometry.ts'
import { tileImages } from './map-tiles.ts'

const MAP_WIDTH = 300
const MAP_HEIGHT = 200
/** Where the boundary goes: below the commune's name, above the scale bar, clear of the north arrow. */
const BOUNDARY_BOX: Box = { left: 14, top: 46, right: 286, bottom: 166 }
/** Even a one-hectare plot is shown with this much around it, so the scale bar has something to measure. */
const MIN_SPAN_M = 400
const SCALE_MAX_PX = 110
// A boundary surveyed at every metre would bloat the page without changing a 300-pixel drawing.
const MAX_POINTS = 400
/** The widest a label may run before the north arrow; longer names are squeezed to fit. */
const LABEL_MAX_PX = 250

const fmt = (v: number) => (Math.round(v * 10) / 10).toString()

function thin(ring: Ring, step: number): Ring {
  if (step <= 1) return ring
  return ring.filter((_, i) => i % step === 0 || i === ring.length - 1)
}

/** SVG path data for the rings in the frame. */
function boundaryPath(rings: Ring[], frame: Frame): string {
  const step = Math.ceil(rings.reduce((n, r) => n + r.length, 0) / MAX_POINTS)
  return rings
    .map((ring) => {
      const points = thin(ring, step).map((p) => {
        const [x, y] = mercator(p)
        return `${fmt((x - frame.x0) * frame.scale)} ${fmt((y - frame.y0) * frame.scale)}`
      })
      return `M${points.join('L')}Z`
    })
    .join('')
}

/** A text line; a name too long for the drawing (no font metrics on the server) is squeezed, not cut. */
function label(text: string, x: number, y: number, size: number, cls = ''): Markup {
  // 0.6 em is a generous average advance for Vietnamese in a sans-serif; bold runs a little wider.
  const estimate = [...text].length * size * 0.6
  const fit =
    estimate > LABEL_MAX_PX ? html` textLength="${LABEL_MAX_PX}" lengthAdjust="spacingAndGlyphs"` : ''
  return html`<text x="${x}" y="${y}" font-size="${size}"${fit}${cls ? html` class="${cls}"` : ''}>${text}</text>`
}

function communeLabel(area: AreaView, { s }: PageContext): Markup | null {
  const { name, formerName } = area.commune
  // A bare commune code means nothing on a map; the details below the map still show it.
  if (!name) return null
  const former = formerName && formerName !== name ? label(s.formerly(formerName), 10, 38, 12) : null
  return html`${label(name, 10, 20, 15, 'strong')}${former}`
}

function scale(frame: Frame): Markup | null {
  const bar = scaleBar(frame.metresPerPx, SCALE_MAX_PX)
  if (!bar) return null
  const d = `M12 179v7h${fmt(bar.px)}v-7`
  return html`<path class="scale-halo" d="${d}"/><path class="scale" d="${d}"/>${label(
    bar.label,
    Math.round(18 + bar.px),
    190,
    12,
  )}`
}

function north({ s }: PageContext): Markup {
  return html`<path class="north" d="M284 6l6 15-6-4-6 4z"/>${html`<text x="284" y="36" font-size="12" text-anchor="middle" class="strong">${s.map.north}</text>`}`
}

/**
 * The area's boundary with its commune, scale bar and north, over a basemap when `tiles` is configured;
 * null when the boundary is missing or malformed (the locator may still place the area).
 */
export function areaMap(
  area: AreaView,
  rings: Ring[],
  title: string,
  ctx: PageContext,
  tiles: MapTiles | null | undefined,
): Markup | null {
  const frame = fitFrame(rings, BOUNDARY_BOX, MIN_SPAN_M)
  if (!frame) return null
  const basemap = tiles ? tileImages(frame, MAP_WIDTH, MAP_HEIGHT, tiles) : null
  const background = basemap ? '' : html`<rect width="${MAP_WIDTH}" height="${MAP_HEIGHT}" class="map-bg"/>`
  return html`<div class="map-frame">${basemap}<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${title}"><title>${title}</title>${background}<path class="boundary" fill-rule="evenodd" d="${boundaryPath(
    rings,
    frame,
  )}"/><g class="map-text">${communeLabel(area, ctx)}${scale(frame)}${north(ctx)}</g></svg></div>`
}
