// What the evaluator reports: an alarm raised or cleared for one rule on one sensor.
import type { AlarmClearReason, AlarmKind, GatewayAlarmFields } from '@zonetrace/contracts'

/**
 * The fields of the report sent upstream (upstream.ts), with the time still a number. `value` is the reading
 * that raised or cleared it: the last one seen when a config change cleared it.
 */
export interface AlarmEvent extends Omit<GatewayAlarmFields, 'time'> {
  kind: AlarmKind
  /** Milliseconds since the epoch: the reading's time, or the agent's clock for a config change. */
  time: number
  /** Only on cleared events: back inside, or the rule was removed or changed by a config update. */
  reason?: AlarmClearReason
}

/** A raised alarm as active() lists it. */
export interface ActiveAlarm extends Omit<GatewayAlarmFields, 'time'> {
  /** Time of the reading that raised it; `value` is the latest good reading seen while raised. */
  since: number
}

/** ISO 8601 for an event time; a time outside Date's range (a node's broken clock) stays a number. */
export function isoTime(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString()
}
