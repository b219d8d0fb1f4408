// The noise-free water model: tides, seasons, rain and the daily cycle of a pond, as functions of time.
// Facts from /work/shared/domain/water-dynamics.md: semi-diurnal tide (≈12.42 h) with spring tides every
// ≈14.8 days; dry-season salinity peak February–April, cut by rain spells (weather.ts); water temperature
// lowest near 05:00 and highest 13:00–15:00; DO lowest before dawn and highest mid-afternoon; pH follows
// photosynthesis.
import type { DailyCycle, SalinityProfile, ZoneProfile } from './profiles.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Vietnam keeps UTC+7 all year (no daylight saving). */
export const LOCAL_UTC_OFFSET_HOURS = 7

// Principal lunar (M2) and solar (S2) semi-diurnal constituents; their beat is the 14.77-day spring-neap
// cycle, so spring tides come out of the sum instead of being scheduled.
const M2_HOURS = 12.42
const S2_HOURS = 12
const S2_RATIO = 0.35
/** Highest tide() reaches (spring tide: M2 and S2 in phase). */
const SPRING_TIDE = 1 + S2_RATIO

export function localHour(timeMs: number): number {
  const h = (timeMs / HOUR_MS + LOCAL_UTC_OFFSET_HOURS) % 24
  return h < 0 ? h + 24 : h
}

/** Tide height relative to mean, in units of the M2 amplitude (range about ±1.35 at spring tides). */
export function tide(timeMs: number): number {
  const hours = timeMs / HOUR_MS
  return Math.cos((2 * Math.PI * hours) / M2_HOURS) + S2_RATIO * Math.cos((2 * Math.PI * hours) / S2_HOURS)
}

/** 1 at the dry-season peak (about 20 March), 0 at the wettest point six months later. */
export function drySeason(timeMs: number): number {
  const dayOfYear = (timeMs % (365.25 * DAY_MS)) / DAY_MS
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (dayOfYear - 79)) / 365.25)
}

/**
 * A smooth daily wave in [-1, 1] with its minimum at `minHour` and maximum at `maxHour` (local time).
 * Rise and fall take different lengths, like a real pond: warming runs from dawn to early afternoon,
 * cooling through the whole evening and night. Both extremes have zero slope, so there are no kinks.
 */
export function dailyWave(hour: number, minHour: number, maxHour: number): number {
  const rise = (maxHour - minHour + 24) % 24
  const sinceMin = (hour - minHour + 24) % 24
  if (sinceMin < rise) return -Math.cos((Math.PI * sinceMin) / rise)
  return Math.cos((Math.PI * (sinceMin - rise)) / (24 - rise))
}

/** The salt wedge only reaches a fresh intake when a dry season and a high spring tide coincide. */
function intrusion(spec: SalinityProfile['intrusion'], dry: number, t: number): number {
  if (!spec) return 0
  const push = (dry * Math.max(0, t)) / SPRING_TIDE
  return (spec.ppt * Math.max(0, push - spec.threshold)) / (1 - spec.threshold)
}

function cycle(c: DailyCycle, wave: number): number {
  return c.mean + c.swing * wave
}

export interface WaterState {
  salinity: number
  temperature: number
  dissolved_oxygen: number
  ph: number
  /** Tide relative to mean, M2 amplitude units; drives water_level. */
  tide: number
}

/** `freshening` is Weather.freshening at `timeMs`: the fraction of salinity recent rain has flushed out. */
export function idealWater(profile: ZoneProfile, timeMs: number, freshening = 0): WaterState {
  const hour = localHour(timeMs)
  const s = profile.salinity
  const dry = drySeason(timeMs)
  const season = 1 - s.seasonal * (1 - dry)
  const t = tide(timeMs)
  const rain = 1 - s.rain * freshening
  return {
    salinity: rain * (season * (s.mean + s.tide * t) + intrusion(s.intrusion, dry, t)),
    temperature: cycle(profile.temperature, dailyWave(hour, 5, 14)),
    // Algae stop producing oxygen at dusk and respiration runs all night: minimum just before dawn.
    dissolved_oxygen: cycle(profile.dissolvedOxygen, dailyWave(hour, 5.5, 15)),
    // CO2 drawn down by photosynthesis raises pH through the afternoon, respiration lowers it by night.
    ph: cycle(profile.ph, dailyWave(hour, 6, 15.5)),
    tide: t,
  }
}
