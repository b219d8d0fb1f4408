// The upstream report of a local alarm: the JSON payload the agent spools and publishes on
// `zt/v1/gw/{gatewayId}/alarms` (contracts/src/topics.ts) once connected. Times are ISO 8601 here, unlike
// SenML seconds, because this message is read by people and by the platform's alert views as is.
import type { Metric, Severity } from '@zonetrace/contracts'
import { type AlarmEvent, type ClearReason, isoTime } from './events.ts'
import type { AlarmLabel } from './rules.ts'

export interface AlarmPayload {
  kind: 'raised' | 'cleared'
  ruleId: string
  sensorId: string
  metric: Metric
  value: number
  threshold: number
  severity: Severity
  /** When the reading was taken (or the config changed), ISO 8601 UTC. */
  time: string
  label: AlarmLabel
  /** Cleared events only. */
  reason?: ClearReason
}

export function alarmPayload(event: AlarmEvent): AlarmPayload {
  const { kind, ruleId, sensorId, metric, value, threshold, severity, label, reason } = event
  const payload: AlarmPayload = {
    kind,
    ruleId,
    sensorId,
    metric,
    value,
    threshold,
    severity,
    time: isoTime(event.time),
    label,
  }
  if (reason !== undefined) payload.reason = reason
  return payload
}

/** The MQTT message body for the alarms topic. */
export function encodeAlarmPayload(event: AlarmEvent): string {
  return JSON.stringify(alarmPayload(event))
}
