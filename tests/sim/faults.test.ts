// Each fault injected alone into the model and compared, sample by sample, with a clean run of the same
// seed: the fault must do what it says and leave everything else exactly as the clean run has it.
import { type Metric, parseSenmlPack } from '@zonetrace/contracts'
import { FAULT_NAMES, type FaultName, parseFaults, type TimedPack } from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'
import { CORE, DAY, mean, seriesOf, simulate, WEEK } from './model.ts'

const run = (faults: FaultName[], seconds: number, intervalSeconds = 600, seed = 21) =>
  simulate({ kind: 'shrimp_pond', seed, intervalSeconds, seconds, faults, probes: 2 })

const defined = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined)

/** Indexes of samples where the faulty run differs from the clean one in any way. */
function differing(clean: TimedPack[], faulty: TimedPack[]): number[] {
  return clean.flatMap((c, i) => (JSON.stringify(c) === JSON.stringify(faulty[i]) ? [] : [i]))
}

describe('fouling (DO membrane fouls over about four weeks)', () => {
  // Injects: fouling. Must survive: every other metric exactly; DO only ever lower than clean.
  const clean = run([], 6 * WEEK)
  const fouled = run(['fouling'], 6 * WEEK)

  it('drags DO down slowly, more each week, and touches nothing else', () => {
    const weekRatio = (w: number) => {
      const range = [w * 1008, (w + 1) * 1008] as const
      const a = defined(seriesOf(fouled.slice(...range), 'dissolved_oxygen'))
      const b = defined(seriesOf(clean.slice(...range), 'dissolved_oxygen'))
      return mean(a) / mean(b)
    }
    const ratios = [0, 1, 2, 3].map(weekRatio)
    expect(ratios[0]).toBeGreaterThan(0.95)
    expect(ratios[2]).toBeLessThan(0.85)
    for (let w = 1; w < 4; w++) expect(ratios[w]).toBeLessThan(ratios[w - 1]!)
    for (let i = 0; i < 3 * 1008; i++) {
      for (const m of CORE.filter((m) => m !== 'dissolved_oxygen')) {
        expect(fouled[i]!.probes[0]!.values[m]).toBe(clean[i]!.probes[0]!.values[m])
      }
    }
  })

  it('ends with a cleaning: readings flagged calibrating for a while, then DO back to clean levels', () => {
    const calibrating = fouled.findIndex((p) => p.probes[0]!.quality.dissolved_oxygen === 2)
    expect(calibrating).toBeGreaterThan(24 * 144) // not before 24 days
    expect(calibrating).toBeLessThan(32 * 144 + 10)
    const r = parseSenmlPack(JSON.stringify(fouled[calibrating]!.pack))
    if (!r.ok) throw new Error(r.reason)
    expect(r.readings.filter((x) => x.sensorId === 'gw-1-s1').every((x) => x.sourceQuality === 2)).toBe(true)
    const after = calibrating + 12 // two hours later
    const a = fouled[after]!.probes[0]!.values.dissolved_oxygen!
    const b = clean[after]!.probes[0]!.values.dissolved_oxygen!
    expect(a / b).toBeGreaterThan(0.97)
  })
})

describe('stuck', () => {
  it('repeats one set of values for hours, where the clean run never repeats', () => {
    // Injects: stuck probes. Must survive: values outside the stuck stretches equal the clean run.
    const longestRepeat = (packs: TimedPack[]) => {
      let best = 0
      let n = 0
      for (let i = 1; i < packs.length; i++) {
        const same =
          JSON.stringify(packs[i]!.probes[0]!.values) === JSON.stringify(packs[i - 1]!.probes[0]!.values)
        n = same ? n + 1 : 0
        best = Math.max(best, n)
      }
      return best
    }
    const clean = run([], 2 * WEEK)
    const stuck = run(['stuck'], 2 * WEEK)
    expect(longestRepeat(clean)).toBe(0)
    expect(longestRepeat(stuck)).toBeGreaterThanOrEqual(6) // an hour at 10-minute samples
    const diff = differing(clean, stuck)
    expect(diff.length).toBeGreaterThan(0)
    expect(diff.length).toBeLessThan(clean.length / 2)
  })
})

describe('spikes', () => {
  it('produce single readings beyond the whole normal range of the clean week', () => {
    // Injects: spikes. Must survive: every reading that is not a spike equals the clean run.
    const clean = run([], WEEK, 300)
    const spiky = run(['spikes'], WEEK, 300)
    let spikes = 0
    for (const m of CORE as Metric[]) {
      const normal = defined(seriesOf(clean, m))
      const max = Math.max(...normal)
      const faulty = seriesOf(spiky, m)
      faulty.forEach((v, i) => {
        if (v === normal[i]) return
        spikes++
        expect(v, `${m} spike at sample ${i}`).toBeGreaterThan(max)
      })
    }
    expect(spikes).toBeGreaterThan(10)
    expect(spikes).toBeLessThan(0.02 * 4 * clean.length)
  })
})

describe('dropouts', () => {
  it('leave a probe out of some packs, and only that', () => {
    // Injects: read timeouts. Must survive: the probes that answered, with clean values and true times.
    const clean = run([], WEEK)
    const lossy = run(['dropouts'], WEEK)
    let dropped = 0
    lossy.forEach((p, i) => {
      const r = parseSenmlPack(JSON.stringify(p.pack))
      const answered = p.probes.filter((x) => !x.dropped)
      dropped += p.probes.length - answered.length
      if (answered.length === 0) {
        expect(p.pack).toEqual([])
        return
      }
      if (!r.ok) throw new Error(r.reason)
      expect(new Set(r.readings.map((x) => x.sensorId))).toEqual(new Set(answered.map((x) => x.sensorId)))
      for (const x of r.readings) {
        const probe = clean[i]!.probes.find((c) => c.sensorId === x.sensorId)!
        expect(x.value).toBe(probe.values[x.metric])
      }
    })
    const total = 2 * lossy.length
    expect(dropped).toBeGreaterThan(0.01 * total)
    expect(dropped).toBeLessThan(0.15 * total)
  })
})

describe('clock skew', () => {
  it('stamps readings off the true time by minutes, drifting over the week, values untouched', () => {
    // Injects: a gateway clock set wrong and drifting. Must survive: the values; only the stamps move.
    const clean = run([], WEEK)
    const skewed = run(['clock-skew'], WEEK)
    const offsets = skewed.map((p) => p.stampMs - p.timeMs)
    const first = offsets[0]!
    const last = offsets.at(-1)!
    expect(Math.abs(first)).toBeGreaterThanOrEqual(60_000)
    expect(Math.abs(first)).toBeLessThanOrEqual(15 * 60_000)
    expect(last).not.toBe(first)
    expect(Math.abs(last - first)).toBeLessThan(2 * 60_000)
    skewed.forEach((p, i) => {
      const r = parseSenmlPack(JSON.stringify(p.pack))
      if (!r.ok) throw new Error(r.reason)
      expect(r.readings.every((x) => x.time === p.stampMs)).toBe(true)
      expect(p.probes).toEqual(clean[i]!.probes)
    })
  })
})

describe('power loss', () => {
  it('silences the gateway for a stretch, then it resumes with the clean run’s readings', () => {
    // Injects: power cuts. Must survive: every sample outside a cut, exactly as the clean run.
    const clean = run([], 2 * WEEK)
    const cut = run(['power-loss'], 2 * WEEK)
    const down = cut.flatMap((p, i) => (p.powered ? [] : [i]))
    expect(down.length).toBeGreaterThan(0)
    for (const i of down) {
      expect(cut[i]!.pack).toEqual([])
      expect(cut[i]!.probes).toEqual([])
    }
    // Cuts are stretches of 15 minutes to 4 hours, and the gateway comes back after each.
    const stretches: number[][] = []
    for (const i of down) {
      const last = stretches.at(-1)
      if (last && last.at(-1) === i - 1) last.push(i)
      else stretches.push([i])
    }
    for (const s of stretches) {
      expect(s.length).toBeLessThanOrEqual(4 * 6 + 1)
      const back = s.at(-1)! + 1
      if (back < cut.length) expect(cut[back]!.powered).toBe(true)
    }
    cut.forEach((p, i) => {
      if (p.powered) expect(p).toEqual(clean[i])
    })
  })
})

describe('fault switches', () => {
  it('a run with every fault repeats exactly with the same seed and differs with another', () => {
    const all = [...FAULT_NAMES]
    const a = run(all, 3 * DAY, 300, 7)
    expect(run(all, 3 * DAY, 300, 7)).toEqual(a)
    expect(run(all, 3 * DAY, 300, 8)).not.toEqual(a)
  })

  it('parses the --faults list, with all and none, and names unknown faults', () => {
    expect(parseFaults('none')).toEqual([])
    expect(parseFaults('')).toEqual([])
    expect(parseFaults('all')).toEqual([...FAULT_NAMES])
    expect(parseFaults('power-loss, fouling')).toEqual(['fouling', 'power-loss'])
    expect(() => parseFaults('fouling,spkes')).toThrow(/unknown fault "spkes"; known: fouling, stuck/)
  })
})
