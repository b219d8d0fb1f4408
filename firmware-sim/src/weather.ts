// Rain spells: seeded, mostly in the wet season, shared by every gateway of a run (rain falls on a region,
// not on one pond). water-dynamics.md: rains May–November, and a week of rain can halve salinity
// (11.8 → 6 ppt, April 2021), which then recovers over days as the tide brings salt back.
import { deriveSeed, mulberry32 } from './prng.ts'
import { drySeason } from './water.ts'

const DAY_MS = 86_400_000
const LOCAL_OFFSET_MS = 7 * 3_600_000
/** Salinity comes back with this time constant once the rain stops. */
const RECOVERY_MS = 4 * DAY_MS
const MAX_SPELL_DAYS = 7
/** Beyond this a finished spell's effect is below 1 %: ignore it. */
const LOOKBACK_MS = MAX_SPELL_DAYS * DAY_MS + 5 * RECOVERY_MS
/** Chance a spell starts on a given day: rare at the dry-season peak, about one a week at the wettest. */
const START_CHANCE_DRY = 0.01
const START_CHANCE_WET = 0.13

export interface RainEvent {
  startMs: number
  days: number
  /** Fraction of salinity removed after a full week of this rain (0.5 halves it). */
  weekly: number
}

export interface Weather {
  /** 0 (no recent rain) to below 1: the fraction of salinity the rain has flushed out at `timeMs`. */
  freshening(timeMs: number): number
  /** Spells starting in [fromMs, toMs), in order. */
  eventsBetween(fromMs: number, toMs: number): RainEvent[]
}

interface WeatherOptions {
  seed: number
  /** Spells to use instead of seeded ones (tests, a replay of a known week); [] means a dry run. */
  events?: RainEvent[]
}

export function createWeather(opts: WeatherOptions): Weather {
  const explicit = opts.events ? [...opts.events].sort((a, b) => a.startMs - b.startMs) : undefined
  const byDay = new Map<number, RainEvent | null>()

  // One draw per local calendar day, from its own stream: a day's weather never depends on query order.
  const spellStartingOn = (day: number): RainEvent | null => {
    let event = byDay.get(day)
    if (event !== undefined) return event
    const rand = mulberry32(deriveSeed(opts.seed, 'rain', day))
    const startMs = day * DAY_MS - LOCAL_OFFSET_MS + Math.floor(rand() * DAY_MS)
    const wet = 1 - drySeason(startMs)
    const chance = START_CHANCE_DRY + (START_CHANCE_WET - START_CHANCE_DRY) * wet
    event =
      rand() < chance
        ? { startMs, days: 1 + Math.floor(rand() * MAX_SPELL_DAYS), weekly: 0.3 + 0.3 * rand() }
        : null
    byDay.set(day, event)
    return event
  }

  const eventsBetween = (fromMs: number, toMs: number): RainEvent[] => {
    if (explicit) return explicit.filter((e) => e.startMs >= fromMs && e.startMs < toMs)
    const out: RainEvent[] = []
    const first = Math.floor((fromMs + LOCAL_OFFSET_MS) / DAY_MS) - 1
    const last = Math.floor((toMs + LOCAL_OFFSET_MS) / DAY_MS)
    for (let day = first; day <= last; day++) {
      const e = spellStartingOn(day)
      if (e && e.startMs >= fromMs && e.startMs < toMs) out.push(e)
    }
    return out
  }

  // Every gateway of a run samples at the same instants: remember the last answer.
  let lastTime = Number.NaN
  let last = 0
  return {
    eventsBetween,
    freshening(timeMs) {
      if (timeMs === lastTime) return last
      let remaining = 1
      for (const e of eventsBetween(timeMs - LOOKBACK_MS, timeMs + 1)) remaining *= 1 - flushed(e, timeMs)
      lastTime = timeMs
      last = 1 - remaining
      return last
    },
  }
}

/** Dilution grows while it rains (exponentially, so a long spell saturates) and decays afterwards. */
function flushed(e: RainEvent, timeMs: number): number {
  const rate = -Math.log(1 - e.weekly) / 7 // per day of rain
  const endMs = e.startMs + e.days * DAY_MS
  const rainedDays = (Math.min(timeMs, endMs) - e.startMs) / DAY_MS
  const peak = 1 - Math.exp(-rate * rainedDays)
  return timeMs <= endMs ? peak : peak * Math.exp(-(timeMs - endMs) / RECOVERY_MS)
}
