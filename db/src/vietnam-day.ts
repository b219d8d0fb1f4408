// Days on the Vietnamese calendar. Vietnam keeps UTC+7 all year (no daylight saving since 1975), so a day
// is a fixed 24 hours starting at 17:00 UTC. Daily rollups, series buckets of whole days and the daily
// compliance report all cut days here, with one fixed offset rather than a time-zone name, so the database
// and this code cannot disagree about where a day starts.

const VIETNAM_OFFSET_MS = 7 * 3_600_000
export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

/**
 * The origin every day-aligned time_bucket() uses: a Monday midnight in Vietnam. Whole-day buckets then
 * start at Vietnamese midnight, week buckets on Monday, and hour buckets still on whole hours.
 */
export const VIETNAM_ORIGIN = '2000-01-03T00:00:00+07:00'

/** Start (a UTC instant) of the Vietnamese day holding `ms`. */
export function vietnamDayStart(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS
}

/** 'YYYY-MM-DD' of the Vietnamese day holding `ms`. */
export function vietnamDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

/** Start of the Vietnamese day named 'YYYY-MM-DD', or null when the text is not a real calendar date. */
export function vietnamDayStartOf(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const utc = Date.UTC(y, m - 1, d)
  // Date.UTC rolls 2025-02-30 over into March; a real date survives the round trip.
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) return null
  return utc - VIETNAM_OFFSET_MS
}
