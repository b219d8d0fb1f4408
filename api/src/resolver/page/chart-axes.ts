// The two axes of a metric's chart, worked out before anything is drawn: dates at day, week or month
// boundaries on the Vietnamese calendar, and values at round numbers (1, 2 or 5 × 10ⁿ), so a shopper can
// read a level off the chart without doing arithmetic.
import { dayLabel, type TickStep, tickInstants, VN_OFFSET_MS } from '@zonetrace/contracts/clock-ticks'
import type { Lang } from './i18n.ts'

interface TimeTick {
  t: number
  /** "01/12" on Vietnamese pages, "1 Dec" on English ones. */
  label: string
  /** The year, under the first tick and wherever a new year starts; null elsewhere. */
  year: string | null
}

// Only for a chart that asks for them (the console's day-long ranges): a shopper's windows are weeks long.
const HOUR_STEPS: readonly TickStep[] = [60, 120, 180, 360, 720].map((minutes) => ({ minutes }))

// Smallest first: the first step that gives few enough ticks wins. Weeks start on Monday.
const STEPS: readonly TickStep[] = [
  { days: 1 },
  { days: 2 },
  { days: 7 },
  { days: 14 },
  ...[1, 2, 3, 6, 12, 24, 60].map((months) => ({ months })),
]

/**
 * At most `max` date ticks across [t0, t1]; a window shorter than a day gets one tick at its start. With
 * `hours`, whole hours come first ("06:00", the day under the first tick and each midnight in `year`).
 */
export function timeTicks(t0: number, t1: number, max: number, lang: Lang, hours = false): TimeTick[] {
  let chosen: number[] = []
  let hourly = false
  for (const step of hours ? [...HOUR_STEPS, ...STEPS] : STEPS) {
    chosen = tickInstants(step, t0, t1, max)
    hourly = 'minutes' in step
    if (chosen.length <= max) break
  }
  if (hourly) {
    let lastDay = ''
    return chosen.map((t) => {
      const local = new Date(t + VN_OFFSET_MS)
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
    const local = new Date(t + VN_OFFSET_MS)
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
