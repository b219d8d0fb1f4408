// Writes dashboards/islands/data/mekong-outline.json: the land under the console's map when no tile server
// is configured (MAP_TILES_URL unset), so the map shows where the areas are with no request to anyone.
//
// Source: Natural Earth 4.1.0 Admin 0 countries at 1:10m (public domain, naturalearthdata.com), as TopoJSON
// in the npm package world-atlas 2.0.2 (ISC), decoded with topojson-client 3.1.0 (ISC); both are pinned
// devDependencies of api/ (scripts/locator-data.ts reads the same atlas), so nothing is added for this.
//
//   npx tsx scripts/natural-earth-outline.ts           rewrite the file
//   npx tsx scripts/natural-earth-outline.ts --check   exit 1 when the file is not what this script makes
//
// The countries are clipped to a box around the former Trà Vinh province (today part of Vĩnh Long) with
// room around it, and rounded to 4 decimals (about 11 m, far finer than the 1:10m coast): a few KB.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { clipRing } from './locator-data.ts'

type Point = [number, number]

const OUT = fileURLToPath(new URL('../dashboards/islands/data/mekong-outline.json', import.meta.url))
/** West, south, east, north: the demo areas (106.0–106.6 E, 9.7–10.0 N) with the coast and rivers around. */
export const OUTLINE_BOX = [105.5, 9.3, 107.0, 10.5] as const
const DECIMALS = 4

function box(): Point[] {
  const [w, s, e, n] = OUTLINE_BOX
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
  ]
}

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS

/** Rounded, without repeats, closed as GeoJSON wants (first point again at the end). */
function tidy(ring: Point[]): Point[] | null {
  const out: Point[] = []
  for (const [x, y] of ring) {
    const p: Point = [round(x), round(y)]
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  if (out.length < 3) return null
  out.push(out[0]!)
  return out
}

export function buildOutline(): string {
  const require = createRequire(import.meta.url)
  const atlas = require('world-atlas/countries-10m.json') as Topology<{ countries: GeometryCollection }>
  const polygons: Point[][][] = []
  for (const country of feature(atlas, atlas.objects.countries).features) {
    const g = country.geometry
    const parts = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : []
    for (const part of parts) {
      // Only outer rings: the delta has no lakes at this scale, and a clipped hole would not stay a hole.
      const clipped = tidy(clipRing(part[0]!.slice(0, -1) as Point[], box()))
      if (clipped) polygons.push([clipped])
    }
  }
  const outline = {
    type: 'Feature',
    properties: {
      source: 'Natural Earth 4.1.0, Admin 0 countries 1:10m, via world-atlas 2.0.2',
      licence: 'public domain',
      box: OUTLINE_BOX,
    },
    geometry: { type: 'MultiPolygon', coordinates: polygons },
  }
  return `${JSON.stringify(outline)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = buildOutline()
  if (process.argv.includes('--check')) {
    const same = readFileSync(OUT, 'utf8') === text
    console.log(same ? 'mekong-outline.json is up to date' : 'mekong-outline.json differs: run the script')
    process.exit(same ? 0 : 1)
  }
  writeFileSync(OUT, text)
  console.log(`wrote ${OUT} (${Buffer.byteLength(text)} bytes, ${text.split('],[').length} points)`)
}
