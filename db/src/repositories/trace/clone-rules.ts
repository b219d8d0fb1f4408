// When a serial looks copied: scanned too often, or seen in two places further apart than anyone could
// travel in the time between (traceability-standards.md, "Anti-counterfeit practice").
import type { CloneFlag } from '@zonetrace/contracts'

export interface ClonePolicy {
  /** More scans than this flag the serial. */
  maxScans: number
  /** Two located scans further apart than this speed allows flag the serial. */
  maxKmh: number
  /** Distances below this are within the coarse cells' error and never count as travel. */
  minKm: number
}

export interface Located {
  lat: number | null
  lon: number | null
}

export function cloneFlagFor(
  count: number,
  scan: Located,
  prev: { prevLat: number | null; prevLon: number | null; prevAt: Date | null },
  policy: ClonePolicy,
  now: Date,
): CloneFlag | null {
  if (count > policy.maxScans) return 'too_many_scans'
  if (
    scan.lat === null ||
    scan.lon === null ||
    prev.prevLat === null ||
    prev.prevLon === null ||
    !prev.prevAt
  ) {
    return null
  }
  const km = haversineKm(prev.prevLat, prev.prevLon, scan.lat, scan.lon)
  if (km < policy.minKm) return null
  // Scans in the same second still count as travel: a second is the floor, not zero.
  const hours = Math.max((now.getTime() - prev.prevAt.getTime()) / 3_600_000, 1 / 3600)
  return km / hours > policy.maxKmh ? 'impossible_travel' : null
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(a))
}
