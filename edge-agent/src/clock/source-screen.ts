// Screening of times stamped at the source (a node or a station logger). A time that cannot be right is
// kept exactly as it came and flagged clock suspect: reordering or restamping would invent data, dropping
// it would lose a measurement whose value may be fine. Suspect means, per (sensor, metric):
// - before earliestPlausible (an RTC that lost power restarts in 2000 or 1970);
// - more than maxAheadMs ahead of the agent's own best time (skipped while the agent has none);
// - earlier than the latest time already accepted for that channel. An equal time is not suspect: it is
//   a resend, and the broker keeps the first copy.
import { Quality } from '@zonetrace/contracts'
import type { AgentLogger } from '../logger.ts'
import type { AgentReading } from '../reading.ts'

interface SourceScreenOptions {
  earliestPlausible: number
  maxAheadMs: number
  /** Channels remembered; the least recently accepted is forgotten beyond it (a node inventing ids). */
  maxChannels: number
  log?: AgentLogger
}

interface Judgement {
  readings: AgentReading[]
  /** Latest accepted time per channel in this batch, to remember once the batch is spooled. */
  accepted: Map<string, number>
  suspect: number
}

type SuspectReason = 'before_plausible' | 'ahead_of_agent' | 'backwards'

export function createSourceScreen(agentTime: () => number | undefined, opts: SourceScreenOptions) {
  const latest = new Map<string, number>()
  /** Channels in a suspect episode: logged when it starts and when it ends, not per reading. */
  const suspectChannels = new Set<string>()

  function judge(readings: readonly AgentReading[]): Judgement {
    const now = agentTime()
    const limit = now === undefined ? Number.POSITIVE_INFINITY : now + opts.maxAheadMs
    const accepted = new Map<string, number>()
    let suspect = 0
    const out = readings.map((r) => {
      const channel = `${r.sensorId}\n${r.metric}`
      const last = Math.max(accepted.get(channel) ?? -Infinity, latest.get(channel) ?? -Infinity)
      const reason: SuspectReason | undefined =
        r.time < opts.earliestPlausible
          ? 'before_plausible'
          : r.time > limit
            ? 'ahead_of_agent'
            : r.time < last
              ? 'backwards'
              : undefined
      if (reason === undefined) {
        accepted.set(channel, r.time)
        return r
      }
      suspect++
      if (!suspectChannels.has(channel)) {
        suspectChannels.add(channel)
        if (suspectChannels.size > opts.maxChannels)
          suspectChannels.delete(suspectChannels.values().next().value!)
        opts.log?.warn(
          { sensorId: r.sensorId, metric: r.metric, reason, time: iso(r.time), agentTime: iso(now) },
          'source clock suspect: readings kept with their own time and flagged',
        )
      }
      // A reading already flagged by its source (calibrating, device error) keeps that flag: it is
      // already kept out of alarms and aggregates, and the source knows its own fault best.
      return r.quality === Quality.good ? { ...r, quality: Quality.clockSuspect } : r
    })
    return { readings: out, accepted, suspect }
  }

  function remember(accepted: Map<string, number>): void {
    for (const [channel, time] of accepted) {
      const previous = latest.get(channel)
      latest.delete(channel)
      latest.set(channel, Math.max(time, previous ?? time))
      if (suspectChannels.delete(channel)) {
        const [sensorId, metric] = channel.split('\n')
        opts.log?.info({ sensorId, metric }, 'source clock plausible again')
      }
    }
    for (const channel of latest.keys()) {
      if (latest.size <= opts.maxChannels) break
      latest.delete(channel)
      suspectChannels.delete(channel)
    }
  }

  return { judge, remember }
}

function iso(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString()
}
