// How an alert's metric, values and severity read on the console's alert pages.
import { displayUnit, formatNumber, html, type Markup } from '@zonetrace/api'
import { type AlertView, type Lang, METRICS } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'

export function metricLabel(lang: Lang, metric: string | null): string {
  if (!metric) return '—'
  return metric in METRICS ? METRICS[metric as keyof typeof METRICS].label[lang] : metric
}

export function valueWithUnit(lang: Lang, metric: string | null, value: number | null): string {
  const spec = metric && metric in METRICS ? METRICS[metric as keyof typeof METRICS] : null
  const number = formatNumber(lang, value, spec?.decimals ?? 2)
  return spec && value !== null ? `${number} ${displayUnit(spec.unit)}` : number
}

export function severityBadge(lang: Lang, alert: AlertView): Markup {
  return html`<span class="sev sev-${alert.severity}">${textFor(lang).severity[alert.severity]}</span>`
}
