// A growing area's boundary as a small inline SVG, so the page needs no map tiles, no script and no
// third-party request. Equirectangular projection with longitude scaled by cos(latitude): at the Mekong
// Delta's ~10°N, and over a few km, the distortion is far below a pixel at this size.
import type { AreaView } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'

export const MAP_WIDTH = 300
export const MAP_HEIGHT = 200
const PADDING = 10
// A boundary surveyed at every metre would bloat the page without changing a 300-pixel drawing.
const MAX_POINTS = 400

type Position = [lon: number, lat: number]
type Ring = Position[]

function position(p: unknown): Position | null {
  if (!Array.isArray(p) || p.length < 2) return null
  const [lon, lat] = p
  if (typeof lon !== 'number' || typeof lat !== 'number') return null
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return null
  return [lon, lat]
}

function ringsOfPolygon(coordinates: unknown): Ring[] | null {
  if (!Array.isArray(coordinates) || coordinates.length === 0) return null
  const rings: Ring[] = []
  for (const ring of coordinates) {
    if (!Array.isArray(ring) || ring.length < 3) return null
    const positions = ring.map(position)
    if (positions.some((p) => p === null)) return null
    rings.push(positions as Ring)
  }
  return rings
}

/** The rings of a GeoJSON Polygon or MultiPolygon, or null when it is missing or malformed. */
export function boundaryRings(polygon: AreaView['polygon'] | undefined): Ring[] | null {
  if (!polygon || typeof polygon !== 'object') return null
  if (polygon.type === 'Polygon') return ringsOfPolygon(polygon.coordinates)
  if (polygon.type !== 'MultiPolygon' || !Array.isArray(polygon.coordinates)) return null
  if (polygon.coordinates.length === 0) return null
  const rings: Ring[] = []
  for (const part of polygon.coordinates) {
    const partRings = ringsOfPolygon(part)
    if (!partRings) return null
    rings.push(...partRings)
  }
  return rings
}

function extent(values: number[]): [min: number, max: number] {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return [min, max]
}

function thin(ring: Ring, step: number): Ring {
  if (step <= 1) return ring
  return ring.filter((_, i) => i % step === 0 || i === ring.length - 1)
}

/** SVG path data for the rings fitted into the map box, or null for a boundary with no extent. */
export function boundaryPath(rings: Ring[]): string | null {
  const lats = rings.flatMap((r) => r.map((p) => p[1]))
  const [minLat, maxLat] = extent(lats)
  const lat0 = (minLat + maxLat) / 2
  const k = Math.cos((lat0 * Math.PI) / 180)
  const total = lats.length
  const step = Math.ceil(total / MAX_POINTS)
  const projected = rings.map((r) => thin(r, step).map(([lon, lat]) => [lon * k, -lat] as const))
  const [minX, maxX] = extent(projected.flatMap((r) => r.map((p) => p[0])))
  const [minY, maxY] = extent(projected.flatMap((r) => r.map((p) => p[1])))
  const w = maxX - minX
  const h = maxY - minY
  if (w <= 0 && h <= 0) return null
  const scale = Math.min(
    w > 0 ? (MAP_WIDTH - 2 * PADDING) / w : Number.POSITIVE_INFINITY,
    h > 0 ? (MAP_HEIGHT - 2 * PADDING) / h : Number.POSITIVE_INFINITY,
  )
  const offX = (MAP_WIDTH - w * scale) / 2
  const offY = (MAP_HEIGHT - h * scale) / 2
  const fmt = (v: number) => (Math.round(v * 10) / 10).toString()
  return projected
    .map(
      (ring) =>
        `M${ring.map(([x, y]) => `${fmt(offX + (x - minX) * scale)} ${fmt(offY + (y - minY) * scale)}`).join('L')}Z`,
    )
    .join('')
}

/** The boundary drawn as an inline SVG, or null when there is nothing sound to draw. */
export function areaMapSvg(polygon: AreaView['polygon'] | undefined, title: string): Markup | null {
  const rings = boundaryRings(polygon)
  const d = rings ? boundaryPath(rings) : null
  if (!d) return null
  return html`<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${title}"><title>${title}</title><rect width="${MAP_WIDTH}" height="${MAP_HEIGHT}" rx="6" class="map-bg"/><path class="boundary" fill-rule="evenodd" d="${d}"/></svg>`
}
