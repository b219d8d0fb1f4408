// Where a gateway stands, as the API, the CLI and the console take it: a GeoJSON Point [lon, lat] (WGS 84),
// or "lat,lon" as a phone's map app copies it. One check for all three, so each refuses the same positions
// with the same words. The box is the one an area's outline must lie in (polygon-check.ts): a point outside
// the Mekong Delta is almost always latitude and longitude swapped, which is worth saying rather than storing.
import { DELTA_BOUNDS, type LonLat, type PolygonProblem } from './polygon-check.ts'

export interface GeoPoint {
  type: 'Point'
  coordinates: LonLat
}

export type PointCheck = { ok: true; point: GeoPoint } | { ok: false; problem: PolygonProblem }

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** Checks a GeoJSON Point; the answer keeps [lon, lat] only (a height is dropped), rounded to ~10 cm. */
export function checkPoint(value: unknown): PointCheck {
  const v = value as { type?: unknown; coordinates?: unknown } | null
  const c = v?.coordinates
  if (
    typeof v !== 'object' ||
    v?.type !== 'Point' ||
    !Array.isArray(c) ||
    c.length < 2 ||
    c.length > 3 ||
    !c.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    return {
      ok: false,
      problem: {
        vi: 'Vị trí phải là một GeoJSON Point {"type":"Point","coordinates":[kinh độ, vĩ độ]}.',
        en: 'The position must be a GeoJSON Point {"type":"Point","coordinates":[longitude, latitude]}.',
      },
    }
  }
  return checkLonLat(c[0] as number, c[1] as number)
}

/** Reads "lat,lon" (latitude first, as Google Maps copies a place: "9.93, 106.34"). */
export function readLatLon(text: string): PointCheck {
  const parts = text.trim().split(/\s*[,;\s]\s*/)
  const [lat, lon] = parts.map(Number)
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return {
      ok: false,
      problem: {
        vi: `Không đọc được vị trí "${text.trim().slice(0, 40)}": cần "vĩ độ,kinh độ", ví dụ 9.93,106.34.`,
        en: `Cannot read the position "${text.trim().slice(0, 40)}": "lat,lon" is needed, e.g. 9.93,106.34.`,
      },
    }
  }
  return checkLonLat(lon as number, lat as number)
}

function checkLonLat(lon: number, lat: number): PointCheck {
  const b = DELTA_BOUNDS
  if (lat < b.south || lat > b.north || lon < b.west || lon > b.east) {
    const shown = `${lat}, ${lon}`
    return {
      ok: false,
      problem: {
        vi: `Vị trí (vĩ độ, kinh độ) ${shown} nằm ngoài vùng Đồng bằng sông Cửu Long (vĩ độ ${b.south}–${b.north}, kinh độ ${b.west}–${b.east}); kiểm tra thứ tự vĩ độ, kinh độ.`,
        en: `The position (lat, lon) ${shown} lies outside the Mekong Delta (lat ${b.south}–${b.north}, lon ${b.west}–${b.east}); check the latitude, longitude order.`,
      },
    }
  }
  return { ok: true, point: { type: 'Point', coordinates: [round6(lon), round6(lat)] } }
}
