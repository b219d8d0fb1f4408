// The outline check the workspace's form and its <area-draw> island share (contracts/src/geo).
import { checkPolygonText, checkRing, type LonLat, ringAreaM2 } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

// About 100 m × 100 m near Hòa Tân (Vĩnh Long): one hectare.
const LAT = 9.93
const dLat = 100 / 111_320
const dLon = 100 / (111_320 * Math.cos((LAT * Math.PI) / 180))
const SQUARE: LonLat[] = [
  [106.34, LAT],
  [106.34 + dLon, LAT],
  [106.34 + dLon, LAT + dLat],
  [106.34, LAT + dLat],
]

describe('polygon check', () => {
  it('measures a 100 m square as about one hectare and closes the ring', () => {
    const check = checkRing(SQUARE, 1)
    expect(check.problems).toEqual([])
    expect(check.areaHa).toBeCloseTo(1, 1)
    const ring = check.polygon!.coordinates[0]!
    expect(ring).toHaveLength(5)
    expect(ring[4]).toEqual(ring[0])
  })

  it('gives the same area whichever way round and for a closed ring', () => {
    const closed = [...SQUARE, SQUARE[0]!]
    expect(ringAreaM2([...closed].reverse())).toBeCloseTo(ringAreaM2(closed), 3)
    expect(checkRing(closed, null).polygon!.coordinates[0]).toHaveLength(5)
  })

  it('reads "lat,lon" lines and GeoJSON alike', () => {
    const lines = SQUARE.map(([lon, lat]) => `${lat}, ${lon}`).join('\n')
    const geojson = JSON.stringify({ type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] })
    expect(checkPolygonText(lines, 1).polygon).toEqual(checkPolygonText(geojson, 1).polygon)
    const feature = JSON.stringify({ type: 'Feature', geometry: JSON.parse(geojson), properties: {} })
    expect(checkPolygonText(feature, 1).problems).toEqual([])
    const multi = JSON.stringify({ type: 'MultiPolygon', coordinates: [[[...SQUARE, SQUARE[0]]]] })
    expect(checkPolygonText(multi, 1).polygon).toEqual(checkPolygonText(geojson, 1).polygon)
  })

  it('is empty without problems when nothing is given', () => {
    expect(checkPolygonText('  ', 3)).toEqual({ polygon: null, areaHa: null, problems: [] })
  })

  it('needs three distinct corners', () => {
    const check = checkRing([SQUARE[0]!, SQUARE[1]!, SQUARE[1]!, SQUARE[0]!], null)
    expect(check.polygon).toBeNull()
    expect(check.problems[0]!.vi).toContain('ít nhất 3 góc')
  })

  it('refuses an outline that crosses itself (a bow tie)', () => {
    const bowTie: LonLat[] = [SQUARE[0]!, SQUARE[2]!, SQUARE[1]!, SQUARE[3]!]
    expect(
      checkRing(bowTie, null)
        .problems.map((p) => p.vi)
        .join(),
    ).toContain('cắt nhau')
  })

  it('refuses corners outside the Mekong Delta, as when latitude and longitude are swapped', () => {
    const swapped = SQUARE.map(([lon, lat]) => [lat, lon] as LonLat)
    expect(
      checkRing(swapped, null)
        .problems.map((p) => p.en)
        .join(),
    ).toContain('outside the Mekong Delta')
  })

  it('compares the drawn area with the stated hectares within ×0.5…×2', () => {
    expect(checkRing(SQUARE, 1.9).problems).toEqual([])
    expect(checkRing(SQUARE, 0.6).problems).toEqual([])
    const tooBig = checkRing(SQUARE, 12).problems
    expect(tooBig.map((p) => p.vi)).toEqual([
      'Đa giác rộng 1 ha nhưng diện tích khai báo là 12 ha (chỉ được chênh trong khoảng ×0,5 đến ×2).',
    ])
    expect(checkRing(SQUARE, 0.3).problems[0]!.vi).toContain('0,3 ha')
  })

  it('explains a line it cannot read', () => {
    expect(checkPolygonText('9.93 106.34\nhello', null).problems[0]!.vi).toContain('"hello"')
    expect(checkPolygonText('{"type":"Point"}', null).problems[0]!.en).toContain('Polygon')
  })
})
