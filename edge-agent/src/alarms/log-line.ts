// One log line per alarm event, written for the technician at the gateway: Vietnamese first, the value
// with its unit, the threshold, the sensor and the rule, so a line read over a serial console says what
// happened without looking anything up.
import { type AlarmClearReason, METRICS } from '@zonetrace/contracts'
import { type AlarmEvent, isoTime } from './events.ts'

/** The logger the agent passes in; pino's Logger fits. */
export interface AlarmLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

const REASON_VI: Record<AlarmClearReason, string> = {
  recovered: 'đã trở lại ngưỡng an toàn',
  'rule-removed': 'quy tắc đã bị gỡ',
  'rule-changed': 'quy tắc đã thay đổi',
}

export function alarmLogLine(event: AlarmEvent): string {
  const unit = METRICS[event.metric].unit
  const u = unit === 'pH' ? '' : ` ${unit}`
  const head = event.kind === 'raised' ? 'BÁO ĐỘNG' : 'HẾT BÁO ĐỘNG'
  const why = event.kind === 'cleared' ? `, ${REASON_VI[event.reason ?? 'recovered']}` : ''
  return (
    `${head} [${event.severity}] ${event.label.vi}: cảm biến ${event.sensorId} đo ${event.value}${u} ` +
    `(ngưỡng ${event.threshold}${u})${why}, lúc ${isoTime(event.time)}, quy tắc ${event.ruleId}`
  )
}

export function logAlarmEvent(log: AlarmLogger, event: AlarmEvent): void {
  const line = alarmLogLine(event)
  const fields = { alarm: { ...event, time: isoTime(event.time) } }
  if (event.kind === 'cleared' || event.severity === 'minor') log.info(fields, line)
  else if (event.severity === 'major') log.warn(fields, line)
  else log.error(fields, line)
}
