// Time-axis ticks on the Vietnamese clock (UTC+7 all year, no daylight saving since 1975, so a fixed offset
// needs no time-zone table): whole hours on a day's chart (minutes once zoomed in), days on a week's or month's, months on a year's;
// the coarsest step is taken only when a finer one would crowd the labels. Each label says what changed:
// "06:00" with the day under the first tick and each midnight, "07/12" with the year under the first tick
// and each new year. Where the instants fall is shared with the server's SVG charts (clock-ticks).

import {
  dayLabel,
  MONTHS_EN,
  type TickStep,
  tickInstants,
  VN_OFFSET_MS,
} from '@zonetrace/contracts/clock-ticks'

// Minutes and hours only for a zoomed-in span or a day's chart.
const STEPS: readonly TickStep[] = [
  ...[1, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((minutes) => ({ minutes })),
  ...[1, 2, 7, 14].map((days) => ({ days })),
  ...[1, 2, 3, 6, 12].map((months) => ({ months })),
]

const two = (n: number) => String(n).padStart(2, '0')

export interface Tick {
  t: number
  /** One or two lines ("06:00\n07/12"). */
  label: string
}

/** How wide a step's labels are, in CSS pixels with room between them. */
function spacing(step: TickStep, lang: string): number {
  if ('months' in step) return lang === 'vi' ? 64 : 70
  return lang === 'vi' ? 52 : 56
}

/** Ticks across [t0, t1] (ms) for a plot `width` CSS pixels wide. */
export function timeTicks(t0: number, t1: number, width: number, lang: string): Tick[] {
  let step: TickStep = STEPS[STEPS.length - 1]!
  let chosen: number[] = []
  for (const s of STEPS) {
    const max = Math.max(1, Math.floor(width / spacing(s, lang)))
    const found = tickInstants(s, t0, t1, max)
    if (found.length <= max) {
      step = s
      chosen = found
      break
    }
  }
  if (chosen.length === 0) chosen = tickInstants(step, t0, t1, 1)
  let lastDay = ''
  let lastYear = ''
  return chosen.map((t) => {
    const local = new Date(t + VN_OFFSET_MS)
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
  const local = new Date(t + VN_OFFSET_MS)
  const year = lang === 'vi' ? `/${local.getUTCFullYear()}` : ` ${local.getUTCFullYear()}`
  return `${dayLabel(lang, local)}${year} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
}
