// The state machine of one rule on one channel, driven by good readings in data-time order. Pure: no
// clock, no database. The evaluator feeds it, persists what changed and turns its outcomes into alerts.
//
//   ok ──violation (repeat count reached, if any)──▶ pending ──held forSeconds──▶ active
//   active ──clear (back inside by the margin)──▶ clearing ──held clearForSeconds──▶ ok (alert cleared)
//   clearing ──violation──▶ active (a retrigger of the same alert)     active|clearing ──band──▶ active
//
// Without forSeconds the pending step is skipped; without clearForSeconds, the clearing step. Times are
// the readings' own (data time), so a duration means the same whether readings arrive live or replayed.
import { type AlertRule, withinActiveHours } from '@zonetrace/contracts'
import { judge, worse } from './condition.ts'

/**
 * A duration is only continued across readings this close together: after a longer gap nobody knows what
 * the water did in between, so a pending violation starts again rather than claiming the gap.
 */
const MAX_GAP_MS = 15 * 60_000

export interface ChannelState {
  phase: 'ok' | 'pending' | 'active' | 'clearing'
  /** Data time of the last reading applied; older or equal readings are replays and are skipped. */
  lastTime: number
  /** Value of the last reading applied (rate rules compare against it). */
  lastValue: number | null
  /** pending: when the violation began; clearing: when the value came back inside. */
  since: number | null
  /** Repeat rules: data times of the violations still inside the window. */
  hits: number[]
  /** The open alert (active or clearing), once the store has written it. */
  alertId: number | null
  /** The excursion: the limit crossed, the opening value and the worst value so far. */
  threshold: number | null
  peak: number | null
}

export type Outcome =
  | { type: 'opened'; time: number; value: number; threshold: number | null }
  | { type: 'retriggered'; time: number; value: number }
  | { type: 'cleared'; time: number; value: number }

export function initialState(): ChannelState {
  return {
    phase: 'ok',
    lastTime: Number.NEGATIVE_INFINITY,
    lastValue: null,
    since: null,
    hits: [],
    alertId: null,
    threshold: null,
    peak: null,
  }
}

interface StepResult {
  outcome: Outcome | null
  /** Something a restart must know changed (phase, timers, hits): persist the state. */
  changed: boolean
}

const NOTHING: StepResult = { outcome: null, changed: false }

/** Applies one good reading. Mutates `s`. */
export function step(rule: AlertRule, s: ChannelState, time: number, value: number): StepResult {
  if (time <= s.lastTime) return NOTHING
  const previous = s.lastValue === null ? null : { value: s.lastValue, time: s.lastTime }
  const gap = time - s.lastTime
  s.lastTime = time
  s.lastValue = value
  const verdict = judge(rule, value, time, previous)
  // Outside its active hours a rule opens nothing, but an open alert can still clear.
  const armed = withinActiveHours(rule.activeHours, time)

  switch (s.phase) {
    case 'ok':
    case 'pending': {
      if (verdict.kind !== 'violation' || !armed) {
        if (s.phase === 'ok') return NOTHING
        s.phase = 'ok'
        s.since = null
        return { outcome: null, changed: true }
      }
      let changed = false
      if (rule.repeat) {
        const windowStart = time - rule.repeat.withinSeconds * 1000
        s.hits = s.hits.filter((t) => t > windowStart)
        s.hits.push(time)
        changed = true
        if (s.hits.length < rule.repeat.count) return { outcome: null, changed }
      }
      if (rule.forSeconds > 0) {
        if (s.phase === 'ok' || gap > MAX_GAP_MS) {
          s.phase = 'pending'
          s.since = time
          return { outcome: null, changed: true }
        }
        if (time - s.since! < rule.forSeconds * 1000) return { outcome: null, changed }
      }
      s.phase = 'active'
      s.since = null
      s.hits = []
      s.threshold = verdict.threshold
      s.peak = value
      return { outcome: { type: 'opened', time, value, threshold: verdict.threshold }, changed: true }
    }
    case 'active':
    case 'clearing': {
      if (verdict.kind === 'violation') {
        s.peak = worse(rule, s.peak ?? value, value, s.threshold)
        if (s.phase === 'active') return NOTHING
        s.phase = 'active'
        s.since = null
        return { outcome: { type: 'retriggered', time, value }, changed: true }
      }
      if (verdict.kind === 'band') {
        if (s.phase === 'active') return NOTHING
        s.phase = 'active'
        s.since = null
        return { outcome: null, changed: true }
      }
      if (rule.clearForSeconds > 0) {
        if (s.phase === 'active' || gap > MAX_GAP_MS) {
          s.phase = 'clearing'
          s.since = time
          return { outcome: null, changed: true }
        }
        if (time - s.since! < rule.clearForSeconds * 1000) return NOTHING
      }
      s.phase = 'ok'
      s.since = null
      s.alertId = null
      s.threshold = null
      s.peak = null
      return { outcome: { type: 'cleared', time, value }, changed: true }
    }
  }
}
