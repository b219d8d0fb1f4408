// Local alarm rules: the simple thresholds a gateway checks on site, so a pond gets its aerator started
// while the uplink is down (issue 4). A rule fires when a good reading is below `below` or above `above`.
import {
  type GatewayAlarmFields,
  isMetric,
  METRICS,
  type Metric,
  SEVERITIES,
  type Severity,
} from '@zonetrace/contracts'

/** What an alarm says, Vietnamese and English, as its report carries it. */
export type AlarmLabel = GatewayAlarmFields['label']

export interface LocalAlarmRule {
  /** Stable across config changes: state is kept per id (see AlarmEvaluator.setRules). */
  id: string
  metric: Metric
  /** One sensor; every sensor reporting the metric when absent. */
  sensorId?: string
  below?: number
  above?: number
  severity: Severity
  /** How long, by the readings' own times, the condition must hold before the alarm is raised. */
  forSeconds?: number
  /** Hysteresis: a raised alarm clears only once the value is back inside by this much. */
  clearMargin?: number
  label?: AlarmLabel
}

/** Which threshold the value is outside of, or undefined when it is inside. */
export function crossedThreshold(rule: LocalAlarmRule, value: number): number | undefined {
  if (rule.below !== undefined && value < rule.below) return rule.below
  if (rule.above !== undefined && value > rule.above) return rule.above
  return undefined
}

/** Back inside with the hysteresis margin on both sides. */
export function clearsRule(rule: LocalAlarmRule, value: number): boolean {
  const margin = rule.clearMargin ?? 0
  if (rule.below !== undefined && value < rule.below + margin) return false
  if (rule.above !== undefined && value > rule.above - margin) return false
  return true
}

/** The rule's own label, or one built from its metric and thresholds. */
export function ruleLabel(rule: LocalAlarmRule): AlarmLabel {
  if (rule.label) return rule.label
  const { unit, label } = METRICS[rule.metric]
  const u = unit === 'pH' ? '' : ` ${unit}`
  const { below: lo, above: hi } = rule
  if (lo !== undefined && hi !== undefined) {
    return { vi: `${label.vi} ngoài khoảng ${lo}–${hi}${u}`, en: `${label.en} outside ${lo}–${hi}${u}` }
  }
  if (lo !== undefined) return { vi: `${label.vi} dưới ${lo}${u}`, en: `${label.en} below ${lo}${u}` }
  return { vi: `${label.vi} trên ${hi}${u}`, en: `${label.en} above ${hi}${u}` }
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

function problemsOf(rule: LocalAlarmRule): string[] {
  const r = rule as Partial<Record<keyof LocalAlarmRule, unknown>>
  const out: string[] = []
  if (typeof r.id !== 'string' || r.id === '') out.push('id must be a non-empty string')
  if (typeof r.metric !== 'string' || !isMetric(r.metric))
    out.push(`unknown metric ${JSON.stringify(r.metric)}`)
  if (r.sensorId !== undefined && (typeof r.sensorId !== 'string' || r.sensorId === '')) {
    out.push('sensorId must be a non-empty string when set')
  }
  if (r.below === undefined && r.above === undefined) out.push('needs below or above')
  if (r.below !== undefined && !isFiniteNumber(r.below)) out.push('below must be a finite number')
  if (r.above !== undefined && !isFiniteNumber(r.above)) out.push('above must be a finite number')
  if (isFiniteNumber(r.below) && isFiniteNumber(r.above) && r.below >= r.above) {
    out.push('below must be less than above, or every value would be an alarm')
  }
  if (!SEVERITIES.includes(r.severity as Severity))
    out.push(`severity must be one of ${SEVERITIES.join(', ')}`)
  for (const key of ['forSeconds', 'clearMargin'] as const) {
    if (r[key] !== undefined && !(isFiniteNumber(r[key]) && r[key] >= 0)) out.push(`${key} must be >= 0`)
  }
  const label = r.label as Partial<AlarmLabel> | undefined
  if (label !== undefined && (typeof label?.vi !== 'string' || typeof label.en !== 'string')) {
    out.push('label must have vi and en strings')
  }
  return out
}

/** Every problem with a rule set, each naming its rule; empty when the set can be used. */
export function validateLocalRules(rules: readonly LocalAlarmRule[]): string[] {
  if (!Array.isArray(rules)) return ['rules must be an array']
  const problems: string[] = []
  const seen = new Set<string>()
  rules.forEach((rule, i) => {
    if (typeof rule !== 'object' || rule === null) {
      problems.push(`rule ${i}: not an object`)
      return
    }
    const name = typeof rule.id === 'string' && rule.id !== '' ? rule.id : `#${i}`
    for (const p of problemsOf(rule)) problems.push(`rule ${name}: ${p}`)
    if (seen.has(rule.id)) problems.push(`rule ${name}: duplicate id`)
    seen.add(rule.id)
  })
  return problems
}

export class InvalidAlarmRulesError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`invalid local alarm rules: ${problems.join('; ')}`)
    this.name = 'InvalidAlarmRulesError'
    this.problems = problems
  }
}
