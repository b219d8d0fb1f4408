// The aerator-failure fault of a shrimp pond, run through the simulator's model and compared sample by
// sample with a clean run of the same seed: a stopped aerator must crash the pond's oxygen under QCVN
// 02-19:2014's 3.5 mg/L, hold it low until the restart, give it back afterwards, and change nothing else.
import {
  createAerator,
  FAULT_NAMES,
  idealWater,
  localHour,
  parseFaults,
  type TimedPack,
  ZONE_PROFILES,
} from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'
import { CORE, DRY_START, HOUR, simulate, WEEK } from './model.ts'

const QCVN_DO_MIN = 3.5
const MINUTE_MS = 60_000
const STEP_SECONDS = 120
const STEPS_PER_HOUR = 3600 / STEP_SECONDS
const run = (opts: {
  faults?: 'aerator-failure'[]
  seed?: number
  kind?: string
  weeks?: number
  intervalSeconds?: number
}) =>
  simulate({
    kind: opts.kind ?? 'shrimp_pond',
    seed: opts.seed ?? 21,
    intervalSeconds: opts.intervalSeconds ?? STEP_SECONDS,
    seconds: (opts.weeks ?? 6) * WEEK,
    faults: opts.faults ?? [],
    probes: 2,
  })

const oxygen = (p: TimedPack, j: number) => p.probes[j]!.values.dissolved_oxygen!

/**
 * Where the faulty run's DO differs from the clean run's: one stretch per stop and its recovery. Samples
 * that happen to round to the clean value inside a recovery do not split it (stops are nights apart).
 */
function stretches(clean: TimedPack[], faulty: TimedPack[]): [first: number, last: number][] {
  const out: [number, number][] = []
  faulty.forEach((p, i) => {
    if (p.probes.every((x, j) => x.values.dissolved_oxygen === clean[i]!.probes[j]!.values.dissolved_oxygen))
      return
    const last = out.at(-1)
    if (last && i - last[1] < 6 * STEPS_PER_HOUR) last[1] = i
    else out.push([i, i])
  })
  return out
}

describe('aerator-failure in a shrimp pond', () => {
  // Injects: the aerator stopping on seeded nights. Must survive: every other metric, the probes' own
  // noise, and the DO of every sample outside a stop and its recovery, exactly as the clean run has them.
  const clean = run({})
  const faulty = run({ faults: ['aerator-failure'] })
  const stops = stretches(clean, faulty)

  it('without the fault the pond never goes under 3.5 mg/L: the crash is the fault’s doing', () => {
    for (const p of clean) for (const j of [0, 1]) expect(oxygen(p, j)).toBeGreaterThan(QCVN_DO_MIN)
  })

  it('stops on about one night in four, between 00:30 and 04:30', () => {
    expect(stops.length).toBeGreaterThanOrEqual(0.1 * 42)
    expect(stops.length).toBeLessThanOrEqual(0.45 * 42)
    for (const [first] of stops) {
      const hour = localHour(faulty[first]!.timeMs)
      expect(hour).toBeGreaterThanOrEqual(0.5)
      expect(hour).toBeLessThanOrEqual(4.5 + STEP_SECONDS / 3600)
    }
  })

  it('crashes DO under 3.5 mg/L within 75 minutes, towards about 2, then gives it back', () => {
    for (const [first, last] of stops) {
      for (const j of [0, 1]) {
        const series = faulty.slice(first, last + 1).map((p) => oxygen(p, j))
        const under = series.findIndex((v) => v < QCVN_DO_MIN)
        expect(under, `stop at sample ${first}, probe ${j}`).toBeGreaterThanOrEqual(0)
        expect(under).toBeLessThanOrEqual((75 * 60) / STEP_SECONDS)
        // The water settles at 1.8–2.3 mg/L, near the Huế network's severe tier (2); each probe reads it
        // with its own calibration offset, under the warning tier (3) still.
        const deepest = Math.min(...series)
        expect(deepest).toBeLessThan(3)
        expect(deepest).toBeGreaterThan(0.8)
        // The aerator runs again: 90 minutes after the last reading under the limit DO is nearly clean.
        const lastUnder = first + series.findLastIndex((v) => v < QCVN_DO_MIN)
        const later = lastUnder + 1.5 * STEPS_PER_HOUR
        expect(oxygen(clean[later]!, j) - oxygen(faulty[later]!, j)).toBeLessThan(0.3)
      }
      // Over, whole: a stop of at most 3 hours, whose recovery fades to the last 0.01 mg/L by early
      // afternoon; the pond is exactly its clean self again long before the next night.
      expect(faulty[last]!.timeMs - faulty[first]!.timeMs).toBeLessThan(10 * HOUR * 1000)
      expect(localHour(faulty[last]!.timeMs)).toBeLessThan(14)
    }
  })

  it('only ever lowers DO, and leaves every other metric, stamp and flag as the clean run has them', () => {
    // Collected, then checked once: an expect per value over six weeks would dominate the run time.
    const wrong: string[] = []
    faulty.forEach((p, i) => {
      const c = clean[i]!
      if (p.stampMs !== c.stampMs) wrong.push(`${i}: stamp`)
      p.probes.forEach((x, j) => {
        const y = c.probes[j]!
        for (const m of CORE.filter((m) => m !== 'dissolved_oxygen'))
          if (x.values[m] !== y.values[m]) wrong.push(`${i}/${j}: ${m}`)
        if (x.values.dissolved_oxygen! > y.values.dissolved_oxygen!) wrong.push(`${i}/${j}: DO above clean`)
        if (JSON.stringify(x.quality) !== JSON.stringify(y.quality)) wrong.push(`${i}/${j}: quality`)
      })
    })
    expect(wrong).toEqual([])
    expect(faulty.length).toBe(clean.length)
  })

  it('repeats exactly with the same seed and stops on other nights with another', () => {
    const again = run({ faults: ['aerator-failure'], weeks: 2 })
    expect(again).toEqual(faulty.slice(0, again.length))
    const other = stretches(
      run({ seed: 22, weeks: 2 }),
      run({ faults: ['aerator-failure'], seed: 22, weeks: 2 }),
    )
    const mine = stops.filter(([first]) => first < again.length)
    expect(other.length).toBeGreaterThan(0)
    expect(other.map(([s]) => s)).not.toEqual(mine.map(([s]) => s))
  })

  it.each(['coconut_canal', 'orchard_canal', 'rice_field', 'domestic_water_intake', 'field'])(
    'changes nothing in a %s, which has no aerator',
    (kind) => {
      const opts = { kind, weeks: 2, intervalSeconds: 600 }
      expect(run({ ...opts, faults: ['aerator-failure'] })).toEqual(run(opts))
    },
  )

  it('is named on the --faults list', () => {
    expect(FAULT_NAMES).toContain('aerator-failure')
    expect(parseFaults('aerator-failure,fouling')).toEqual(['fouling', 'aerator-failure'])
  })
})

describe('the aerator model', () => {
  const cycle = ZONE_PROFILES.shrimp_pond.dissolvedOxygen
  const start = DRY_START // 00:00 local
  const drillAt = (hour: number) =>
    createAerator({
      seed: 5,
      startMs: start,
      cycle,
      drill: { afterSeconds: hour * HOUR, offSeconds: 4 * HOUR, pace: 1 },
    })

  it('goes deepest when the stop meets the natural pre-dawn minimum', () => {
    // The same pond (same seed, same draw and floor) stopping at 01:30 and at 11:00, each off for 4 h:
    // the lowest DO of each, with the aerated level following the daily cycle.
    const aerated = (t: number) => idealWater(ZONE_PROFILES.shrimp_pond, t).dissolved_oxygen
    const lowest = (hour: number) => {
      const a = drillAt(hour)
      let min = Number.POSITIVE_INFINITY
      for (let t = start + hour * HOUR * 1000; t < start + (hour + 6) * HOUR * 1000; t += MINUTE_MS)
        min = Math.min(min, a.oxygen(t, aerated(t)))
      return min
    }
    const night = lowest(1.5)
    const day = lowest(11)
    expect(night).toBeLessThan(2.5)
    expect(night).toBeLessThan(day)
    expect(day).toBeLessThan(QCVN_DO_MIN)
  })

  it('holds DO low while stopped and returns it after the restart, at the pace asked', () => {
    const drill = { afterSeconds: 60, offSeconds: 600, pace: 60 }
    const a = createAerator({ seed: 9, startMs: start, cycle, drill })
    const [stop] = a.stopsBetween(start, start + 60 * MINUTE_MS)
    expect(stop).toMatchObject({ startMs: start + 60_000, endMs: start + 660_000, pace: 60 })
    const aerated = cycle.mean - cycle.swing // the pre-dawn level, held still
    expect(a.oxygen(stop!.startMs, aerated)).toBe(aerated)
    // Sixty pond minutes in one real minute: a 1.8–3 mg/L draw has the pond near its floor.
    expect(a.oxygen(stop!.startMs + 60_000, aerated)).toBeLessThan(aerated - 1.7)
    expect(a.oxygen(stop!.endMs, aerated)).toBeCloseTo(stop!.floor, 5)
    // Thirty pond minutes of aeration per recovery time constant: two real minutes put back 98 %.
    const back = a.oxygen(stop!.endMs + 120_000, aerated)
    expect(aerated - back).toBeLessThan(0.02 * (aerated - stop!.floor))
  })

  it('refuses a drill it cannot play', () => {
    expect(() =>
      createAerator({ seed: 1, startMs: start, cycle, drill: { afterSeconds: 0, offSeconds: 0, pace: 1 } }),
    ).toThrow(RangeError)
  })
})
