// Time-axis ticks on the Vietnamese clock (UTC+7 all year, no daylight saving since 1975, so a fixed offset
// needs no time-zone table): whole hours on a day's chart (minutes once zoomed in), days on a week's or month's, months on a year's;
// the coarsest step is taken only when a finer one would crowd the labels. Each label says what changed:
// "06:00" with the day under the first tick and each midnight, "07/12" with the year under the first tick
// and each new year. No imports: the island bundles it and the tests run it under Node.

const HOUR = 3_600_000
const DAY = 24 * HOUR
const VN_OFFSET = 7 * HOUR

type Step = { minutes: number } | { days: number } | { months: number }

// Minutes and hours only for a zoomed-in span or a day's chart.
const STEPS: readonly Step[] = [
  { minutes: 1 },
  { minutes: 5 },
  { minutes: 10 },
  { minutes: 15 },
  { minutes: 30 },
  { minutes: 60 },
  { minutes: 120 },
  { minutes: 180 },
  { minutes: 360 },
  { minutes: 720 },
  { days: 1 },
  { days: 2 },
  { days: 7 },
  { days: 14 },
  { months: 1 },
  { months: 2 },
  { months: 3 },
  { months: 6 },
  { months: 12 },
]

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => String(n).padStart(2, '0')
const mod = (a: number, n: number) => ((a % n) + n) % n

export interface Tick {
  t: number
  /** One or two lines ("06:00\n07/12"). */
  label: string
}

function instants(step: Step, t0: number, t1: number, limit: number): number[] {
  const out: number[] = []
  if ('minutes' in step || 'days' in step) {
    const size = 'minutes' in step ? step.minutes * 60_000 : step.days * DAY
    // Weekly steps land on Mondays: day 0 of the epoch was a Thursday.
    const shift = 'days' in step && step.days % 7 === 0 ? 3 * DAY : 0
    let t = Math.ceil((t0 + VN_OFFSET + shift) / size) * size - VN_OFFSET - shift
    for (; t <= t1 && out.length <= limit; t += size) out.push(t)
    return out
  }
  const start = new Date(t0 + VN_OFFSET)
  let month = start.getUTCFullYear() * 12 + start.getUTCMonth()
  const at = (m: number) => Date.UTC(Math.floor(m / 12), mod(m, 12), 1) - VN_OFFSET
  if (at(month) < t0) month++
  for (month += mod(-month, step.months); at(month) <= t1 && out.length <= limit; month += step.months)
    out.push(at(month))
  return out
}

function dayLabel(lang: string, d: Date): string {
  return lang === 'vi'
    ? `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}`
    : `${d.getUTCDate()} ${MONTHS_EN[d.getUTCMonth()]}`
}

/** How wide a step's labels are, in CSS pixels with room between them. */
function spacing(step: Step, lang: string): number {
  if ('months' in step) return lang === 'vi' ? 64 : 70
  return lang === 'vi' ? 52 : 56
}

/** Ticks across [t0, t1] (ms) for a plot `width` CSS pixels wide. */
export function timeTicks(t0: number, t1: number, width: number, lang: string): Tick[] {
  let step: Step = STEPS[STEPS.length - 1]!
  let chosen: number[] = []
  for (const s of STEPS) {
    const max = Math.max(1, Math.floor(width / spacing(s, lang)))
    const found = instants(s, t0, t1, max)
    if (found.length <= max) {
      step = s
      chosen = found
      break
    }
  }
  if (chosen.length === 0) chosen = instants(step, t0, t1, 1)
  let lastDay = ''
  let lastYear = ''
  return chosen.map((t) => {
    const local = new Date(t + VN_OFFSET)
    const day = dayLabel(lang, local)
    const year = String(local.getUTCFullYear())
    let label: string
    const clock = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
    if ('minutes' in step) label = `${clock}${day === lastDay ? '' : `\n${day}`}`
    else if ('days' in step) label = `${day}${year === lastYear ? '' : `\n${year}`}`
    else
      label =
        lang === 'vi'
          ? `${two(local.getUTCMonth() + 1)}/${year}`
          : `${MONTHS_EN[local.getUTCMonth()]} ${year}`
    lastDay = day
    lastYear = year
    return { t, label }
  })
}

/** "07/12 06:30" on the Vietnamese clock, for the chart's accessible name and status. */
export function clockText(t: number, lang: string): string {
  const local = new Date(t + VN_OFFSET)
  const year = lang === 'vi' ? `/${local.getUTCFullYear()}` : ` ${local.getUTCFullYear()}`
  return `${dayLabel(lang, local)}${year} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
}
