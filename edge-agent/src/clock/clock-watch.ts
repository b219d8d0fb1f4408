// The agent's clock on a gateway that may have no network time. Jumps are found by comparing how far the
// wall clock moved between two check()s with how far the monotonic clock moved; only the wall clock can
// be set, so a difference over jumpThresholdMs is a jump.
//
// Policy for what the agent stamps itself (stamp()):
// - 'wall': the wall clock agrees with the last trusted time plus monotonic time elapsed. Stamp with it.
// - 'estimate': after a jump, whichever side of it was right, the wall clock is not believed. Stamp with
//   the estimate (last trusted wall time + monotonic elapsed) flagged clock suspect, until the wall clock
//   agrees with the estimate again (a jump back) or trust() brings a time from a trusted source.
// - 'trusted': trust(ms) anchored the estimate to a trusted time (e.g. the broker's, from a status round
//   trip). Stamp with the estimate, unflagged, for trustForMs: monotonic clocks drift too (a 100 ppm
//   crystal gains about 2 s in 6 h), so the agent should call trust() at every round trip.
// - 'unset': the wall clock reads before earliestPlausible (an RTC that lost power) and nothing better is
//   known. Stamp with it, flagged; the first plausible wall time or trust() ends this.
// Nothing is ever restamped after the fact: the flag says which readings to doubt.
//
// Caveat: performance.now() (CLOCK_MONOTONIC) stops while the machine is suspended, so a resume looks like
// a forward jump. Gateways do not suspend; a laptop running the agent will log one jump per resume.
import { Quality, type QualityFlag } from '@zonetrace/contracts'
import type { AgentLogger } from '../logger.ts'
import type { AgentReading, ReadingSink } from '../reading.ts'
import { createSourceScreen } from './source-screen.ts'

export interface ClockWatchOptions {
  now?: () => number
  monotonic?: () => number
  jumpThresholdMs?: number
  earliestPlausible?: number
  /** How far ahead of the agent's time a source time may lie before it is suspect (default 5 min). */
  maxAheadMs?: number
  /** How long a trust() keeps stamps unflagged while the wall clock disagrees (default 6 h). */
  trustForMs?: number
  /** (sensor, metric) channels whose last time screen() remembers (default 10 000). */
  maxChannels?: number
  log?: AgentLogger
}

export type ClockBasis = 'wall' | 'estimate' | 'trusted' | 'unset'

export interface ClockStamp {
  time: number
  quality: QualityFlag
}

export interface ClockStats {
  basis: ClockBasis
  /** Wall clock minus the agent's estimate of true time, at the last check. */
  offsetMs: number
  jumps: number
  /** Source-stamped readings screen() flagged clock suspect. */
  flagged: number
  /** Stamps handed out flagged clock suspect. */
  suspectStamps: number
}

export interface ClockWatch {
  /** Compares wall and monotonic clocks; call every second. stamp() and now() call it too. */
  check(): void
  stamp(): ClockStamp
  /** The agent's best estimate of true time. */
  now(): number
  /** Re-anchors to a time from a trusted source, read now. */
  trust(timeMs: number): void
  /** Flags implausible source times; same readings, same order, original times. */
  screen(readings: readonly AgentReading[]): AgentReading[]
  /** A sink that screens, and remembers accepted times only once `sink` has spooled them. */
  screenedSink(sink: ReadingSink): ReadingSink
  stats(): ClockStats
}

export function createClockWatch(opts: ClockWatchOptions = {}): ClockWatch {
  const wallClock = opts.now ?? Date.now
  const mono = opts.monotonic ?? (() => performance.now())
  const threshold = opts.jumpThresholdMs ?? 2000
  const earliest = opts.earliestPlausible ?? Date.UTC(2025, 0, 1)
  const trustForMs = opts.trustForMs ?? 6 * 3_600_000
  const log = opts.log

  let lastWall = wallClock()
  let lastMono = mono()
  let anchorWall = lastWall
  let anchorMono = lastMono
  let basis: ClockBasis = lastWall >= earliest ? 'wall' : 'unset'
  let jumps = 0
  let flagged = 0
  let suspectStamps = 0
  if (basis === 'unset') log?.warn({ wall: iso(lastWall) }, 'wall clock is not set: stamps are clock suspect')

  const estimate = (m: number) => anchorWall + (m - anchorMono)

  function check(): void {
    const wall = wallClock()
    const m = mono()
    const drift = wall - lastWall - (m - lastMono)
    if (Math.abs(drift) > threshold) {
      jumps++
      log?.warn(
        { jumpMs: Math.round(drift), from: iso(lastWall + (m - lastMono)), to: iso(wall) },
        drift > 0 ? 'wall clock jumped forward' : 'wall clock jumped backward',
      )
    }
    lastWall = wall
    lastMono = m
    if (basis === 'unset') {
      anchorWall = wall
      anchorMono = m
      if (wall >= earliest) {
        basis = 'wall'
        log?.info({ wall: iso(wall) }, 'wall clock now plausible: trusting it')
      }
      return
    }
    const offset = wall - estimate(m)
    if (Math.abs(offset) <= threshold) {
      if (basis !== 'wall') log?.info({ offsetMs: Math.round(offset) }, 'wall clock agrees with the estimate')
      basis = 'wall'
      anchorWall = wall
      anchorMono = m
    } else if (basis === 'wall') {
      basis = 'estimate'
    }
  }

  function current(): ClockStamp {
    check()
    if (basis === 'wall') return { time: lastWall, quality: Quality.good }
    if (basis === 'unset') return { time: lastWall, quality: Quality.clockSuspect }
    const time = Math.round(estimate(lastMono))
    const fresh = basis === 'trusted' && lastMono - anchorMono <= trustForMs
    return { time, quality: fresh ? Quality.good : Quality.clockSuspect }
  }

  const screen = createSourceScreen(() => (basis === 'unset' ? undefined : current().time), {
    earliestPlausible: earliest,
    maxAheadMs: opts.maxAheadMs ?? 5 * 60_000,
    maxChannels: opts.maxChannels ?? 10_000,
    log,
  })

  return {
    check,
    now: () => current().time,
    stamp() {
      const s = current()
      if (s.quality !== Quality.good) suspectStamps++
      return s
    },
    trust(timeMs) {
      if (!Number.isFinite(timeMs) || timeMs < earliest) {
        log?.warn({ time: timeMs }, 'trusted time ignored: not plausible')
        return
      }
      check()
      anchorWall = timeMs
      anchorMono = lastMono
      const offset = lastWall - timeMs
      const next: ClockBasis = Math.abs(offset) <= threshold ? 'wall' : 'trusted'
      if (next !== basis)
        log?.info({ offsetMs: Math.round(offset), basis: next }, 'clock anchored to trusted time')
      basis = next
    },
    screen(readings) {
      const j = screen.judge(readings)
      screen.remember(j.accepted)
      flagged += j.suspect
      return j.readings
    },
    screenedSink: (sink) => ({
      async accept(readings) {
        const j = screen.judge(readings)
        await sink.accept(j.readings)
        screen.remember(j.accepted)
        flagged += j.suspect
      },
    }),
    stats: () => ({
      basis,
      offsetMs: Math.round(lastWall - (basis === 'unset' ? lastWall : estimate(lastMono))),
      jumps,
      flagged,
      suspectStamps,
    }),
  }
}

function iso(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString()
}
