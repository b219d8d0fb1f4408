import { METRICS, type Metric, parseSenmlPack, qualityOf } from '@zonetrace/contracts'
import { createPackSource, localHour, mulberry32, tide, ZONE_PROFILES } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'

const CORE: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
const START = Date.UTC(2026, 2, 2, 17) // 00:00 local time (UTC+7), dry season
const WEEK = 7 * 24 * 3600

function gateway(id: string, probes = 1) {
  const sensors = []
  for (let j = 1; j <= probes; j++)
    for (const metric of CORE) sensors.push({ sensorId: `${id}-s${j}`, metric })
  return { gatewayId: id, sensors }
}

function run(kind: string, seed: number, intervalSeconds: number, seconds: number, probes = 1) {
  const src = createPackSource({
    gateway: gateway('gw-1', probes),
    kind,
    seed,
    index: 0,
    intervalSeconds,
    startMs: START,
  })
  return Array.from({ length: Math.floor(seconds / intervalSeconds) }, () => src.next())
}

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs)
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})

describe('simulated reading packs', () => {
  it('are identical for the same seed and differ for another seed', () => {
    const a = run('shrimp_pond', 7, 60, 6 * 3600, 2)
    expect(run('shrimp_pond', 7, 60, 6 * 3600, 2)).toEqual(a)
    expect(run('shrimp_pond', 8, 60, 6 * 3600, 2)).not.toEqual(a)
  })

  it('parse as SenML with every probe of the gateway in one pack and no rejections', () => {
    for (const { timeMs, pack } of run('coconut_canal', 1, 600, 24 * 3600, 3)) {
      const r = parseSenmlPack(JSON.stringify(pack), timeMs)
      if (!r.ok) throw new Error(r.reason)
      expect(r.rejected).toEqual([])
      expect(r.readings).toHaveLength(3 * CORE.length)
      expect(new Set(r.readings.map((x) => x.sensorId))).toEqual(new Set(['gw-1-s1', 'gw-1-s2', 'gw-1-s3']))
      expect(r.readings.every((x) => x.time === timeMs)).toBe(true)
    }
  })

  it('step by the interval from the start time', () => {
    const packs = run('rice_field', 1, 10, 100)
    expect(packs.map((p) => p.timeMs)).toEqual(Array.from({ length: 10 }, (_, k) => START + k * 10_000))
  })

  it('publish only the provisioned channels and report the ones it cannot model', () => {
    const src = createPackSource({
      gateway: {
        gatewayId: 'gw-2',
        sensors: [
          { sensorId: 'gw-2-s1', metric: 'salinity' },
          { sensorId: 'gw-2-s1', metric: 'conductivity' },
          { sensorId: 'gw-2-s1', metric: 'turbidity' },
        ],
      },
      seed: 1,
      index: 0,
      intervalSeconds: 60,
      startMs: START,
    })
    const r = parseSenmlPack(JSON.stringify(src.next().pack))
    expect(r.ok && r.readings.map((x) => x.metric)).toEqual(['salinity', 'conductivity'])
    expect(src.skipped).toEqual(['gw-2-s1:turbidity'])
  })

  it.each(Object.keys(ZONE_PROFILES))(
    'stay physical and plausible for a %s over a simulated week',
    (kind) => {
      const plausible: Record<string, [number, number]> = {
        salinity: [0, 30],
        ph: [6, 9.5],
        dissolved_oxygen: [0.5, 12],
        temperature: [22, 37],
      }
      for (const { timeMs, pack } of run(kind, 3, 300, WEEK)) {
        const r = parseSenmlPack(JSON.stringify(pack), timeMs)
        if (!r.ok) throw new Error(r.reason)
        expect(r.rejected).toEqual([])
        for (const x of r.readings) {
          expect(qualityOf(x.metric, x.value)).toBe(0)
          const [lo, hi] = plausible[x.metric]!
          expect(x.value, `${x.metric} at ${new Date(x.time).toISOString()}`).toBeGreaterThanOrEqual(lo)
          expect(x.value).toBeLessThanOrEqual(hi)
          expect(METRICS[x.metric].unit).toBeDefined()
        }
      }
    },
  )
})

describe('daily and tidal cycles', () => {
  function hourlyMeans(kind: string, metric: Metric): number[] {
    const sum = new Array<number>(24).fill(0)
    const n = new Array<number>(24).fill(0)
    for (const { timeMs, pack } of run(kind, 11, 600, WEEK)) {
      const r = parseSenmlPack(JSON.stringify(pack), timeMs)
      if (!r.ok) throw new Error(r.reason)
      const h = Math.floor(localHour(timeMs))
      for (const x of r.readings) {
        if (x.metric !== metric) continue
        sum[h]! += x.value
        n[h]!++
      }
    }
    return sum.map((s, h) => s / n[h]!)
  }
  const argmin = (xs: number[]) => xs.indexOf(Math.min(...xs))
  const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs))

  it.each(['shrimp_pond', 'rice_field'])(
    '%s: water is coldest near 05:00 and warmest early afternoon',
    (kind) => {
      const t = hourlyMeans(kind, 'temperature')
      expect(argmin(t)).toBeGreaterThanOrEqual(4)
      expect(argmin(t)).toBeLessThanOrEqual(6)
      expect(argmax(t)).toBeGreaterThanOrEqual(13)
      expect(argmax(t)).toBeLessThanOrEqual(15)
    },
  )

  it.each(['shrimp_pond', 'rice_field'])(
    '%s: oxygen is lowest before dawn and highest mid-afternoon',
    (kind) => {
      const d = hourlyMeans(kind, 'dissolved_oxygen')
      expect(argmin(d)).toBeGreaterThanOrEqual(3)
      expect(argmin(d)).toBeLessThanOrEqual(6)
      expect(argmax(d)).toBeGreaterThanOrEqual(13)
      expect(argmax(d)).toBeLessThanOrEqual(17)
      const p = hourlyMeans(kind, 'ph')
      expect(argmin(p)).toBeLessThanOrEqual(7)
      expect(argmax(p)).toBeGreaterThanOrEqual(13)
    },
  )

  it('canal salinity follows the semi-diurnal tide', () => {
    const packs = run('coconut_canal', 5, 600, WEEK)
    const sal = packs.map(({ pack }) => (pack[0] as { v: number }).v)
    const tides = packs.map(({ timeMs }) => tide(timeMs))
    expect(correlation(sal, tides)).toBeGreaterThan(0.8)
  })
})

function correlation(a: number[], b: number[]): number {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
  const ma = mean(a)
  const mb = mean(b)
  let cov = 0
  let va = 0
  let vb = 0
  a.forEach((x, i) => {
    const y = b[i]!
    cov += (x - ma) * (y - mb)
    va += (x - ma) ** 2
    vb += (y - mb) ** 2
  })
  return cov / Math.sqrt(va * vb)
}
