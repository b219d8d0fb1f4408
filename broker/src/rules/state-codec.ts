// Rule states as stored in rule_states.state (jsonb). JSON has no infinity: a channel that has seen no
// reading stores lastTime null.
import type { ChannelState } from './channel-state.ts'
import type { SilenceState } from './evaluator.ts'

type StoredState = { kind: 'channel'; state: ChannelState } | { kind: 'silence'; state: SilenceState }

export function encodeChannel(s: ChannelState): string {
  return JSON.stringify({
    kind: 'channel',
    ...s,
    lastTime: Number.isFinite(s.lastTime) ? s.lastTime : null,
  })
}

export function encodeSilence(s: SilenceState): string {
  return JSON.stringify({ kind: 'silence', ...s })
}

/** Null for anything this version cannot read (the channel then starts afresh). */
export function decodeState(raw: unknown): StoredState | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  const alertId = typeof r.alertId === 'number' ? r.alertId : null
  if (r.kind === 'silence') {
    return { kind: 'silence', state: { phase: r.phase === 'active' ? 'active' : 'ok', alertId } }
  }
  if (r.kind !== 'channel' || typeof r.phase !== 'string') return null
  if (!['ok', 'pending', 'active', 'clearing'].includes(r.phase)) return null
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  return {
    kind: 'channel',
    state: {
      phase: r.phase as ChannelState['phase'],
      lastTime: num(r.lastTime) ?? Number.NEGATIVE_INFINITY,
      lastValue: num(r.lastValue),
      since: num(r.since),
      hits: Array.isArray(r.hits) ? r.hits.filter((h): h is number => typeof h === 'number') : [],
      alertId,
      threshold: num(r.threshold),
      peak: num(r.peak),
    },
  }
}
