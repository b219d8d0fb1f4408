// What the evaluator reports: an alarm raised or cleared for one rule on one sensor.
import type { Metric, Severity } from '@zonetrace/contracts'
import type { AlarmLabel } from './rules.ts'

export type ClearReason = 'recovered' | 'rule-removed' | 'rule-changed'

export interface AlarmEvent {
  kind: 'raised' | 'cleared'
  ruleId: string
  sensorId: string
  metric: Metric
  /** The reading that raised or cleared it; the last one seen when a config change cleared it. */
  value: number
  /** The threshold that was crossed. */
  threshold: number
  severity: Severity
  /** Milliseconds since the epoch: the reading's time, or the agent's clock for a config change. */
  time: number
  label: AlarmLabel
  /** Only on cleared events: back inside, or the rule was removed or changed by a config update. */
  reason?: ClearReason
}

/** A raised alarm as active() lists it. */
export interface ActiveAlarm {
  ruleId: string
  sensorId: string
  metric: Metric
  severity: Severity
  threshold: number
  /** Time of the reading that raised it. */
  since: number
  /** The latest good reading seen while raised. */
  value: number
  label: AlarmLabel
}

/** ISO 8601 for an event time; a time outside Date's range (a node's broken clock) stays a number. */
export function isoTime(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString()
}
