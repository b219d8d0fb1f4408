// Writes api/src/resolver/page/locator-data.ts: the outlines on the consumer page's locator map, drawn
// once here so the page neither parses a 3.5 MB atlas at start-up nor fetches anything at run time.
//
// Source: Natural Earth 4.1.0 Admin 0 countries at 1:10m (public domain, naturalearthdata.com), as
// TopoJSON in the npm package world-atlas 2.0.2 (ISC), decoded with topojson-client 3.1.0 (ISC). Both are
// pinned devDependencies of api/; the page itself needs neither.
//
//   npx tsx scripts/locator-data.ts           rewrite the file
//   npx tsx scripts/locator-data.ts --check   exit 1 when the file is not what this script makes
//
// Each outline is projected into the locator's frame, clipped to it, simplified (Douglas–Peucker, half a
// pixel) and rounded to a tenth of a pixel: a few KB of path data for a 300 × 200 drawing.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import {
  LOCATOR_HEIGHT,
  LOCATOR_WIDTH,
  locatorPoint,
  VINH_LONG_APPROX,
} from '../api/src/resolver/page/locator-frame.ts'

type Point = [number, number]
type Ring = Point[]

const OUT = fileURLToPath(new URL('../api/src/resolver/page/locator-data.ts', import.meta.url))
const VIETNAM = '704'
const TOLERANCE_PX = 0.5
/** Islets smaller than this many square pixels would be specks of path data nobody can see. */
const MIN_AREA_PX = 1.5
/** The frame is clipped a little outside the drawing, so cut edges never show as coastline. */
const BLEED = 2

function area(ring: Ring): number {
  let sum = 0
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!
    const [x2, y2] = ring[(i + 1) % ring.length]!
    sum += x1 * y2 - x2 * y1
  }
  return sum / 2
}

/** Sutherland–Hodgman: the part of `ring` inside the convex polygon `clip`. */
export function clipRing(ring: Ring, clip: Ring): Ring {
  const sign = Math.sign(area(clip))
  const inside = (p: Point, a: Point, b: Point) =>
    sign * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0
  const cross = (p: Point, q: Point, a: Point, b: Point): Point => {
    const [dx, dy] = [q[0] - p[0], q[1] - p[1]]
    const t =
      ((b[0] - a[0]) * (a[1] - p[1]) - (b[1] - a[1]) * (a[0] - p[0])) /
      ((b[0] - a[0]) * dy - (b[1] - a[1]) * dx)
    return [p[0] + t * dx, p[1] + t * dy]
  }
  let out = ring
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i]!
    const b = clip[(i + 1) % clip.length]!
    const input = out
    out = []
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!
      const prev = input[(j + input.length - 1) % input.length]!
      if (inside(p, a, b)) {
        if (!inside(prev, a, b)) out.push(cross(prev, p, a, b))
        out.push(p)
      } else if (inside(prev, a, b)) out.push(cross(prev, p, a, b))
    }
  }
  return out
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2))
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
}

/** Douglas–Peucker on an open polyline. */
function simplify(points: Ring, tolerance: number): Ring {
  if (points.length < 3) return points
  const keep = new Uint8Array(points.length)
  keep[0] = keep[points.length - 1] = 1
  const stack: [number, number][] = [[0, points.length - 1]]
  while (stack.length > 0) {
    const [from, to] = stack.pop()!
    let worst = -1
    let index = -1
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(points[i]!, points[from]!, points[to]!)
      if (d > worst) [worst, index] = [d, i]
    }
    if (worst > tolerance) {
      keep[index] = 1
      stack.push([from, index], [index, to])
    }
  }
  return points.filter((_, i) => keep[i] === 1)
}

function simplifyRing(ring: Ring): Ring {
  // Split a closed ring at its point farthest from the start, so neither half has a zero-length baseline.
  let far = 0
  for (let i = 1; i < ring.length; i++) {
    if (
      Math.hypot(ring[i]![0] - ring[0]![0], ring[i]![1] - ring[0]![1]) >
      Math.hypot(ring[far]![0] - ring[0]![0], ring[far]![1] - ring[0]![1])
    )
      far = i
  }
  const first = simplify(ring.slice(0, far + 1), TOLERANCE_PX)
  const second = simplify([...ring.slice(far), ring[0]!], TOLERANCE_PX)
  return [...first, ...second.slice(1, -1)]
}

/** Relative moves between points rounded to tenths: about half the bytes of absolute coordinates. */
function ringPath(ring: Ring): string {
  const tenths = ring.map(([x, y]) => [Math.round(x * 10), Math.round(y * 10)] as const)
  const num = (v: number, first: boolean) =>
    `${v < 0 || first ? '' : ' '}${String(v / 10).replace(/^(-?)0\./, '$1.')}`
  const [x0, y0] = tenths[0]!
  let d = `M${x0 / 10} ${y0 / 10}l`
  for (let i = 1; i < tenths.length; i++) {
    const dx = tenths[i]![0] - tenths[i - 1]![0]
    const dy = tenths[i]![1] - tenths[i - 1]![1]
    d += `${num(dx, i === 1)}${num(dy, false)}`
  }
  return `${d}z`
}

function pathData(rings: Ring[]): string {
  return rings
    .map(simplifyRing)
    .filter((r) => r.length >= 3 && Math.abs(area(r)) >= MIN_AREA_PX)
    .map(ringPath)
    .join('')
}

function projectedRings(geometry: GeoJSON.Geometry | null): Ring[] {
  if (!geometry) return []
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : []
  // GeoJSON rings repeat their first point at the end; the clipper wants each point once.
  return polygons.flat().map((ring) => ring.slice(0, -1).map(([lon, lat]) => locatorPoint(lon!, lat!)))
}

const FRAME: Ring = [
  [-BLEED, -BLEED],
  [LOCATOR_WIDTH + BLEED, -BLEED],
  [LOCATOR_WIDTH + BLEED, LOCATOR_HEIGHT + BLEED],
  [-BLEED, LOCATOR_HEIGHT + BLEED],
]

export interface LocatorData {
  vietnam: string
  neighbours: string
  vinhLong: string
}

export function buildLocatorData(): LocatorData {
  const require = createRequire(import.meta.url)
  const atlas = require('world-atlas/countries-10m.json') as Topology<{ countries: GeometryCollection }>
  const countries = feature(atlas, atlas.objects.countries).features
  const clipped = (f: (typeof countries)[number]) =>
    projectedRings(f.geometry)
      .map((r) => clipRing(r, FRAME))
      .filter((r) => r.length >= 3)
  const vietnamRings = countries.filter((f) => f.id === VIETNAM).flatMap(clipped)
  const vinhLong = VINH_LONG_APPROX.map(([lon, lat]) => locatorPoint(lon, lat))
  return {
    vietnam: pathData(vietnamRings),
    neighbours: pathData(countries.filter((f) => f.id !== VIETNAM).flatMap(clipped)),
    vinhLong: pathData(vietnamRings.map((r) => clipRing(r, vinhLong)).filter((r) => r.length >= 3)),
  }
}

export function locatorModule(data: LocatorData): string {
  return `// Generated by scripts/locator-data.ts from Natural Earth 4.1.0 (public domain) via world-atlas 2.0.2:
// do not edit; run \`npx tsx scripts/locator-data.ts\` instead. SVG path data in the frame of
// locator-frame.ts. The Vĩnh Long shape is approximate on its river sides (see VINH_LONG_APPROX).

/** Vietnam's land, from the Gulf of Thailand to the Phan Rang coast. */
export const VIETNAM_PATH =
  '${data.vietnam}'

/** Cambodia and any other neighbour inside the frame, drawn lightly. */
export const NEIGHBOURS_PATH =
  '${data.neighbours}'

/** Today's Vĩnh Long province (2025), approximate: Natural Earth's coast, hand-traced river sides. */
export const VINH_LONG_PATH =
  '${data.vinhLong}'
`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = locatorModule(buildLocatorData())
  if (process.argv.includes('--check')) {
    const same = readFileSync(OUT, 'utf8') === text
    console.log(
      same ? 'locator-data.ts is up to date' : 'locator-data.ts differs: run scripts/locator-data.ts',
    )
    process.exit(same ? 0 : 1)
  }
  writeFileSync(OUT, text)
  console.log(`wrote ${OUT} (${Buffer.byteLength(text)} bytes)`)
}
