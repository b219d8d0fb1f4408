// The monthly compliance report as CSV, the same rows as the page: UTF-8 with a byte order mark so Excel
// opens Vietnamese names correctly, numbers with a dot decimal whatever the person's language, CRLF lines.
// Each metric by its name in the person's language and by its code, which stays the same for a program.
import type { Lang } from '@zonetrace/contracts'
import { type MonthlyMetric, monthlyCoverage, monthlyShare } from '@zonetrace/db'
import { metricLabel } from './pages/area-facts.ts'
import { percentTenths } from './pages/reports.ts'
import { reportsText } from './pages/reports-text.ts'

/** A field quoted when it holds a separator, a quote or a line break (RFC 4180). */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const pct = (share: number | null) => {
  const p = percentTenths(share)
  return p === null ? null : p.toFixed(1)
}

export function reportsCsv(lang: Lang, rows: MonthlyMetric[]): string {
  const lines = [
    reportsText(lang).csvHeader,
    ...rows.map((m) => [
      m.zone,
      m.zoneName,
      metricLabel(m.metric, lang),
      m.metric,
      m.readings,
      m.within,
      pct(monthlyShare(m)),
      m.alerts,
      m.daysReported,
      m.daysWithData,
      pct(monthlyCoverage(m)),
    ]),
  ]
  return `\uFEFF${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`
}
