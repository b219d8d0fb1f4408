// The words around one measured metric, shared by its summary and its chart so both say the same thing:
// its name, values with units, its limits, and the plain sentence on how often it stayed inside them.
import { type EvidenceMetric, isMetric, METRICS } from '@zonetrace/contracts'
import { displayUnit, formatNumber, formatShare } from './format.ts'
import type { Lang, PageContext } from './i18n.ts'

export function metricName(metric: string, lang: Lang): string {
  return isMetric(metric) ? METRICS[metric].label[lang] : metric
}

/** The metric's probe resolution; two decimals for a metric the contracts do not know. */
export function metricDecimals(metric: string): number {
  return isMetric(metric) ? METRICS[metric].decimals : 2
}

/**
 * A name as it reads mid-sentence: "Độ mặn" becomes "độ mặn", but "pH" and "H₂S" are symbols and keep
 * their capitals.
 */
export function midSentence(name: string): string {
  return /^\p{Lu}\p{Ll}+(\s|$)/u.test(name) ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name
}

// A no-break space keeps "≥ 3,5 mg/L" on one line when a sentence wraps on a narrow phone.
const NBSP = '\u00a0'

/** A value with its unit; pH is its own unit and is written bare. */
export function withUnit(value: string, unit: string): string {
  return unit === 'pH' || unit === '' ? value : `${value}${NBSP}${displayUnit(unit)}`
}

/** One bound, "≥ 3,5 mg/L" or "≤ 5 ‰". */
export function boundText(op: '≥' | '≤', value: number, unit: string, lang: Lang): string {
  return `${op}${NBSP}${withUnit(formatNumber(lang, value), unit)}`
}

/** The limits as one phrase: "7–9", "≥ 3,5 mg/L", "≤ 5 ‰"; empty without limits. */
function limitsText(m: EvidenceMetric, lang: Lang): string {
  const min = m.limits?.min
  const max = m.limits?.max
  const n = (v: number) => formatNumber(lang, v)
  if (typeof min === 'number' && typeof max === 'number') return withUnit(`${n(min)}–${n(max)}`, m.unit)
  if (typeof min === 'number') return boundText('≥', min, m.unit, lang)
  if (typeof max === 'number') return boundText('≤', max, m.unit, lang)
  return ''
}

/**
 * The code of the national technical regulation or standard a limit cites ("QCVN 02-19:2014" out of
 * "QCVN 02-19:2014/BNNPTNT (brackish shrimp grow-out pond water)"): short enough to label a chart line,
 * the same in both languages. Null for field practice and other free text.
 */
export function standardCode(standard: string | null | undefined): string | null {
  return /\b[QT]CVN\s+[\d.-]+:\d{4}\b/.exec(standard ?? '')?.[0] ?? null
}

/** How often the metric stayed inside its limits, in one plain sentence a shopper can read. */
export function withinSentence(m: EvidenceMetric, { s, lang }: PageContext): string {
  const name = midSentence(metricName(m.metric, lang))
  const limits = limitsText(m, lang)
  if (!limits) return s.noLimits(name)
  if (m.withinShare === null || !Number.isFinite(m.withinShare)) return s.withinUnknown(name, limits)
  return s.within(formatShare(lang, m.withinShare), name, limits)
}
