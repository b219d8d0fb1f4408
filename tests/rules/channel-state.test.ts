// The rule state machine on simulated time: durations, repeats, hysteresis and active hours, with no
// database and no clock but the readings' own times.
import { type ChannelState, initialState, type Outcome, step } from '@zonetrace/broker'
import type { AlertRule } from '@zonetrace/contracts'
import { createProbe, profileFor } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'

const T0 = Date.parse('2026-11-20T20:00:00Z') // 03:00 on the Vietnamese clock
const MIN = 60_000

function rule(overrides: Partial<AlertRule>): AlertRule {
  return {
    id: 1,
    zone: 'Z',
    gatewayId: null,
    sensorId: null,
    metric: 'dissolved_oxygen',
    kind: 'threshold',
    min: null,
    max: null,
    ratePerMinute: null,
    silentSeconds: null,
    forSeconds: 0,
    repeat: null,
    clearMargin: 0,
    clearForSeconds: 0,
    severity: 'critical',
    activeHours: null,
    name: null,
    origin: 'custom',
    preset: null,
    unconfirmed: false,
    ...overrides,
  }
}

/** Runs (time, value) pairs through a rule; returns every outcome in order. */
function run(r: AlertRule, readings: [number, number][], state: ChannelState = initialState()): Outcome[] {
  const outcomes: Outcome[] = []
  for (const [t, v] of readings) {
    const { outcome } = step(r, state, t, v)
    if (outcome) outcomes.push(outcome)
  }
  return outcomes
}

const everyMinute = (from: number, minutes: number, value: (i: number) => number): [number, number][] =>
  Array.from({ length: minutes }, (_, i) => [from + i * MIN, value(i)])

describe('duration rules', () => {
  const doLow = rule({ min: 3, forSeconds: 600 })

  it('fire exactly when the violation has lasted forSeconds by data time', () => {
    const readings = [...everyMinute(T0, 5, () => 4.2), ...everyMinute(T0 + 5 * MIN, 20, () => 2.6)]
    const outcomes = run(doLow, readings)
    expect(outcomes).toEqual([{ type: 'opened', time: T0 + 15 * MIN, value: 2.6, threshold: 3 }])
  })

  it('do not fire one reading early, and restart after a reading back inside', () => {
    const low = everyMinute(T0, 10, () => 2.5) // 0…9 min: 9 minutes of violation
    expect(run(doLow, low)).toEqual([])
    const broken = [...low, [T0 + 10 * MIN, 3.4], ...everyMinute(T0 + 11 * MIN, 10, () => 2.5)] as [
      number,
      number,
    ][]
    expect(run(doLow, broken)).toEqual([])
    const opened = run(doLow, [...broken, [T0 + 21 * MIN, 2.5]])
    expect(opened).toEqual([{ type: 'opened', time: T0 + 21 * MIN, value: 2.5, threshold: 3 }])
  })

  it('skip replayed and out-of-order readings instead of counting them again', () => {
    const state = initialState()
    run(
      doLow,
      everyMinute(T0, 6, () => 2.5),
      state,
    )
    // A resent pack: the same first six minutes again, then time moves on.
    expect(
      run(
        doLow,
        everyMinute(T0, 6, () => 2.5),
        state,
      ),
    ).toEqual([])
    expect(
      run(
        doLow,
        everyMinute(T0 + 6 * MIN, 5, () => 2.5),
        state,
      ),
    ).toEqual([{ type: 'opened', time: T0 + 10 * MIN, value: 2.5, threshold: 3 }])
  })

  it('do not claim a long gap in the data as part of the duration', () => {
    const outcomes = run(doLow, [
      [T0, 2.5],
      [T0 + 60 * MIN, 2.5], // an hour of silence: nobody knows what the water did
      [T0 + 65 * MIN, 2.5],
    ])
    expect(outcomes).toEqual([])
  })
})

describe('repeating rules', () => {
  const spikes = rule({ metric: 'ph', max: 9, repeat: { count: 3, withinSeconds: 600 } })

  it('open on the Nth violation inside the window and not before', () => {
    const outcomes = run(spikes, [
      [T0, 9.5],
      [T0 + 4 * MIN, 8],
      [T0 + 5 * MIN, 9.6],
      [T0 + 6 * MIN, 8],
      [T0 + 8 * MIN, 9.7],
    ])
    expect(outcomes).toEqual([{ type: 'opened', time: T0 + 8 * MIN, value: 9.7, threshold: 9 }])
  })

  it('forget violations that left the window', () => {
    const outcomes = run(spikes, [
      [T0, 9.5],
      [T0 + 8 * MIN, 9.5],
      [T0 + 11 * MIN, 9.5], // the first is now 11 minutes old
    ])
    expect(outcomes).toEqual([])
  })
})

describe('clearing', () => {
  it('waits for the clear margin: values in the band keep the alert open', () => {
    const r = rule({ min: 3.5, clearMargin: 0.3 })
    const outcomes = run(r, [
      [T0, 3.2],
      [T0 + MIN, 3.6], // inside, but not by the margin
      [T0 + 2 * MIN, 3.4],
      [T0 + 3 * MIN, 3.7],
      [T0 + 4 * MIN, 3.85], // back inside by 0.35
    ])
    expect(outcomes).toEqual([
      { type: 'opened', time: T0, value: 3.2, threshold: 3.5 },
      { type: 'cleared', time: T0 + 4 * MIN, value: 3.85 },
    ])
  })

  it('waits clearForSeconds back inside; a relapse meanwhile retriggers the same alert', () => {
    const r = rule({ min: 3.5, clearForSeconds: 300 })
    const outcomes = run(r, [
      [T0, 3],
      [T0 + MIN, 4], // clearing starts
      [T0 + 3 * MIN, 3.2], // relapse
      [T0 + 4 * MIN, 4],
      [T0 + 8 * MIN, 4.1],
      [T0 + 9 * MIN, 4.1], // five minutes back inside
    ])
    expect(outcomes.map((o) => [o.type, o.time])).toEqual([
      ['opened', T0],
      ['retriggered', T0 + 3 * MIN],
      ['cleared', T0 + 9 * MIN],
    ])
  })

  it('hysteresis turns noisy data hovering at a threshold into one alert per real excursion', () => {
    // A canal probe from the simulator (coconut_canal: DO mean 3.9 mg/L, swing 0.9) over a week, one
    // reading a minute: its pre-dawn dips cross 3.5 mg/L once a day, and the reading noise makes the
    // value cross the line many times on the way down and up.
    const probe = createProbe(profileFor('coconut_canal'), 7, ['dissolved_oxygen'])
    const readings: [number, number][] = []
    for (let t = T0; t < T0 + 7 * 1440 * MIN; t += MIN) {
      readings.push([t, probe.sample(t, 60).dissolved_oxygen!])
    }
    const crossings = readings.filter((r, i) => i > 0 && r[1] < 3.5 !== readings[i - 1]![1] < 3.5).length
    const { excursions, days } = countExcursions(readings, 3.5)
    const naive = run(rule({ min: 3.5 }), readings).filter((o) => o.type === 'opened').length
    const steady = run(rule({ min: 3.5, clearMargin: 0.3, forSeconds: 120 }), readings)
    const opened = steady.filter((o) => o.type === 'opened').length
    expect(excursions).toBeGreaterThanOrEqual(5)
    // Without hysteresis the same data flaps: the test would catch a rule that ignored the margin.
    expect(naive).toBeGreaterThan(excursions)
    expect(crossings).toBeGreaterThan(2 * excursions)
    expect(opened).toBeLessThanOrEqual(excursions)
    // ...and it still catches every night's dip.
    expect(opened).toBeGreaterThanOrEqual(days)
    expect(steady.filter((o) => o.type === 'cleared').length).toBeGreaterThanOrEqual(opened - 1)
  })
})

describe('rate rules', () => {
  it('compare each reading with the previous one, per minute', () => {
    const r = rule({ metric: 'salinity', kind: 'rate', ratePerMinute: 0.5 })
    const outcomes = run(r, [
      [T0, 4],
      [T0 + 2 * MIN, 4.8], // 0.4 per minute
      [T0 + 3 * MIN, 5.5], // 0.7 per minute
      [T0 + 4 * MIN, 5.6],
    ])
    expect(outcomes).toEqual([
      { type: 'opened', time: T0 + 3 * MIN, value: 5.5, threshold: 0.5 },
      { type: 'cleared', time: T0 + 4 * MIN, value: 5.6 },
    ])
  })
})

describe('active hours', () => {
  it('open nothing outside them (Vietnamese clock), but still clear', () => {
    // 22:00–06:00 in Vietnam is 15:00–23:00 UTC.
    const night = rule({ min: 3.5, activeHours: { from: '22:00', to: '06:00' } })
    const noonVn = Date.parse('2026-11-20T05:00:00Z')
    expect(run(night, [[noonVn, 2]])).toEqual([])
    const state = initialState()
    expect(run(night, [[T0, 2]], state)).toHaveLength(1) // 03:00 in Vietnam
    expect(run(night, [[T0 + 6 * 60 * MIN, 5]], state)).toEqual([
      { type: 'cleared', time: T0 + 360 * MIN, value: 5 },
    ])
  })
})

/**
 * Real excursions, judged without the rule's mechanics: the water as a 15-minute moving average (which
 * removes reading noise but keeps every dip that lasts), below `limit`; dips less than 30 minutes apart
 * are one excursion.
 */
function countExcursions(readings: [number, number][], limit: number): { excursions: number; days: number } {
  const WINDOW = 15
  const days = new Set<number>()
  let count = 0
  let lastBelow = Number.NEGATIVE_INFINITY
  let sum = 0
  for (let i = 0; i < readings.length; i++) {
    sum += readings[i]![1]
    if (i >= WINDOW) sum -= readings[i - WINDOW]![1]
    if (i < WINDOW - 1 || sum / WINDOW >= limit) continue
    const t = readings[i]![0]
    if (t - lastBelow > 30 * MIN) count++
    lastBelow = t
    days.add(Math.floor((t + 7 * 60 * MIN) / (1440 * MIN)))
  }
  return { excursions: count, days: days.size }
}
