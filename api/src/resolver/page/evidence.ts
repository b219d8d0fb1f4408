// The measured record of the growing areas over the lot's growing window: what no paper certificate shows.
import { type EvidenceMetric, type SensorEvidence, thresholdTextVi } from '@zonetrace/contracts'
import { chartSvg, seriesBucket } from './chart-svg.ts'
import { html, type Markup } from './escape.ts'
import { displayUnit, formatDate, formatNumber, formatShare } from './format.ts'
import type { PageContext } from './i18n.ts'
import { metricName, withinSentence } from './metric-text.ts'

function metricArticle(m: EvidenceMetric, evidence: SensorEvidence, ctx: PageContext, i: number): Markup {
  const { s, lang } = ctx
  const name = metricName(m.metric, lang)
  const unit = m.unit === 'pH' ? '' : ` (${displayUnit(m.unit)})`
  const stats = [m.min, m.mean, m.max].map((v) => formatNumber(lang, v)).join(' / ')
  const standard = m.limits && (lang === 'vi' ? thresholdTextVi(m.limits.standard) : m.limits.standard)
  return html`<article class="metric"><h3>${name}${unit}</h3><p>${withinSentence(m, ctx)}</p>${chartSvg(
    m,
    evidence,
    ctx,
    `chart-${i}`,
  )}<p class="small">${s.minMeanMax}: <strong>${stats}</strong> · ${s.readings(
    formatNumber(lang, m.count, 0),
  )}</p>${standard ? html`<p class="small">${s.standard}: ${standard}</p>` : ''}</article>`
}

/** What the chart's line, band and dashes mean, said once above all the charts. */
function chartKey(evidence: SensorEvidence, { s }: PageContext): Markup | '' {
  const first = evidence.metrics.find((m) => m.series.length > 0)
  if (!first) return ''
  const key = s.chartKey(seriesBucket(first))
  return html`<p class="chart-key small"><span><span class="k-mean"></span>${key.mean}</span> <span><span class="k-band"></span>${key.band}</span> <span><span class="k-limit"></span>${key.limit}</span></p>`
}

export function evidenceSection(evidence: SensorEvidence | null, ctx: PageContext): Markup {
  const { s, lang } = ctx
  if (!evidence) return html`<section><h2>${s.evidence}</h2><p class="muted">${s.noEvidence}</p></section>`
  return html`<section class="evidence"><h2>${s.evidence}</h2><p>${s.window(formatDate(evidence.from), formatDate(evidence.to))}</p><p>${s.coverage}: <strong>${formatShare(
    lang,
    evidence.coverage,
  )}</strong> · ${s.alerts}: <strong>${formatNumber(lang, evidence.alerts, 0)}</strong></p>${chartKey(
    evidence,
    ctx,
  )}${evidence.metrics.map((m, i) => metricArticle(m, evidence, ctx, i))}</section>`
}
