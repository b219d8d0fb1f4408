// The usual cause of a pre-dawn oxygen crash in an intensive shrimp pond: the aerator stops at night.
// water-dynamics.md § Daily cycles in ponds: DO is lowest before dawn; well-run intensive ponds hold it
// above 4 mg/L, while improved-extensive ponds in Cà Mau, with little aeration, read 0.84–2.20 mg/L then.
// So a stopped aerator takes an intensive pond from its aerated level towards an extensive pond's: the
// stock, its feed and the sludge breathe the oxygen down, and it settles near 2 mg/L (the Huế pond
// network's severe tier, < 2 mg/L; QCVN 02-19:2014 asks for 3.5) until the farmer restarts the aerator.
// The rates (oxygen drawn per hour, recovery time) are assumptions of the model: the source gives levels.
import { deriveSeed, mulberry32 } from '../prng.ts'
import type { DailyCycle } from '../profiles.ts'

export interface AeratorStop {
  /** Simulated time the aerator stops, ms. */
  startMs: number
  /** When the farmer restarts it. */
  endMs: number
  /** Oxygen the pond's respiration draws down per hour without aeration, mg/L. */
  drawPerHour: number
  /** Where DO settles without aeration at the pre-dawn minimum, mg/L. */
  floor: number
  /** The crash and the recovery play this many times faster than in a real pond (1: real). */
  pace: number
}

/**
 * A stop at a set time, before the seeded nights: the demo's, so the crash shows within minutes of the
 * start at any hour. `pace` compresses the pond's hours into minutes; the seeded nights run at 1.
 */
export interface AeratorDrill {
  /** Simulated seconds after the run's start. */
  afterSeconds: number
  /** How long the aerator stays off, simulated seconds. */
  offSeconds: number
  pace: number
}

export interface Aerator {
  /** The pond's DO at `timeMs`, given `aerated`, what it would hold with the aerator running. */
  oxygen(timeMs: number, aerated: number): number
  /** Stops starting in [fromMs, toMs), in order: the drill and the seeded nights. */
  stopsBetween(fromMs: number, toMs: number): AeratorStop[]
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** Vietnam's clock (UTC+7): nights are counted on it. */
const LOCAL_OFFSET_MS = 7 * HOUR_MS
/** A fault injector's rate, not an observed one: about one night in four. */
const NIGHT_CHANCE = 0.25
/**
 * Without aeration the algae still set the daily rhythm: by day the unaerated level rises this much above
 * its pre-dawn floor. Kept small enough that a crash crosses QCVN's 3.5 mg/L whatever the hour.
 */
const DAYLIGHT_LIFT = 0.5
/** Once restarted, the aerator puts the deficit back with this time constant (most of it within the hour). */
const RECOVERY_TAU_MS = 30 * MINUTE_MS

export function createAerator(opts: {
  seed: number
  startMs: number
  /** The pond's aerated DO cycle (profiles.ts): tells where in the day a DO value sits. */
  cycle: DailyCycle
  drill?: AeratorDrill | undefined
}): Aerator {
  const drill = opts.drill ? drillStop(opts.seed, opts.startMs, opts.drill) : undefined
  // The seeded nights take over once the drill is over, so the two never overlap.
  const nightsFrom = drill?.endMs ?? Number.NEGATIVE_INFINITY
  const nights = new Map<number, AeratorStop | null>()
  const nightOf = (day: number): AeratorStop | null => {
    let stop = nights.get(day)
    if (stop === undefined) {
      stop = nightStop(opts.seed, day)
      if (stop && stop.startMs < nightsFrom) stop = null
      nights.set(day, stop)
    }
    return stop
  }
  const { mean, swing } = opts.cycle

  return {
    oxygen(timeMs, aerated) {
      // A night's stop begins after 00:30 and is made up well before midnight: only today's can matter.
      const tonight = nightOf(localDay(timeMs))
      const phase = Math.min(1, Math.max(-1, (aerated - mean) / swing))
      let deficit = 0
      for (const stop of [drill, tonight]) {
        if (stop) deficit = Math.max(deficit, deficitOf(stop, timeMs, aerated, phase))
      }
      return aerated - deficit
    },
    stopsBetween(fromMs, toMs) {
      const out: AeratorStop[] = []
      if (drill && drill.startMs >= fromMs && drill.startMs < toMs) out.push(drill)
      for (let day = localDay(fromMs); day <= localDay(toMs); day++) {
        const stop = nightOf(day)
        if (stop && stop.startMs >= fromMs && stop.startMs < toMs) out.push(stop)
      }
      return out.sort((a, b) => a.startMs - b.startMs)
    },
  }
}

/** How far below its aerated level the pond is: respiration's draw, until the unaerated level is reached. */
function deficitOf(stop: AeratorStop, timeMs: number, aerated: number, phase: number): number {
  if (timeMs <= stop.startMs) return 0
  const unaerated = stop.floor + (DAYLIGHT_LIFT * (1 + phase)) / 2
  const offMs = (Math.min(timeMs, stop.endMs) - stop.startMs) * stop.pace
  const lost = Math.min(Math.max(0, aerated - unaerated), (stop.drawPerHour * offMs) / HOUR_MS)
  if (timeMs <= stop.endMs) return lost
  return lost * Math.exp((-(timeMs - stop.endMs) * stop.pace) / RECOVERY_TAU_MS)
}

/** The stop of one local night, if that night has one; its own stream, so no night depends on another. */
function nightStop(seed: number, day: number): AeratorStop | null {
  const rand = mulberry32(deriveSeed(seed, 'aerator-night', day))
  if (rand() >= NIGHT_CHANCE) return null
  // Stops between 00:30 and 04:30. The farmer restarts it 75 minutes to 3 hours later, on the next round
  // or when the shrimp come up gasping: long enough for a crash, which is what makes a stop an incident.
  const startMs = Math.round(day * DAY_MS - LOCAL_OFFSET_MS + (0.5 + 4 * rand()) * HOUR_MS)
  const offMs = Math.round(75 * MINUTE_MS * (180 / 75) ** rand())
  return { startMs, endMs: startMs + offMs, ...pond(rand), pace: 1 }
}

function drillStop(seed: number, runStartMs: number, d: AeratorDrill): AeratorStop {
  if (!(d.afterSeconds >= 0 && d.offSeconds > 0 && d.pace >= 1))
    throw new RangeError('aerator drill: afterSeconds ≥ 0, offSeconds > 0 and pace ≥ 1')
  const startMs = runStartMs + Math.round(d.afterSeconds * 1000)
  const rand = mulberry32(deriveSeed(seed, 'aerator-drill'))
  return { startMs, endMs: startMs + Math.round(d.offSeconds * 1000), ...pond(rand), pace: d.pace }
}

/** How hard this pond crashes: a dense stock draws 1.8–3 mg/L an hour and settles at 1.8–2.3 mg/L. */
function pond(rand: () => number): Pick<AeratorStop, 'drawPerHour' | 'floor'> {
  return { drawPerHour: 1.8 + 1.2 * rand(), floor: 1.8 + 0.5 * rand() }
}

function localDay(timeMs: number): number {
  return Math.floor((timeMs + LOCAL_OFFSET_MS) / DAY_MS)
}
