// The two axes of a metric's chart, worked out before anything is drawn: dates at day, week or month
// boundaries on the Vietnamese calendar, and values at round numbers (1, 2 or 5 × 10ⁿ), so a shopper can
// read a level off the chart without doing arithmetic.
import type { Lang } from './i18n.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset puts ticks on its
// midnights without a time-zone table; format.ts writes the page's dates on the same clock.
const VN_OFFSET = 7 * HOUR

interface TimeTick {
  t: number
  /** "01/12" on Vietnamese pages, "1 Dec" on English ones. */
  label: string
  /** The year, under the first tick and wherever a new year starts; null elsewhere. */
  year: string | null
}

type Step = { hours: number } | { days: number } | { months: number }

// Only for a chart that asks for them (the console's day-long ranges): a shopper's windows are weeks long.
const HOUR_STEPS: readonly Step[] = [{ hours: 1 }, { hours: 2 }, { hours: 3 }, { hours: 6 }, { hours: 12 }]

// Smallest first: the first step that gives few enough ticks wins. Weeks start on Monday.
const STEPS: readonly Step[] = [
  { days: 1 },
  { days: 2 },
  { days: 7 },
  { days: 14 },
  { months: 1 },
  { months: 2 },
  { months: 3 },
  { months: 6 },
  { months: 12 },
  { months: 24 },
  { months: 60 },
]

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const mod = (a: number, n: number) => ((a % n) + n) % n

/** Tick instants of one step inside [t0, t1], stopping once there are more than `limit`. */
function stepTicks(step: Step, t0: number, t1: number, limit: number): number[] {
  const out: number[] = []
  if ('hours' in step) {
    const size = step.hours * HOUR
    for (
      let t = Math.ceil((t0 + VN_OFFSET) / size) * size - VN_OFFSET;
      t <= t1 && out.length <= limit;
      t += size
    )
      out.push(t)
    return out
  }
  if ('days' in step) {
    // Day 0 of the epoch (1 Jan 1970) was a Thursday: +3 makes weekly steps land on Mondays.
    const shift = step.days % 7 === 0 ? 3 : 0
    const first = Math.ceil((t0 + VN_OFFSET) / DAY)
    for (let day = first + mod(-(first + shift), step.days); out.length <= limit; day += step.days) {
      const t = day * DAY - VN_OFFSET
      if (t > t1) break
      out.push(t)
    }
    return out
  }
  const start = new Date(t0 + VN_OFFSET)
  let month = start.getUTCFullYear() * 12 + start.getUTCMonth()
  if (Date.UTC(Math.floor(month / 12), mod(month, 12), 1) - VN_OFFSET < t0) month++
  for (month += mod(-month, step.months); out.length <= limit; month += step.months) {
    const t = Date.UTC(Math.floor(month / 12), mod(month, 12), 1) - VN_OFFSET
    if (t > t1) break
    out.push(t)
  }
  return out
}

function dayLabel(lang: Lang, local: Date): string {
  const day = local.getUTCDate()
  const month = local.getUTCMonth()
  return lang === 'vi'
    ? `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}`
    : `${day} ${MONTHS_EN[month]}`
}

/**
 * At most `max` date ticks across [t0, t1]; a window shorter than a day gets one tick at its start. With
 * `hours`, whole hours come first ("06:00", the day under the first tick and each midnight in `year`).
 */
export function timeTicks(t0: number, t1: number, max: number, lang: Lang, hours = false): TimeTick[] {
  let chosen: number[] = []
  let hourly = false
  for (const step of hours ? [...HOUR_STEPS, ...STEPS] : STEPS) {
    chosen = stepTicks(step, t0, t1, max)
    hourly = 'hours' in step
    if (chosen.length <= max) break
  }
  if (hourly) {
    let lastDay = ''
    return chosen.map((t) => {
      const local = new Date(t + VN_OFFSET)
      const day = dayLabel(lang, local)
      const tick = {
        t,
        label: `${String(local.getUTCHours()).padStart(2, '0')}:00`,
        year: day === lastDay ? null : day,
      }
      lastDay = day
      return tick
    })
  }
  if (chosen.length > max) chosen = chosen.filter((_, i) => i % Math.ceil(chosen.length / max) === 0)
  if (chosen.length === 0) chosen = [t0]
  let lastYear = ''
  return chosen.map((t) => {
    const local = new Date(t + VN_OFFSET)
    const year = String(local.getUTCFullYear())
    const tick = { t, label: dayLabel(lang, local), year: year === lastYear ? null : year }
    lastYear = year
    return tick
  })
}

export interface ValueAxis {
  lo: number
  hi: number
  step: number
  ticks: number[]
  /** Decimals every tick label is written with, so a column of labels lines up. */
  decimals: number
}

function decimalsOf(step: number): number {
  let d = 0
  while (d < 10 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-6) d++
  return d
}

/** 1, 2 or 5 × 10ⁿ near `rough`, never finer than the metric's probes resolve. */
function niceStep(rough: number, decimals: number): number {
  const finest = 10 ** -decimals
  if (!(rough > 0)) return finest
  const power = 10 ** Math.floor(Math.log10(rough))
  const f = rough / power
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
  return Math.max(step, finest)
}

function build(lo: number, hi: number, step: number): ValueAxis {
  const decimals = decimalsOf(step)
  const ticks: number[] = []
  for (let i = Math.round(lo / step); i <= Math.round(hi / step); i++)
    ticks.push(Number((i * step).toFixed(decimals)))
  return { lo, hi, step, ticks, decimals }
}

/**
 * Round ticks spanning every value given (at least one, all finite), about `target` intervals. A flat
 * series gets room around it rather than a zero-height axis; one that never went below zero keeps its
 * axis from dipping below zero for the padding.
 */
export function valueAxis(values: number[], decimals: number, target = 4): ValueAxis {
  let lo = Math.min(...values)
  let hi = Math.max(...values)
  if (hi - lo < 10 ** -decimals) {
    const pad = Math.abs(hi) * 0.1 || 1
    lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad
    hi += pad
  }
  const step = niceStep((hi - lo) / target, decimals)
  return build(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step)
}

/** The same axis one step taller at the top or bottom, to leave room for a label. */
export function extendAxis(axis: ValueAxis, side: 'up' | 'down'): ValueAxis {
  return side === 'up'
    ? build(axis.lo, axis.hi + axis.step, axis.step)
    : build(axis.lo - axis.step, axis.hi, axis.step)
}

// Locales as format.ts uses them; ticks need a fixed number of decimals, which formatNumber does not do.
const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' }
const tickFormats = new Map<string, Intl.NumberFormat>()

/** A tick value in the page's language (vi: "3,5", "12.000") with exactly `decimals` decimals. */
export function tickLabel(lang: Lang, value: number, decimals: number): string {
  const key = `${lang}:${decimals}`
  let format = tickFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    tickFormats.set(key, format)
  }
  // -0 would print as "-0".
  return format.format(value === 0 ? 0 : value)
}
