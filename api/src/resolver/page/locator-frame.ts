// The locator map's frame: southern Vietnam from the Gulf of Thailand to the Phan Rang coast, so the
// Mekong Delta sits in the middle with Cambodia and Ho Chi Minh City beside it for a shopper to recognise.
// Shared by the page and by scripts/locator-data.ts, which draws Natural Earth's outlines into the same
// frame ahead of time: the page only projects one dot at run time.

export const LOCATOR_WIDTH = 300
export const LOCATOR_HEIGHT = 200
const LOCATOR_SOUTH = 8.3
const LOCATOR_NORTH = 12.3
const LOCATOR_WEST = 103.4
const LAT0 = (LOCATOR_SOUTH + LOCATOR_NORTH) / 2
// Equirectangular, longitude shrunk by cos(latitude) at the frame's middle: over 4° of latitude this keeps
// shapes true to within 2 %, and the outlines need no projection library.
const K = Math.cos((LAT0 * Math.PI) / 180)
const PX_PER_DEGREE = LOCATOR_HEIGHT / (LOCATOR_NORTH - LOCATOR_SOUTH)
const LOCATOR_EAST = LOCATOR_WEST + LOCATOR_WIDTH / PX_PER_DEGREE / K

/** Pixel position in the locator of a longitude and latitude. */
export function locatorPoint(lon: number, lat: number): [x: number, y: number] {
  return [(lon - LOCATOR_WEST) * K * PX_PER_DEGREE, (LOCATOR_NORTH - lat) * PX_PER_DEGREE]
}

/** Whether the point falls inside the locator's frame (anywhere else, the locator would not show it). */
export function inLocator(lon: number, lat: number): boolean {
  return lon >= LOCATOR_WEST && lon <= LOCATOR_EAST && lat >= LOCATOR_SOUTH && lat <= LOCATOR_NORTH
}

/**
 * Today's Vĩnh Long province (Resolution 202/2025/QH15 merged Vĩnh Long, Bến Tre and Trà Vinh), as a
 * convex polygon of [lon, lat]. No well-kept npm package ships Vietnam's 2025 provinces, and Natural Earth's
 * admin-1 layer predates the merger, so this is hand-traced: the three former provinces' published extents
 * (9°31'–10°20' N, 105°41'–106°48' E), the Tiền river (Mỹ Tho branch) along the north and the Hậu river
 * along the south-west, straightened. The sea side lies offshore on purpose: the script intersects this
 * with Natural Earth's coastline, so only the river sides are approximate, to within about 5 km (2–3 px
 * on the locator). Good enough to point at; not a boundary to rely on.
 */
export const VINH_LONG_APPROX: readonly (readonly [lon: number, lat: number])[] = [
  [105.71, 10.16], // west tip, Bình Tân, where the Hậu river meets Đồng Tháp
  [105.88, 10.3], // Mỹ Thuận, the Tiền river
  [106.05, 10.355], // An Bình and Chợ Lách islands
  [106.4, 10.335], // across from Mỹ Tho
  [106.95, 10.15], // offshore, past the Cửa Đại mouth
  [106.85, 9.6], // offshore, Ba Tri and Duyên Hải coast
  [106.4, 9.42], // offshore, past the Định An mouth of the Hậu river
]

/** Whether a point lies in the approximate Vĩnh Long outline (convex, so one side test per edge). */
export function inVinhLongApprox(lon: number, lat: number): boolean {
  const n = VINH_LONG_APPROX.length
  for (let i = 0; i < n; i++) {
    const [x1, y1] = VINH_LONG_APPROX[i]!
    const [x2, y2] = VINH_LONG_APPROX[(i + 1) % n]!
    // The outline runs clockwise (north up), so the inside is on the right of every edge.
    if ((x2 - x1) * (lat - y1) - (y2 - y1) * (lon - x1) > 0) return false
  }
  return true
}
