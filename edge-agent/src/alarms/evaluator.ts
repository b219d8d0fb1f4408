// Evaluates local alarm rules on readings as they arrive, with no uplink needed. Each (rule, sensor) pair
// is a small state machine: ok → pending (outside, waiting forSeconds by the readings' own times) →
// raised (one event) → ok again once back inside by the clear margin (one event).
//
// Only good readings count: a probe in calibration buffer or reporting a device error must not start an
// aerator, and a reading with a suspect clock cannot be timed. Readings older than the last one seen for
// a pair (a node replaying its buffer) are skipped, so a backfill never re-raises or clears a live alarm.
import { type AlarmClearReason, Quality } from '@zonetrace/contracts'
import type { AgentReading } from '../reading.ts'
import type { ActiveAlarm, AlarmEvent } from './events.ts'
import {
  type AlarmLabel,
  clearsRule,
  crossedThreshold,
  InvalidAlarmRulesError,
  type LocalAlarmRule,
  ruleLabel,
  validateLocalRules,
} from './rules.ts'

export interface AlarmEvaluatorOptions {
  rules: readonly LocalAlarmRule[]
  /** Called for every event, in order. It should not throw; if it does, see observe(). */
  onEvent: (event: AlarmEvent) => void
  /** The agent's clock, for events caused by a config change rather than a reading. */
  now?: () => number
}

export interface AlarmEvaluator {
  /** Events emitted by these readings (also passed to onEvent). Rethrows onEvent's first error afterwards. */
  observe(readings: readonly AgentReading[]): AlarmEvent[]
  /**
   * Replaces the rules. A rule whose id, metric, sensor, thresholds and severity are unchanged keeps its
   * state (new label, forSeconds or clearMargin apply from now); a removed or changed rule's raised
   * alarms are cleared with an event. Throws InvalidAlarmRulesError and keeps the old rules on bad input.
   */
  setRules(rules: readonly LocalAlarmRule[]): AlarmEvent[]
  active(): ActiveAlarm[]
  rules(): LocalAlarmRule[]
}

interface Track {
  phase: 'ok' | 'pending' | 'raised'
  /** Time the condition started (pending) or the alarm was raised (raised). */
  since: number
  lastTime: number
  value: number
  threshold: number
}

interface Entry {
  rule: LocalAlarmRule
  label: AlarmLabel
  tracks: Map<string, Track>
}

function sameCondition(a: LocalAlarmRule, b: LocalAlarmRule): boolean {
  return (
    a.metric === b.metric &&
    a.sensorId === b.sensorId &&
    a.below === b.below &&
    a.above === b.above &&
    a.severity === b.severity
  )
}

export function createAlarmEvaluator(options: AlarmEvaluatorOptions): AlarmEvaluator {
  const now = options.now ?? Date.now
  let entries = new Map<string, Entry>()

  function event(e: Entry, sensorId: string, t: Track, kind: AlarmEvent['kind'], time: number): AlarmEvent {
    const { rule, label } = e
    const base = { kind, ruleId: rule.id, sensorId, metric: rule.metric, severity: rule.severity, label }
    return { ...base, value: t.value, threshold: t.threshold, time }
  }

  function cleared(e: Entry, sensorId: string, t: Track, time: number, reason: AlarmClearReason): AlarmEvent {
    t.phase = 'ok'
    return { ...event(e, sensorId, t, 'cleared', time), reason }
  }

  function step(e: Entry, r: AgentReading, out: AlarmEvent[]): void {
    let t = e.tracks.get(r.sensorId)
    if (t && r.time < t.lastTime) return
    if (!t) {
      t = { phase: 'ok', since: r.time, lastTime: r.time, value: r.value, threshold: Number.NaN }
      e.tracks.set(r.sensorId, t)
    }
    t.lastTime = r.time
    t.value = r.value
    if (t.phase === 'raised') {
      if (clearsRule(e.rule, r.value)) out.push(cleared(e, r.sensorId, t, r.time, 'recovered'))
      return
    }
    const crossed = crossedThreshold(e.rule, r.value)
    if (crossed === undefined) {
      t.phase = 'ok'
      return
    }
    if (t.phase === 'ok') {
      t.phase = 'pending'
      t.since = r.time
    }
    t.threshold = crossed
    if (r.time - t.since >= (e.rule.forSeconds ?? 0) * 1000) {
      t.phase = 'raised'
      t.since = r.time
      out.push(event(e, r.sensorId, t, 'raised', r.time))
    }
  }

  function dispatch(events: AlarmEvent[]): AlarmEvent[] {
    let failure: unknown
    for (const ev of events) {
      try {
        options.onEvent(ev)
      } catch (err) {
        failure ??= err
      }
    }
    if (failure !== undefined) throw failure
    return events
  }

  function install(rules: readonly LocalAlarmRule[]): AlarmEvent[] {
    const problems = validateLocalRules(rules)
    if (problems.length > 0) throw new InvalidAlarmRulesError(problems)
    const next = new Map<string, Entry>()
    const out: AlarmEvent[] = []
    const time = now()
    const clearAll = (e: Entry, reason: AlarmClearReason) => {
      for (const [sensorId, t] of e.tracks) {
        if (t.phase === 'raised') out.push(cleared(e, sensorId, t, time, reason))
      }
    }
    for (const source of rules) {
      const rule = { ...source }
      const old = entries.get(rule.id)
      const kept = old && sameCondition(old.rule, rule)
      if (old && !kept) clearAll(old, 'rule-changed')
      next.set(rule.id, { rule, label: ruleLabel(rule), tracks: kept ? old.tracks : new Map() })
    }
    for (const [id, old] of entries) if (!next.has(id)) clearAll(old, 'rule-removed')
    entries = next
    return out
  }

  install(options.rules)

  return {
    observe(readings) {
      const out: AlarmEvent[] = []
      for (const r of readings) {
        if (r.quality !== Quality.good || !Number.isFinite(r.value) || !Number.isFinite(r.time)) continue
        for (const e of entries.values()) {
          if (
            e.rule.metric !== r.metric ||
            (e.rule.sensorId !== undefined && e.rule.sensorId !== r.sensorId)
          ) {
            continue
          }
          step(e, r, out)
        }
      }
      return dispatch(out)
    },
    setRules(rules) {
      return dispatch(install(rules))
    },
    active() {
      const list: ActiveAlarm[] = []
      for (const { rule, label, tracks } of entries.values()) {
        for (const [sensorId, t] of tracks) {
          if (t.phase !== 'raised') continue
          const { id: ruleId, metric, severity } = rule
          list.push({
            ruleId,
            sensorId,
            metric,
            severity,
            threshold: t.threshold,
            since: t.since,
            value: t.value,
            label,
          })
        }
      }
      return list
    },
    rules() {
      return [...entries.values()].map((e) => ({ ...e.rule }))
    },
  }
}
