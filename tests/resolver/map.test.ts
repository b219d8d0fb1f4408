// Where it grew, on the consumer page: the area map (commune names, scale bar, north), the locator that puts
// the area in Vĩnh Long and the Mekong Delta, the links that open a map app, and the optional basemap.
// The area is the demo's wax-coconut garden in Tam Ngãi, which absorbed Thạnh Phú in the July 2025 merger.
import {
  fitFrame,
  LOCATOR_HEIGHT,
  LOCATOR_WIDTH,
  mercator,
  NEIGHBOURS_PATH,
  scaleBar,
  strings,
  tilesFor,
  VIETNAM_PATH,
  VINH_LONG_PATH,
  whereFigure,
} from '@zonetrace/api'
import type { AreaView, MapTiles } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { buildLocatorData } from '../../scripts/locator-data.ts'

const RING: [number, number][] = [
  [106.041, 9.872],
  [106.049, 9.873],
  [106.051, 9.866],
  [106.043, 9.864],
  [106.041, 9.872],
]
const OSM: MapTiles = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
  origin: 'https://tile.openstreetmap.org',
}

function area(polygon: AreaView['polygon'] = { type: 'Polygon', coordinates: [RING] }): AreaView {
  return {
    code: 'DEMO-VN-86-29335-01',
    name: 'Vườn dừa sáp Tam Ngãi',
    crop: 'Dừa sáp',
    areaHa: 12.5,
    polygon,
    preset: 'coconut',
    public: true,
    commune: { registeredCode: '29338', code: '29335', name: 'Tam Ngãi', formerName: 'Thạnh Phú' },
    certifications: [],
  }
}

const ctx = (lang: 'vi' | 'en') => ({ lang, s: strings(lang), today: '2026-03-15' })
const render = (a: AreaView, lang: 'vi' | 'en' = 'vi', tiles: MapTiles | null = null) =>
  whereFigure(a, ctx(lang), tiles)?.toString() ?? ''

/** Great-circle metres between two [lon, lat] points. */
function haversine([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 +
    Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lon2! - lon1!) * rad) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
}

/** Absolute points of the M/L/l/z path data the page and the locator use. */
function pathPoints(d: string): [number, number][] {
  const points: [number, number][] = []
  for (const sub of d.match(/M[^M]+/g) ?? []) {
    const [head, rel = ''] = sub.replace(/[Zz]$/, '').split('l')
    const abs = head!.slice(1).split('L')
    let [x, y] = abs[0]!.trim().split(/\s+/).map(Number) as [number, number]
    points.push([x, y])
    for (const p of abs.slice(1)) points.push(p.trim().split(/\s+/).map(Number) as [number, number])
    const deltas = rel.match(/-?(?:\d+\.?\d*|\.\d+)/g)?.map(Number) ?? []
    for (let i = 0; i + 1 < deltas.length; i += 2) {
      x += deltas[i]!
      y += deltas[i + 1]!
      points.push([x, y])
    }
  }
  return points
}

function bbox(points: [number, number][]) {
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) }
}

const svgOf = (markup: string, cls: string) => {
  const from = markup.indexOf(`<svg class="${cls}"`)
  expect(from, `<svg class="${cls}">`).toBeGreaterThanOrEqual(0)
  return markup.slice(from, markup.indexOf('</svg>', from) + 6)
}

describe('area map', () => {
  it('draws a scale bar whose length is true to the ground, in a round number of metres', () => {
    const map = svgOf(render(area()), 'map')
    const bar = /<path class="scale" d="M12 179v7h([\d.]+)v-7"\/>/.exec(map)
    const label = /<text x="\d+" y="190" font-size="12">(\d+) (m|km)<\/text>/.exec(map)
    expect(bar && label).toBeTruthy()
    const metres = Number(label![1]) * (label![2] === 'km' ? 1000 : 1)
    expect([1, 2, 5]).toContain(metres / 10 ** Math.floor(Math.log10(metres)))
    // The ring's first edge, measured on the drawing and on the ground, gives the drawing's true scale.
    const [a, b] = pathPoints(/<path class="boundary"[^>]* d="([^"]+)"/.exec(map)![1]!)
    const metresPerPx = haversine(RING[0]!, RING[1]!) / Math.hypot(b![0] - a![0], b![1] - a![1])
    expect((Number(bar![1]) * metresPerPx) / metres).toBeCloseTo(1, 2)
  })

  it('picks 1, 2 or 5 × 10ⁿ, at most the room given, and km from 1000 m', () => {
    expect(scaleBar(10, 110)).toEqual({ metres: 1000, px: 100, label: '1 km' })
    expect(scaleBar(4, 110)).toEqual({ metres: 200, px: 50, label: '200 m' })
    expect(scaleBar(0.5, 110)).toEqual({ metres: 50, px: 100, label: '50 m' })
    expect(scaleBar(40, 110)).toEqual({ metres: 2000, px: 50, label: '2 km' })
    expect(scaleBar(Number.NaN, 110)).toBeNull()
    // A 20 km wide bounding box at 10° N fitted into 272 pixels: 1 px ≈ 80 m, so the bar is 5 km.
    const frame = fitFrame(
      [
        [
          [106, 9.95],
          [106 + 20_000 / 109_650, 10.05],
        ],
      ],
      { left: 14, top: 0, right: 286, bottom: 200 },
      0,
    )!
    expect(frame.metresPerPx).toBeCloseTo(20_000 / 272, 0)
    expect(scaleBar(frame.metresPerPx, 110)).toMatchObject({ metres: 5000, label: '5 km' })
  })

  it("names today's commune and the one before the 2025 merger, on the map and in its title", () => {
    const vi = svgOf(render(area()), 'map')
    expect(vi).toContain('>Tam Ngãi</text>')
    expect(vi).toContain('>trước đây: Thạnh Phú</text>')
    expect(vi).toContain(
      'aria-label="Bản đồ vùng trồng DEMO-VN-86-29335-01 ở Tam Ngãi (trước đây: Thạnh Phú), tỉnh Vĩnh Long"',
    )
    expect(vi).toMatch(/role="img" aria-label="[^"]+"><title>Bản đồ vùng trồng DEMO/)
    expect(vi).toMatch(/<path class="north"[^>]*\/><text[^>]*>B<\/text>/)
    const en = svgOf(render(area(), 'en'), 'map')
    expect(en).toContain('>formerly Thạnh Phú</text>')
    expect(en).toContain('in Tam Ngãi (formerly Thạnh Phú), Vĩnh Long province')
    // No former name, or the same one: one line; no name at all: no bare code on the map.
    const renamed = area()
    renamed.commune = { ...renamed.commune, formerName: 'Tam Ngãi' }
    expect(render(renamed)).not.toContain('trước đây')
    const unnamed = area()
    unnamed.commune = { ...unnamed.commune, name: null }
    const unnamedMap = svgOf(render(unnamed), 'map')
    expect(unnamedMap).not.toMatch(/<text[^>]*>\d+<\/text>/)
    expect(unnamedMap).toContain('aria-label="Bản đồ vùng trồng DEMO-VN-86-29335-01 ở tỉnh Vĩnh Long"')
  })

  it('squeezes a name too long for the drawing rather than letting it run off', () => {
    const long = area()
    long.commune = { ...long.commune, name: 'Phường Phú Khương Nhơn Thạnh Phú Hưng Và Một Tên Rất Dài' }
    expect(render(long)).toMatch(/font-size="15" textLength="250" lengthAdjust="spacingAndGlyphs"/)
  })
})

describe('locator', () => {
  it("is Natural Earth's outline of southern Vietnam, as scripts/locator-data.ts makes it", () => {
    expect(buildLocatorData()).toEqual({
      vietnam: VIETNAM_PATH,
      neighbours: NEIGHBOURS_PATH,
      vinhLong: VINH_LONG_PATH,
    })
    // Small enough to repeat per area: a few KB of path data.
    expect(VIETNAM_PATH.length + NEIGHBOURS_PATH.length + VINH_LONG_PATH.length).toBeLessThan(6000)
    // Vietnam spans the frame from the Cà Mau cape to the Phan Rang coast.
    const vn = bbox(pathPoints(VIETNAM_PATH))
    expect(vn.minX).toBeLessThan(60)
    expect(vn.maxX).toBeGreaterThan(LOCATOR_WIDTH - 10)
    expect(vn.maxY).toBeGreaterThan(LOCATOR_HEIGHT - 30)
  })

  it('puts a dot on the area inside Vĩnh Long and Vietnam, labelled in the page language', () => {
    const vi = svgOf(render(area()), 'map locator')
    expect(vi).toContain(`d="${VIETNAM_PATH}"`)
    const [, cx, cy] = /<circle class="marker" cx="([\d.]+)" cy="([\d.]+)"/.exec(vi)!.map(Number)
    for (const path of [VIETNAM_PATH, VINH_LONG_PATH]) {
      const box = bbox(pathPoints(path))
      expect(cx).toBeGreaterThan(box.minX)
      expect(cx).toBeLessThan(box.maxX)
      expect(cy).toBeGreaterThan(box.minY)
      expect(cy).toBeLessThan(box.maxY)
    }
    expect(vi).toContain('>Vĩnh Long</text>')
    expect(vi).toContain('>ĐB sông Cửu Long</text>')
    expect(vi).toContain(
      'aria-label="Bản đồ vị trí: vùng trồng DEMO-VN-86-29335-01 là chấm đỏ trong tỉnh Vĩnh Long',
    )
    expect(render(area(), 'en')).toContain('>Mekong Delta</text>')
  })

  it("moves the delta's name off a dot that would sit under it (a pond in Bạc Liêu)", () => {
    const square = (lon: number, lat: number) => [
      [lon, lat],
      [lon + 0.005, lat],
      [lon + 0.005, lat - 0.005],
      [lon, lat - 0.005],
      [lon, lat],
    ]
    const deltaY = (a: AreaView) =>
      Number(/<text x="[\d.]+" y="([\d.]+)" text-anchor="middle" class="em">/.exec(render(a))![1])
    const pond = area({ type: 'Polygon', coordinates: [square(105.15, 9.22)] })
    const garden = area()
    expect(deltaY(pond)).not.toBe(deltaY(garden))
    const [, cy] = /<circle class="marker" cx="([\d.]+)" cy="([\d.]+)"/
      .exec(render(pond))!
      .slice(1)
      .map(Number)
    expect(Math.abs(deltaY(pond) - cy!)).toBeGreaterThan(10)
  })

  it('shows for a boundary too broken to draw, and not for one far from the delta', () => {
    const broken = render(area({ type: 'Polygon', coordinates: [[RING[0], RING[1]]] }))
    expect(broken).not.toContain('<svg class="map"')
    expect(broken).toContain('<svg class="map locator"')
    expect(broken).toContain('href="geo:9.87250,106.04500')
    // Hà Nội is outside the locator's frame: the area map and links stay, the locator goes.
    const north = render(
      area({ type: 'Polygon', coordinates: [RING.map(([lon, lat]) => [lon - 0.2, lat + 11])] }),
    )
    expect(north).toContain('<svg class="map"')
    expect(north).not.toContain('locator')
    expect(north).not.toContain('tỉnh Vĩnh Long')
  })

  it('shows nothing, and never throws, when no coordinate is usable', () => {
    const junk: unknown[] = [
      null,
      { type: 'Polygon', coordinates: [[['x', 9.8]]] },
      { type: 'Polygon', coordinates: 'x' },
      {
        type: 'Polygon',
        coordinates: [
          [
            [Number.NaN, 9],
            [200, 9],
            [106, 95],
          ],
        ],
      },
      { type: 'MultiPolygon', coordinates: [[[[[[[[106, 9]]]]]]]] },
      { type: 'Point', coordinates: null },
    ]
    for (const polygon of junk) expect(render(area(polygon as AreaView['polygon']))).toBe('')
  })
})

describe('map links', () => {
  it('opens the place in the phone map app (geo:) and on OpenStreetMap, with the area named', () => {
    const markup = render(area())
    const label = encodeURIComponent('Vườn dừa sáp Tam Ngãi')
    expect(markup).toContain(
      `<a href="geo:9.86850,106.04600?q=9.86850,106.04600(${label})">Mở trong ứng dụng bản đồ</a>`,
    )
    expect(markup).toContain(
      '<a href="https://www.openstreetmap.org/?mlat=9.86850&amp;mlon=106.04600#map=15/9.86850/106.04600" rel="external noreferrer">Xem trên OpenStreetMap</a>',
    )
    expect(render(area(), 'en')).toContain('>Open in your map app</a>')
    // Parentheses would end the pin's label early; quotes and angle brackets never reach the markup raw.
    const odd = area()
    odd.name = 'Vườn (cũ) "A" <b>'
    expect(render(odd)).toContain('(V%C6%B0%E1%BB%9Dn%20%28c%C5%A9%29%20%22A%22%20%3Cb%3E)"')
  })
})

describe('basemap tiles', () => {
  it('are drawn only when configured, with the attribution under the map', () => {
    expect(render(area())).not.toContain('<img')
    expect(render(area())).not.toContain('OpenStreetMap contributors')
    const tiled = render(area(), 'vi', OSM)
    const srcs = [...tiled.matchAll(/<img class="tile" src="([^"]+)"/g)].map((m) => m[1])
    expect(srcs.length).toBeGreaterThan(0)
    for (const src of srcs) expect(src).toMatch(/^https:\/\/tile\.openstreetmap\.org\/15\/\d+\/\d+\.png$/)
    expect(tiled).toContain('<p class="map-attr">© OpenStreetMap contributors</p>')
    expect(tiled).toContain('referrerpolicy="strict-origin"')
    // The tiles replace the plain background.
    expect(tiled).not.toContain('class="map-bg"')
  })

  it('cover the whole drawing at a zoom drawn at 128–256 px per tile, aligned with the boundary', () => {
    const frame = fitFrame([RING], { left: 14, top: 46, right: 286, bottom: 166 }, 400)!
    const tiles = tilesFor(frame, 300, 200, '{z}/{x}/{y}')
    expect(tiles.length).toBeLessThanOrEqual(12)
    expect(Math.min(...tiles.map((t) => t.left))).toBeLessThanOrEqual(0)
    expect(Math.max(...tiles.map((t) => t.left + t.size))).toBeGreaterThanOrEqual(300)
    expect(Math.min(...tiles.map((t) => t.top))).toBeLessThanOrEqual(0)
    expect(Math.max(...tiles.map((t) => t.top + t.size))).toBeGreaterThanOrEqual(200)
    expect(tiles[0]!.size).toBeGreaterThan(128)
    expect(tiles[0]!.size).toBeLessThanOrEqual(256)
    // The tile holding the ring's first corner has it where the boundary's drawing puts it.
    const [z, x, y] = tiles[0]!.href.split('/').map(Number) as [number, number, number]
    const [mx, my] = mercator(RING[0]!)
    const n = 2 ** z
    const t = tiles.find((c) => c.href === `${z}/${Math.floor(mx * n)}/${Math.floor(my * n)}`)!
    expect(t.left + (mx * n - Math.floor(mx * n)) * t.size).toBeCloseTo((mx - frame.x0) * frame.scale, 6)
    expect(t.top + (my * n - Math.floor(my * n)) * t.size).toBeCloseTo((my - frame.y0) * frame.scale, 6)
    expect([x, y].every(Number.isInteger)).toBe(true)
  })
})
