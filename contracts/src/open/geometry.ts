// Plane geometry on longitude/latitude (CRS84) for the open-data interface: a growing area is at most a few
// km across, so treating degrees as a plane is exact enough to pick a centre or test a query box.
import type { AreaGeometry, Position } from './features.ts'

/** [west, south, east, north] */
export type Box = [number, number, number, number]

function ringsOf(geometry: AreaGeometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()
}

/** The geometry's bounding box, or null when it has no coordinates. */
export function boxOf(geometry: AreaGeometry): Box | null {
  let box: Box | null = null
  for (const ring of ringsOf(geometry)) for (const p of ring) box = extendBox(box, p)
  return box
}

export function extendBox(box: Box | null, [x, y]: Position): Box {
  if (!box) return [x, y, x, y]
  return [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
}

export function unionBox(a: Box | null, b: Box | null): Box | null {
  if (!a || !b) return a ?? b
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
}

/**
 * A point for the area: the area-weighted centroid of its outer rings, or its box's centre when the rings
 * are degenerate. Rounded to 6 decimals (about 10 cm), as the outlines are.
 */
export function centreOf(geometry: AreaGeometry): Position | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let area = 0
  let cx = 0
  let cy = 0
  for (const [outer] of polygons) {
    if (!outer) continue
    for (let i = 0; i + 1 < outer.length; i++) {
      const [x0, y0] = outer[i]!
      const [x1, y1] = outer[i + 1]!
      const cross = x0 * y1 - x1 * y0
      area += cross
      cx += (x0 + x1) * cross
      cy += (y0 + y1) * cross
    }
  }
  if (Math.abs(area) > 1e-18) return [round6(cx / (3 * area)), round6(cy / (3 * area))]
  const box = boxOf(geometry)
  return box ? [round6((box[0] + box[2]) / 2), round6((box[1] + box[3]) / 2)] : null
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

export function pointInBox([x, y]: Position, box: Box): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]
}

/** Whether the area's geometry and the box share any point: an edge crosses, or one lies inside the other. */
export function areaIntersectsBox(geometry: AreaGeometry, box: Box): boolean {
  const own = boxOf(geometry)
  if (!own || own[0] > box[2] || own[2] < box[0] || own[1] > box[3] || own[3] < box[1]) return false
  const rings = ringsOf(geometry)
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      if (pointInBox(ring[i]!, box)) return true
      if (i + 1 < ring.length && segmentCrossesBox(ring[i]!, ring[i + 1]!, box)) return true
    }
  }
  // No vertex inside and no edge crossing: the box is either wholly inside the area or outside it.
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return polygons.some((p) => insidePolygon([box[0], box[1]], p))
}

function segmentCrossesBox(a: Position, b: Position, box: Box): boolean {
  const corners: Position[] = [
    [box[0], box[1]],
    [box[2], box[1]],
    [box[2], box[3]],
    [box[0], box[3]],
  ]
  for (let i = 0; i < 4; i++) if (segmentsCross(a, b, corners[i]!, corners[(i + 1) % 4]!)) return true
  return false
}

function segmentsCross(p: Position, q: Position, r: Position, s: Position): boolean {
  const d1 = orient(r, s, p)
  const d2 = orient(r, s, q)
  const d3 = orient(p, q, r)
  const d4 = orient(p, q, s)
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

const orient = (a: Position, b: Position, c: Position) =>
  (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

/** Even-odd rule over the polygon's rings, so a hole excludes. */
function insidePolygon([x, y]: Position, rings: Position[][]): boolean {
  let inside = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}
