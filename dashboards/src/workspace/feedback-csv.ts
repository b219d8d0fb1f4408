// Feedback as a CSV a cooperative opens in Excel: UTF-8 with a byte-order mark (without it Excel reads the
// Vietnamese as mojibake), RFC 4180 quoting, and formula-like cells defused (a comment typed as
// "=HYPERLINK(…)" must not run as a formula on the cooperative's computer).

import { formatDateTime } from '@zonetrace/api'
import type { Feedback } from '@zonetrace/contracts'
import type { FeedbackText } from './pages/feedback-text.ts'

const BOM = '\uFEFF'

function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function feedbackCsv(t: FeedbackText, rows: Feedback[]): string {
  const lines = [t.csvHeader.map(cell).join(',')]
  for (const f of rows) {
    lines.push(
      [
        f.id,
        formatDateTime(f.createdAt),
        f.lotId,
        f.serial,
        f.rating,
        f.comment,
        f.lang,
        f.reply,
        f.repliedAt ? formatDateTime(f.repliedAt) : null,
        f.hidden ? t.yes : t.no,
      ]
        .map(cell)
        .join(','),
    )
  }
  return `${BOM}${lines.join('\r\n')}\r\n`
}
