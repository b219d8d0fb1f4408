// The water model against the facts in /work/shared/domain/water-dynamics.md, on simulated weeks computed
// directly from the model at 5- and 10-minute steps.
import { METRICS, type Metric, qualityOf } from '@zonetrace/contracts'
import { createWeather, localHour, ZONE_PROFILES } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'
import { DAY, DRY_START, HOUR, mean, seriesOf, simulate, WEEK, WET_START } from './model.ts'

const values = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined)

describe('tides', () => {
  it.each([1, 2, 3])(
    'coconut canal salinity repeats with the 12.42 h semi-diurnal tide (seed %i)',
    (seed) => {
      const step = 600
      const sal = values(
        seriesOf(simulate({ kind: 'coconut_canal', seed, intervalSeconds: step, seconds: WEEK }), 'salinity'),
      )
      const m = mean(sal)
      const d = sal.map((x) => x - m)
      const autocorrelation = (lag: number) => {
        let s = 0
        for (let i = 0; i + lag < d.length; i++) s += d[i]! * d[i + lag]!
        return s / (d.length - lag)
      }
      let best = 0
      let bestR = Number.NEGATIVE_INFINITY
      for (let lag = (10 * HOUR) / step; lag <= (14 * HOUR) / step; lag++) {
        const r = autocorrelation(lag)
        if (r > bestR) [best, bestR] = [lag, r]
      }
      const lagHours = (best * step) / HOUR
      expect(Math.abs(lagHours - 12.42)).toBeLessThan(0.5)
      expect(bestR / autocorrelation(0)).toBeGreaterThan(0.5)
    },
  )
})

describe('daily cycles', () => {
  it('shrimp pond DO bottoms out before dawn (03:00–07:00) on most days', () => {
    const packs = simulate({ kind: 'shrimp_pond', seed: 4, intervalSeconds: 300, seconds: 2 * WEEK })
    const perDay = DAY / 300
    let inWindow = 0
    for (let d = 0; d < 14; d++) {
      const day = packs.slice(d * perDay, (d + 1) * perDay)
      const dox = values(seriesOf(day, 'dissolved_oxygen'))
      const at = day[dox.indexOf(Math.min(...dox))]!.timeMs
      const h = localHour(at)
      if (h >= 3 && h <= 7) inWindow++
    }
    expect(inWindow).toBeGreaterThanOrEqual(11)
  })
})

describe('every profile', () => {
  it.each(
    Object.keys(ZONE_PROFILES).flatMap((k) => [
      [k, 'dry', DRY_START] as const,
      [k, 'wet', WET_START] as const,
    ]),
  )('%s stays inside the physical ranges without faults (%s season)', (kind, _season, startMs) => {
    const packs = simulate({ kind, seed: 9, intervalSeconds: 600, seconds: 2 * WEEK, startMs, probes: 2 })
    for (const p of packs) {
      for (const probe of p.probes) {
        expect(probe.dropped).toBe(false)
        expect(probe.quality).toEqual({})
        for (const [metric, v] of Object.entries(probe.values) as [Metric, number][]) {
          const [lo, hi] = METRICS[metric].physical
          expect(v, `${metric} at ${new Date(p.timeMs).toISOString()}`).toBeGreaterThanOrEqual(lo)
          expect(v).toBeLessThanOrEqual(hi)
          expect(qualityOf(metric, v)).toBe(0)
        }
      }
    }
  })
})

describe('domestic water intake', () => {
  it('stays fresh (< 0.5 ppt) most of the dry season, with intrusion peaks only at high spring tides', () => {
    const packs = simulate({
      kind: 'domestic_water_intake',
      seed: 5,
      intervalSeconds: 600,
      seconds: 4 * WEEK,
    })
    const sal = values(seriesOf(packs, 'salinity'))
    const fresh = sal.filter((x) => x < 0.5).length / sal.length
    expect(fresh).toBeGreaterThan(0.85)
    expect(Math.max(...sal)).toBeGreaterThan(0.5) // the salt wedge does reach it
    for (const ph of values(seriesOf(packs, 'ph'))) {
      expect(ph).toBeGreaterThanOrEqual(6.5)
      expect(ph).toBeLessThanOrEqual(8)
    }
  })

  it('stays fresh throughout the wet season', () => {
    const packs = simulate({
      kind: 'domestic_water_intake',
      seed: 5,
      intervalSeconds: 600,
      seconds: 4 * WEEK,
      startMs: WET_START,
    })
    expect(Math.max(...values(seriesOf(packs, 'salinity')))).toBeLessThan(0.5)
  })
})

describe('rain', () => {
  // April 2021 (water-dynamics.md): a week of rain took a river point from 11.8 to 6 ppt.
  const start = Date.UTC(2021, 3, 1, 17) // 2 April 2021, 00:00 local
  const spell = { startMs: start + 3 * DAY * 1000, days: 7, weekly: 0.5 }
  const run = (events: (typeof spell)[]) =>
    simulate({
      kind: 'coconut_canal',
      seed: 6,
      intervalSeconds: 600,
      seconds: 24 * DAY,
      startMs: start,
      weather: createWeather({ seed: 6, events }),
    })
  const dailyMean = (packs: ReturnType<typeof run>, day: number) =>
    mean(values(seriesOf(packs.slice(day * 144, (day + 1) * 144), 'salinity')))

  it('a week of rain about halves salinity, which recovers over the following days', () => {
    const dry = run([])
    const wet = run([spell])
    // Same seed, same tide and noise: the ratio isolates the rain.
    expect(dailyMean(wet, 1) / dailyMean(dry, 1)).toBeCloseTo(1, 5)
    const lastRainDay = dailyMean(wet, 9) / dailyMean(dry, 9)
    expect(lastRainDay).toBeLessThan(0.6)
    expect(lastRainDay).toBeGreaterThan(0.4)
    const recovered = dailyMean(wet, 22) / dailyMean(dry, 22)
    expect(recovered).toBeGreaterThan(0.85)
    expect(recovered).toBeGreaterThan(dailyMean(wet, 14) / dailyMean(dry, 14))
  })

  it('seeded spells fall mostly in the wet season (May–November) and repeat with the seed', () => {
    const from = Date.UTC(2020, 0, 1)
    const to = Date.UTC(2030, 0, 1)
    const spells = createWeather({ seed: 1 }).eventsBetween(from, to)
    const wet = spells.filter((e) => {
      const month = new Date(e.startMs + 7 * HOUR * 1000).getUTCMonth() + 1
      return month >= 5 && month <= 11
    }).length
    expect(wet).toBeGreaterThan(3 * (spells.length - wet))
    expect(spells.length).toBeGreaterThan(100)
    expect(createWeather({ seed: 1 }).eventsBetween(from, to)).toEqual(spells)
    expect(createWeather({ seed: 2 }).eventsBetween(from, to)).not.toEqual(spells)
  })
})
