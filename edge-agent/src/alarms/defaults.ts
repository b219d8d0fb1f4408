// Default local rules for a gateway, from the shared threshold presets (contracts/src/thresholds.ts, which
// cites the Vietnamese standard behind each limit). A shrimp pond also gets the tiered dissolved-oxygen
// alarms of the Huế pond network (water-dynamics.md): DO < 3 mg/L major, DO < 2 mg/L critical, the
// issue's own example of an alarm that must start an aerator with no uplink.
import { type Metric, type PresetId, THRESHOLD_PRESETS, type ThresholdLimit } from '@zonetrace/contracts'
import { type LocalAlarmRule, ruleLabel } from './rules.ts'

// Hysteresis so a probe hovering at a threshold does not toggle a relay with every reading: about the
// accuracy of a field probe of each kind. Our choice, not from a standard; capped at a tenth of the
// threshold so tiny limits (NH3 0.05 mg/L) keep a margin in proportion.
const CLEAR_MARGIN: Record<Metric, number> = {
  temperature: 0.5,
  ph: 0.1,
  salinity: 0.2,
  dissolved_oxygen: 0.2,
  alkalinity: 5,
  nh3: 0.02,
  h2s: 0.01,
  tss: 5,
  turbidity: 0.5,
  chloride: 10,
  conductivity: 50,
  water_level: 2,
}

export interface DefaultRuleOptions {
  /** Sustain time for every default rule (0: raise on the first reading outside). */
  forSeconds?: number
}

function clearMargin(limit: ThresholdLimit): number {
  const nearest = Math.min(...[limit.min, limit.max].filter((v) => v !== undefined).map(Math.abs))
  return Math.min(CLEAR_MARGIN[limit.metric], nearest / 10)
}

function ruleFrom(preset: PresetId, limit: ThresholdLimit, options: DefaultRuleOptions): LocalAlarmRule {
  const rule: LocalAlarmRule = {
    id: `${preset}/${limit.metric}/${limit.severity}`,
    metric: limit.metric,
    severity: limit.severity,
    clearMargin: clearMargin(limit),
  }
  if (limit.min !== undefined) rule.below = limit.min
  if (limit.max !== undefined) rule.above = limit.max
  if (options.forSeconds) rule.forSeconds = options.forSeconds
  // Says where the limit comes from, and that it is unconfirmed when the source says so (domain README).
  const own = ruleLabel(rule)
  const from = THRESHOLD_PRESETS[preset].label
  const vi = limit.unconfirmed ? '; giá trị chưa được xác nhận' : ''
  const en = limit.unconfirmed ? '; value not confirmed' : ''
  rule.label = { vi: `${own.vi} — ${from.vi}${vi}`, en: `${own.en} — ${from.en}${en}` }
  return rule
}

/** Rules from a preset's limits, with ids `{preset}/{metric}/{severity}`, for every sensor on the gateway. */
export function defaultLocalRules(preset: PresetId, options: DefaultRuleOptions = {}): LocalAlarmRule[] {
  const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS[preset].limits
  const rules = limits.map((l) => ruleFrom(preset, l, options))
  if (preset === 'shrimp_pond') {
    const tiers: readonly ThresholdLimit[] = THRESHOLD_PRESETS.pond_tiered_hue.limits
    for (const l of tiers)
      if (l.metric === 'dissolved_oxygen') rules.push(ruleFrom('pond_tiered_hue', l, options))
  }
  return rules
}
