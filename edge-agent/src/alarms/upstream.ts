// The upstream report of a local alarm: the JSON payload the agent spools and publishes on
// `zt/v1/gw/{gatewayId}/alarms` (contracts/src/topics.ts) once connected. Times are ISO 8601 here, unlike
// SenML seconds, because this message is read by people and by the platform's alert views as is.
import type { GatewayAlarmReportPayload } from '@zonetrace/contracts'
import { type AlarmEvent, isoTime } from './events.ts'

/** The report as the broker checks it: the GatewayAlarmReport schema docs/asyncapi.yaml shows. */
export type AlarmPayload = GatewayAlarmReportPayload

export function alarmPayload(event: AlarmEvent): AlarmPayload {
  const { kind, ruleId, sensorId, metric, value, threshold, severity, label, reason } = event
  const fields = { ruleId, sensorId, metric, value, threshold, severity, time: isoTime(event.time), label }
  // A reason goes with a cleared report only, as the schema says.
  if (kind === 'raised' || reason === undefined) return { kind, ...fields }
  return { kind, ...fields, reason }
}

/** The MQTT message body for the alarms topic. */
export function encodeAlarmPayload(event: AlarmEvent): string {
  return JSON.stringify(alarmPayload(event))
}
