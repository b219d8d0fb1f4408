// Local alarms (issue 4): rules checked on site, a local output for relays and aerators, and the payload
// reported upstream on `zt/v1/gw/{gatewayId}/alarms`.
export { type DefaultRuleOptions, defaultLocalRules } from './defaults.ts'
export { type AlarmEvaluator, type AlarmEvaluatorOptions, createAlarmEvaluator } from './evaluator.ts'
export type { ActiveAlarm, AlarmEvent } from './events.ts'
export { type AlarmLogger, alarmLogLine } from './log-line.ts'
export {
  type AlarmOutput,
  type AlarmOutputOptions,
  type AlarmOutputStats,
  alarmEnvironment,
  createAlarmOutput,
} from './output.ts'
export {
  type AlarmLabel,
  InvalidAlarmRulesError,
  type LocalAlarmRule,
  ruleLabel,
  validateLocalRules,
} from './rules.ts'
export { type AlarmPayload, alarmPayload, encodeAlarmPayload } from './upstream.ts'
