// Fault episodes (a stuck probe, a power cut) laid out on simulated time: exponential gaps, log-uniform
// lengths, drawn lazily from a seeded stream so a run replays exactly whatever the sampling interval.
import { mulberry32 } from '../prng.ts'

interface EpisodeSpec {
  /** Mean quiet time between the end of one episode and the start of the next. */
  meanGapMs: number
  minMs: number
  maxMs: number
}

interface Episode {
  startMs: number
  endMs: number
}

interface Episodes {
  /** The episode covering `timeMs`, if any; call with non-decreasing times. */
  at(timeMs: number): Episode | undefined
}

export function createEpisodes(seed: number, startMs: number, spec: EpisodeSpec): Episodes {
  const rand = mulberry32(seed)
  const after = (fromMs: number): Episode => {
    const gap = -Math.log(1 - rand()) * spec.meanGapMs
    const length = spec.minMs * (spec.maxMs / spec.minMs) ** rand()
    const s = fromMs + Math.round(gap)
    return { startMs: s, endMs: s + Math.round(length) }
  }
  let current = after(startMs)
  return {
    at(timeMs) {
      while (timeMs >= current.endMs) current = after(current.endMs)
      return timeMs >= current.startMs ? current : undefined
    },
  }
}
