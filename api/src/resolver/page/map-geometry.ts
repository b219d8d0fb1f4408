// The numbers behind the area map: reading a stored boundary defensively (it is operator input and the
// page is public, so nothing here may throw), fitting it into the drawing in Web Mercator (the projection
// of every XYZ tile server, so a basemap lines up with the boundary exactly), and a scale bar of a round
// length.
import type { AreaView } from '@zonetrace/contracts'

export type Position = [lon: number, lat: number]
export type Ring = Position[]

function position(p: unknown): Position | null {
  if (!Array.isArray(p) || p.length < 2) return null
  const [lon, lat] = p
  if (typeof lon !== 'number' || typeof lat !== 'number') return null
  // Past ±85° Web Mercator has no finite y; no growing area is there.
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 85) return null
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

function collect(value: unknown, into: Position[], depth: number): void {
  if (depth > 4 || !Array.isArray(value)) return
  const p = position(value)
  if (p) into.push(p)
  else for (const v of value) collect(v, into, depth + 1)
}

/**
 * Where the area is, as one point: the middle of whatever sound coordinates the boundary has. A boundary
 * too broken to draw (a ring of two points, one bad vertex) can still put a dot on the locator and open a
 * map app; with no sound coordinate at all there is no place to show.
 */
export function areaPoint(polygon: AreaView['polygon'] | undefined): Position | null {
  if (!polygon || typeof polygon !== 'object') return null
  const points: Position[] = []
  collect((polygon as { coordinates?: unknown }).coordinates, points, 0)
  if (points.length === 0) return null
  const [west, east] = extent(points.map((p) => p[0]))
  const [south, north] = extent(points.map((p) => p[1]))
  return [(west + east) / 2, (south + north) / 2]
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

/** Web Mercator in world units: the whole world is [0, 1] × [0, 1], x east and y south, as tiles count. */
export function mercator([lon, lat]: Position): [x: number, y: number] {
  const phi = (lat * Math.PI) / 180
  return [(lon + 180) / 360, (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2]
}

const EARTH_CIRCUMFERENCE_M = 40_075_016.686

/** Ground metres in one world unit of Web Mercator at a latitude. */
function metresPerWorldUnit(lat: number): number {
  return EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)
}

/** A drawing's view of the world: pixel = (world − origin) × scale. */
export interface Frame {
  x0: number
  y0: number
  /** Pixels per world unit. */
  scale: number
  /** Ground metres per pixel at the boundary's middle. */
  metresPerPx: number
}

export interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

/**
 * The frame that centres the rings in `box`, as large as fits, but never closer than `minSpanM` across:
 * a one-hectare plot blown up to fill the drawing says nothing about its surroundings.
 */
export function fitFrame(rings: Ring[], box: Box, minSpanM: number): Frame | null {
  const projected = rings.flat().map(mercator)
  const [minX, maxX] = extent(projected.map((p) => p[0]))
  const [minY, maxY] = extent(projected.map((p) => p[1]))
  const lat = extent(rings.flat().map((p) => p[1]))
  const perUnit = metresPerWorldUnit((lat[0] + lat[1]) / 2)
  const minSpan = minSpanM / perUnit
  const w = Math.max(maxX - minX, minSpan)
  const h = Math.max(maxY - minY, minSpan * ((box.bottom - box.top) / (box.right - box.left)))
  if (!(w > 0 && h > 0)) return null
  const scale = Math.min((box.right - box.left) / w, (box.bottom - box.top) / h)
  if (!Number.isFinite(scale)) return null
  return {
    x0: (minX + maxX) / 2 - (box.left + box.right) / 2 / scale,
    y0: (minY + maxY) / 2 - (box.top + box.bottom) / 2 / scale,
    scale,
    metresPerPx: perUnit / scale,
  }
}

interface ScaleBar {
  metres: number
  px: number
  label: string
}

/** The longest 1, 2 or 5 × 10ⁿ metres that fits in `maxPx`, for a bar a shopper can read at a glance. */
export function scaleBar(metresPerPx: number, maxPx: number): ScaleBar | null {
  const most = metresPerPx * maxPx
  if (!(most >= 1) || !Number.isFinite(most)) return null
  const power = 10 ** Math.floor(Math.log10(most))
  const step = [5, 2, 1].find((f) => f * power <= most) ?? 1
  const metres = step * power
  return { metres, px: metres / metresPerPx, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` }
}
