// What goes wrong with a probe in a pond (water-dynamics.md § Sensors and faults): DO membranes foul within
// about four weeks, probes freeze on one value, a bad RS-485 read returns a spike, a read times out. Each
// fault draws from its own seeded stream, so switching one on never moves another's episodes.
import { METRICS, type Metric, Quality, type QualityFlag } from '@zonetrace/contracts'
import { deriveSeed, mulberry32 } from '../prng.ts'
import { createEpisodes } from './episodes.ts'
import type { FaultName } from './names.ts'

type Values = Partial<Record<Metric, number>>

interface ProbeOutput {
  values: Values
  /** Flags the probe itself knows about (a calibration in progress); absent metrics are good. */
  quality: Partial<Record<Metric, QualityFlag>>
  /** The probe did not answer: nothing was measured, `values` is what the logger read last. */
  dropped: boolean
}

export interface ProbeFaults {
  /** Call once per sample with non-decreasing times and the fault-free values. */
  apply(timeMs: number, values: Values): ProbeOutput
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** A bad read: about one sample in 200 per channel. */
const SPIKE_CHANCE = 0.005
/** A read timeout starts about one sample in 50 and lasts a few samples. */
const DROPOUT_CHANCE = 0.02

type Step = (timeMs: number, out: ProbeOutput) => void

export function createProbeFaults(faults: readonly FaultName[], seed: number, startMs: number): ProbeFaults {
  const steps: Step[] = []
  if (faults.includes('fouling')) steps.push(fouling(deriveSeed(seed, 'fouling'), startMs))
  if (faults.includes('spikes')) steps.push(spikes(deriveSeed(seed, 'spikes')))
  if (faults.includes('stuck')) steps.push(stuck(deriveSeed(seed, 'stuck'), startMs))
  if (faults.includes('dropouts')) steps.push(dropouts(deriveSeed(seed, 'dropouts')))
  return {
    apply(timeMs, values) {
      const out: ProbeOutput = { values: { ...values }, quality: {}, dropped: false }
      for (const step of steps) step(timeMs, out)
      return out
    },
  }
}

/**
 * Biofilm on the DO membrane slows oxygen diffusion: the reading sinks slowly, faster as the film thickens,
 * by 40–65 % after a 24–32 day cycle. Then the farmer cleans the probe and recalibrates it in air for
 * 20–45 minutes (readings flagged calibrating, DO at air saturation) and the cycle starts again.
 */
function fouling(seed: number, startMs: number): Step {
  const rand = mulberry32(seed)
  const draw = () => ({ cycleMs: (24 + 8 * rand()) * DAY_MS, loss: 0.4 + 0.25 * rand() })
  let cleanedAt = startMs
  let { cycleMs, loss } = draw()
  let calibratingUntil = Number.NEGATIVE_INFINITY
  return (timeMs, out) => {
    if (timeMs >= cleanedAt + cycleMs) {
      calibratingUntil = timeMs + (20 + 25 * rand()) * MINUTE_MS
      cleanedAt = calibratingUntil
      ;({ cycleMs, loss } = draw())
    }
    const v = out.values
    if (timeMs < calibratingUntil) {
      // Out of the water in moist air: about 7.7 mg/L at 29 °C (100 % saturation).
      if (v.dissolved_oxygen !== undefined) v.dissolved_oxygen = round(7.6 + 0.2 * rand())
      for (const m of Object.keys(v) as Metric[]) out.quality[m] = Quality.calibrating
      return
    }
    if (v.dissolved_oxygen === undefined) return
    const age = Math.max(0, timeMs - cleanedAt) / cycleMs
    v.dissolved_oxygen = round(v.dissolved_oxygen * (1 - loss * age ** 1.5))
  }
}

/** A garbled Modbus read: somewhere between half-way to and beyond the top of the probe's range. */
function spikes(seed: number): Step {
  const rand = mulberry32(seed)
  return (_timeMs, out) => {
    for (const [m, v] of Object.entries(out.values) as [Metric, number][]) {
      if (rand() >= SPIKE_CHANCE) continue
      const top = METRICS[m].physical[1]
      out.values[m] = round(v + (0.5 + 0.7 * rand()) * (top - v))
    }
  }
}

/** The probe's firmware hangs and keeps answering with its last values, for one to twelve hours. */
function stuck(seed: number, startMs: number): Step {
  const episodes = createEpisodes(seed, startMs, {
    meanGapMs: 3 * DAY_MS,
    minMs: HOUR_MS,
    maxMs: 12 * HOUR_MS,
  })
  let last: Values | undefined
  let frozen: Values | undefined
  return (timeMs, out) => {
    if (episodes.at(timeMs)) {
      frozen ??= last ?? out.values
      out.values = { ...frozen }
    } else {
      frozen = undefined
    }
    last = out.values
  }
}

/** A read timeout: the probe misses one or a few samples in a row. */
function dropouts(seed: number): Step {
  const rand = mulberry32(seed)
  let remaining = 0
  let held: Values | undefined
  return (_timeMs, out) => {
    if (remaining === 0 && rand() < DROPOUT_CHANCE) remaining = 1 + Math.floor(-Math.log(1 - rand()) * 1.5)
    if (remaining === 0) {
      held = out.values
      return
    }
    remaining--
    out.dropped = true
    out.values = { ...(held ?? {}) }
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}
