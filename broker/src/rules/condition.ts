// What a rule says about one reading: a violation (and which limit it crossed), back inside by the clear
// margin, or in between (the hysteresis band, where an open alert stays open and a closed one stays closed).
import type { AlertRule } from '@zonetrace/contracts'

type Verdict = { kind: 'violation'; threshold: number | null } | { kind: 'clear' } | { kind: 'band' }

const CLEAR: Verdict = { kind: 'clear' }
const BAND: Verdict = { kind: 'band' }

/**
 * `previous` is the channel's last good reading (value and data time), needed by rate rules; a rate rule
 * with no previous reading has nothing to compare and says `band` (neither opens nor clears).
 */
export function judge(
  rule: AlertRule,
  value: number,
  time: number,
  previous: { value: number; time: number } | null,
): Verdict {
  if (rule.kind === 'rate') {
    if (!previous || time <= previous.time) return BAND
    const perMinute = Math.abs(value - previous.value) / ((time - previous.time) / 60_000)
    const limit = rule.ratePerMinute ?? Number.POSITIVE_INFINITY
    if (perMinute > limit) return { kind: 'violation', threshold: limit }
    return perMinute <= limit - rule.clearMargin ? CLEAR : BAND
  }
  if (rule.min !== null && value < rule.min) return { kind: 'violation', threshold: rule.min }
  if (rule.max !== null && value > rule.max) return { kind: 'violation', threshold: rule.max }
  const margin = rule.clearMargin
  if (rule.min !== null && value < rule.min + margin) return BAND
  if (rule.max !== null && value > rule.max - margin) return BAND
  return CLEAR
}

/** Further from the limit, in the direction of the violation: the peak of an excursion. */
export function worse(rule: AlertRule, a: number, b: number, threshold: number | null): number {
  // A rate alert's values are levels, not the rate: the first one stays its reference.
  if (rule.kind === 'rate') return a
  if (rule.kind === 'threshold' && threshold !== null && rule.min !== null && threshold === rule.min) {
    return Math.min(a, b)
  }
  return Math.max(a, b)
}
