// The measured record of the growing areas over the lot's growing window: what no paper certificate shows.
import {
  type EvidenceMetric,
  isMetric,
  METRICS,
  type SensorEvidence,
  thresholdTextVi,
} from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import { displayUnit, formatDate, formatNumber, formatShare } from './format.ts'
import type { PageContext } from './i18n.ts'
import { sparklineSvg } from './sparkline-svg.ts'

function metricName(metric: string, { lang }: PageContext): string {
  return isMetric(metric) ? METRICS[metric].label[lang] : metric
}

/** A value with its unit; pH is its own unit and is written bare. */
function withUnit(value: string, unit: string): string {
  return unit === 'pH' || unit === '' ? value : `${value} ${displayUnit(unit)}`
}

function limitsText(m: EvidenceMetric, { lang }: PageContext): string {
  const min = m.limits?.min
  const max = m.limits?.max
  const n = (v: number) => formatNumber(lang, v)
  if (typeof min === 'number' && typeof max === 'number') return withUnit(`${n(min)}–${n(max)}`, m.unit)
  if (typeof min === 'number') return `≥ ${withUnit(n(min), m.unit)}`
  if (typeof max === 'number') return `≤ ${withUnit(n(max), m.unit)}`
  return ''
}

function limitsBlock(m: EvidenceMetric, ctx: PageContext): Markup {
  const { s, lang } = ctx
  if (!m.limits) return html`<p class="muted">${s.noLimits}</p>`
  const within =
    m.withinShare !== null
      ? html`<p>${s.within(formatShare(lang, m.withinShare), limitsText(m, ctx))}</p>`
      : ''
  const standard = lang === 'vi' ? thresholdTextVi(m.limits.standard) : m.limits.standard
  return html`${within}<p class="small">${s.standard}: ${standard}</p>`
}

function metricArticle(m: EvidenceMetric, evidence: SensorEvidence, ctx: PageContext): Markup {
  const { s, lang } = ctx
  const name = metricName(m.metric, ctx)
  const unit = m.unit === 'pH' ? '' : ` (${displayUnit(m.unit)})`
  const stats = [m.min, m.mean, m.max].map((v) => formatNumber(lang, v)).join(' / ')
  return html`<article class="metric"><h3>${name}${unit}</h3><p>${s.minMeanMax}: <strong>${stats}</strong> · ${s.readings(
    formatNumber(lang, m.count, 0),
  )}</p>${limitsBlock(m, ctx)}${sparklineSvg(m, evidence, s.chartTitle(name))}</article>`
}

export function evidenceSection(evidence: SensorEvidence | null, ctx: PageContext): Markup {
  const { s, lang } = ctx
  if (!evidence) return html`<section><h2>${s.evidence}</h2><p class="muted">${s.noEvidence}</p></section>`
  return html`<section class="evidence"><h2>${s.evidence}</h2><p>${s.window(formatDate(evidence.from), formatDate(evidence.to))}</p><p>${s.coverage}: <strong>${formatShare(
    lang,
    evidence.coverage,
  )}</strong> · ${s.alerts}: <strong>${formatNumber(lang, evidence.alerts, 0)}</strong></p>${evidence.metrics.map(
    (m) => metricArticle(m, evidence, ctx),
  )}</section>`
}
