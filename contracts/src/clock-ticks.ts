// Where a time axis puts its ticks on the Vietnamese clock, shared by the server's SVG charts (the consumer
// page, the console's no-script view) and the console's chart island, so both draw the same instants.
// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset puts ticks on its midnights
// without a time-zone table. No imports: the island bundles this file on its own (package export
// "@zonetrace/contracts/clock-ticks"), without the rest of the contracts.

export const VN_OFFSET_MS = 7 * 3_600_000
const DAY = 24 * 3_600_000

/** One tick spacing: whole minutes (and hours), days (7 and 14 land on Mondays) or calendar months. */
export type TickStep = { minutes: number } | { days: number } | { months: number }

export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const mod = (a: number, n: number) => ((a % n) + n) % n
const monthStart = (m: number) => Date.UTC(Math.floor(m / 12), mod(m, 12), 1) - VN_OFFSET_MS

/** The instants of one step inside [t0, t1], stopping once there are more than `limit`. */
export function tickInstants(step: TickStep, t0: number, t1: number, limit: number): number[] {
  const out: number[] = []
  if ('minutes' in step || 'days' in step) {
    const size = 'minutes' in step ? step.minutes * 60_000 : step.days * DAY
    // Day 0 of the epoch (1 Jan 1970) was a Thursday: shifting by 3 days puts weekly steps on Mondays.
    const shift = 'days' in step && step.days % 7 === 0 ? 3 * DAY : 0
    let t = Math.ceil((t0 + VN_OFFSET_MS + shift) / size) * size - VN_OFFSET_MS - shift
    for (; t <= t1 && out.length <= limit; t += size) out.push(t)
    return out
  }
  const start = new Date(t0 + VN_OFFSET_MS)
  let month = start.getUTCFullYear() * 12 + start.getUTCMonth()
  if (monthStart(month) < t0) month++
  for (
    month += mod(-month, step.months);
    monthStart(month) <= t1 && out.length <= limit;
    month += step.months
  )
    out.push(monthStart(month))
  return out
}

/** A Vietnamese-clock date as a tick says it: "01/12" in Vietnamese, "1 Dec" in English. */
export function dayLabel(lang: string, local: Date): string {
  const day = local.getUTCDate()
  const month = local.getUTCMonth()
  return lang === 'vi'
    ? `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}`
    : `${day} ${MONTHS_EN[month]}`
}
