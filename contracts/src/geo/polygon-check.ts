// A growing area's outline as a cooperative draws or types it (issue 16), checked the same way by the
// workspace's server and its <area-draw> island, so the map says as you draw what the form will say on
// submit. No imports: the island bundles this file by its path.
//
// The rules: the ring is closed (closed here if it is not), has at least 3 distinct corners, does not cross
// itself, lies inside a box around the Mekong Delta, and its geodesic area is within ×0.5…×2 of the hectares
// the form states. The last is deliberately loose: a sketch traced by thumb or by a phone's GPS is off by
// metres at each corner, but a ratio beyond 2 means a wrong unit (m² for ha) or the wrong field drawn.

export type LonLat = [lon: number, lat: number]

export interface GeoPolygon {
  type: 'Polygon'
  coordinates: LonLat[][]
}

export interface PolygonProblem {
  vi: string
  en: string
}

export interface PolygonCheck {
  /** The closed outline to store, or null when nothing was given or it could not be read. */
  polygon: GeoPolygon | null
  /** Its geodesic area, when it could be computed. */
  areaHa: number | null
  problems: PolygonProblem[]
}

/** The Mekong Delta and a margin: Cà Mau to Long An, the Cambodian border to the sea. */
export const DELTA_BOUNDS = { south: 8.4, north: 11.2, west: 104.3, east: 107.1 } as const
/** The stated hectares may differ from the drawn area by this factor either way. */
export const AREA_TOLERANCE = 2
const MAX_CORNERS = 1000
const EARTH_RADIUS_M = 6_378_137

/** Hectares the Vietnamese way: "3,4" (two decimals under one hectare). */
export function formatHa(ha: number, lang: 'vi' | 'en' = 'vi'): string {
  const digits = ha < 1 ? 2 : 1
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(
    ha,
  )
}

/**
 * Reads a GeoJSON Polygon (bare, or as a Feature's geometry) or "lat,lon" lines, as copied from a phone's
 * map app (latitude first, one corner a line). Returns the outer ring as [lon, lat], or a problem.
 */
export function readOutline(text: string): LonLat[] | PolygonProblem {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return readGeoJson(trimmed)
  const ring: LonLat[] = []
  for (const line of trimmed.split(/\r?\n|;/)) {
    if (line.trim() === '') continue
    const parts = line.trim().split(/[\s,]+/)
    const [lat, lon] = parts.map(Number)
    if (parts.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      return {
        vi: `Không đọc được dòng "${line.trim().slice(0, 40)}": mỗi dòng là "vĩ độ,kinh độ", ví dụ 9.93,106.34.`,
        en: `Cannot read the line "${line.trim().slice(0, 40)}": each line is "lat,lon", e.g. 9.93,106.34.`,
      }
    }
    ring.push([lon as number, lat as number])
  }
  return ring
}

function readGeoJson(text: string): LonLat[] | PolygonProblem {
  const bad = {
    vi: 'Không đọc được GeoJSON: cần một Polygon với các toạ độ [kinh độ, vĩ độ].',
    en: 'Cannot read the GeoJSON: a Polygon of [longitude, latitude] positions is needed.',
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return bad
  }
  const v = value as { type?: unknown; geometry?: unknown; coordinates?: unknown }
  const geometry = (v?.type === 'Feature' ? v.geometry : v) as { type?: unknown; coordinates?: unknown }
  // A MultiPolygon of one polygon is what some tools export for a single field: read as that polygon.
  const single =
    geometry?.type === 'MultiPolygon' &&
    Array.isArray(geometry.coordinates) &&
    geometry.coordinates.length === 1
  const rings: unknown = single ? (geometry.coordinates as unknown[])[0] : geometry?.coordinates
  if ((geometry?.type !== 'Polygon' && !single) || !Array.isArray(rings)) return bad
  const outer: unknown = rings[0]
  if (!Array.isArray(outer) || outer.length > MAX_CORNERS + 1) return bad
  const ring: LonLat[] = []
  for (const p of outer) {
    if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((n) => Number.isFinite(n))) return bad
    ring.push([p[0] as number, p[1] as number])
  }
  return ring
}

/** Checks a typed or drawn outline against the stated hectares (null or absent: not compared). */
export function checkPolygonText(text: string, statedHa: number | null): PolygonCheck {
  if (text.trim() === '') return { polygon: null, areaHa: null, problems: [] }
  const read = readOutline(text)
  if (!Array.isArray(read)) return { polygon: null, areaHa: null, problems: [read] }
  return checkRing(read, statedHa)
}

/** Checks corners in order ([lon, lat]); the ring is closed if it is not. */
export function checkRing(corners: LonLat[], statedHa: number | null): PolygonCheck {
  const open = withoutRepeats(corners.map(([lon, lat]) => [round(lon), round(lat)] as LonLat))
  const problems: PolygonProblem[] = []
  if (open.length < 3) {
    problems.push({
      vi: `Cần ít nhất 3 góc khác nhau; mới có ${open.length}.`,
      en: `At least 3 distinct corners are needed; there are ${open.length}.`,
    })
    return { polygon: null, areaHa: null, problems }
  }
  if (open.length > MAX_CORNERS) {
    problems.push({ vi: `Tối đa ${MAX_CORNERS} góc.`, en: `At most ${MAX_CORNERS} corners.` })
  }
  const ring = [...open, open[0] as LonLat]
  const polygon: GeoPolygon = { type: 'Polygon', coordinates: [ring] }
  const outside = open.filter(([lon, lat]) => !insideDelta(lon, lat)).length
  if (outside > 0) {
    problems.push({
      vi: `${outside} góc nằm ngoài vùng Đồng bằng sông Cửu Long (vĩ độ ${DELTA_BOUNDS.south}–${DELTA_BOUNDS.north}, kinh độ ${DELTA_BOUNDS.west}–${DELTA_BOUNDS.east}); kiểm tra thứ tự vĩ độ, kinh độ.`,
      en: `${outside} corner(s) lie outside the Mekong Delta (lat ${DELTA_BOUNDS.south}–${DELTA_BOUNDS.north}, lon ${DELTA_BOUNDS.west}–${DELTA_BOUNDS.east}); check the latitude, longitude order.`,
    })
  }
  if (selfIntersects(ring)) {
    problems.push({
      vi: 'Các cạnh của đa giác cắt nhau: hãy vẽ các góc theo thứ tự đi quanh ranh giới.',
      en: 'The outline crosses itself: give the corners in order around the boundary.',
    })
  }
  const areaHa = ringAreaM2(ring) / 10_000
  if (areaHa === 0) {
    problems.push({ vi: 'Các góc thẳng hàng: đa giác không có diện tích.', en: 'The corners are in a line.' })
  } else if (statedHa != null && statedHa > 0) {
    const ratio = areaHa / statedHa
    if (ratio < 1 / AREA_TOLERANCE || ratio > AREA_TOLERANCE) {
      problems.push({
        vi: `Đa giác rộng ${formatHa(areaHa)} ha nhưng diện tích khai báo là ${formatHa(statedHa)} ha (chỉ được chênh trong khoảng ×0,5 đến ×2).`,
        en: `The outline covers ${formatHa(areaHa, 'en')} ha but the stated area is ${formatHa(statedHa, 'en')} ha (it may differ by ×0.5 to ×2).`,
      })
    }
  }
  return { polygon, areaHa, problems }
}

export function insideDelta(lon: number, lat: number): boolean {
  const b = DELTA_BOUNDS
  return lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east
}

/** Seven decimals is about a centimetre: more is noise from the GPS or the map. */
function round(n: number): number {
  return Math.round(n * 1e7) / 1e7
}

/** Drops a corner equal to the one before (a double tap) and the closing repeat of the first. */
function withoutRepeats(corners: LonLat[]): LonLat[] {
  const out: LonLat[] = []
  for (const p of corners) {
    const last = out.at(-1)
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  const [first, last] = [out[0], out.at(-1)]
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop()
  return out
}

/** Geodesic area of a closed ring on the WGS 84 sphere (Chamberlain & Duquette, as turf's area). */
export function ringAreaM2(ring: LonLat[]): number {
  const rad = (d: number) => (d * Math.PI) / 180
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i] as LonLat
    const [lon2, lat2] = ring[i + 1] as LonLat
    sum += rad(lon2 - lon1) * (2 + Math.sin(rad(lat1)) + Math.sin(rad(lat2)))
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2)
}

/** Whether two edges that do not share a corner touch or cross (closed ring, so n edges). */
export function selfIntersects(ring: LonLat[]): boolean {
  const n = ring.length - 1
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a corner; the first and last do too.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue
      if (segmentsTouch(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true
    }
  }
  return false
}

function orientation(a: LonLat, b: LonLat, c: LonLat): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
  return v > 0 ? 1 : v < 0 ? -1 : 0
}

function onSegment(a: LonLat, b: LonLat, p: LonLat): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  )
}

function segmentsTouch(p1: LonLat, p2: LonLat, q1: LonLat, q2: LonLat): boolean {
  const [o1, o2, o3, o4] = [
    orientation(p1, p2, q1),
    orientation(p1, p2, q2),
    orientation(q1, q2, p1),
    orientation(q1, q2, p2),
  ]
  if (o1 !== o2 && o3 !== o4) return true
  return (
    (o1 === 0 && onSegment(p1, p2, q1)) ||
    (o2 === 0 && onSegment(p1, p2, q2)) ||
    (o3 === 0 && onSegment(q1, q2, p1)) ||
    (o4 === 0 && onSegment(q1, q2, p2))
  )
}
