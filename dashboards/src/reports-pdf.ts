// The monthly compliance report as a PDF to file or hand over: a summary page of every area in it (more
// pages only when the areas outrun one), then one A4 page per area with the same figures as the web page,
// in the same words. Set in the label sheets' embedded Vietnamese face (@zonetrace/api vietnamesePdf), so
// the diacritics print right on a computer with no Vietnamese font installed.
import {
  A4,
  formatDateTime,
  formatNumber,
  type TextStyle,
  type VietnamesePdf,
  vietnamesePdf,
} from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import { type MonthlyMetric, monthlyCoverage, monthlyShare } from '@zonetrace/db'
import { metricLabel } from './pages/area-facts.ts'
import { percent } from './pages/reports.ts'
import { reportsText } from './pages/reports-text.ts'

type Text = ReturnType<typeof reportsText>

const LEFT = 50
const RIGHT = A4.width - 50
/** The lowest the summary table may start (a long lead in either language), to know its rows a page in advance. */
const SUMMARY_TOP = 230
const ROW = 20
const FOOTER = A4.height - 36
/** Summary rows that fit between the table's head and the notes at the foot of a page. */
const SUMMARY_ROWS = Math.floor((FOOTER - 80 - SUMMARY_TOP) / ROW)
const GREY = '#505a5f'

interface Area {
  code: string
  name: string
  rows: MonthlyMetric[]
}

/** A column: where it starts (or ends, right-aligned), and how wide its text may run. */
interface Column {
  x: number
  width: number
  right?: boolean
}

export interface ReportPdfInput {
  lang: Lang
  month: string
  /** The one area asked for, if any: the summary is then not the whole province's. */
  zone?: string
  rows: MonthlyMetric[]
  now?: Date
}

export async function reportsPdf(input: ReportPdfInput): Promise<Buffer> {
  const { lang, month } = input
  const r = reportsText(lang)
  const now = input.now ?? new Date()
  const areas: Area[] = [...new Set(input.rows.map((m) => m.zone))].map((code) => {
    const rows = input.rows.filter((m) => m.zone === code)
    return { code, name: rows[0]!.zoneName, rows }
  })
  const pdf = vietnamesePdf({ title: `${r.title} · ${r.monthLabel(month)}`, createdAt: now })
  const summaryPages = Math.max(1, Math.ceil(areas.length / SUMMARY_ROWS))
  const total = summaryPages + areas.length
  const footer = (n: number) => {
    const style = { size: 8, color: GREY }
    pdf.text(r.made(formatDateTime(now.toISOString())), LEFT, FOOTER, style)
    pdf.text(r.page(n, total), RIGHT, FOOTER, { ...style, right: true })
  }
  for (let p = 0; p < summaryPages; p++) {
    pdf.doc.addPage({ size: 'A4', margin: 0 })
    summaryPage(pdf, lang, input, areas.slice(p * SUMMARY_ROWS, (p + 1) * SUMMARY_ROWS), areas)
    footer(p + 1)
  }
  areas.forEach((area, i) => {
    pdf.doc.addPage({ size: 'A4', margin: 0 })
    areaPage(pdf, lang, month, area)
    footer(summaryPages + i + 1)
  })
  return pdf.finish()
}

function heading(pdf: VietnamesePdf, r: Text, month: string, title: string, sub: string): number {
  pdf.text(`zonetrace · ${r.title} · ${r.monthLabel(month)}`, LEFT, 60, { size: 9, color: GREY })
  pdf.text(title, LEFT, 92, { size: 18, bold: true, maxWidth: RIGHT - LEFT })
  pdf.text(sub, LEFT, 114, { size: 11, maxWidth: RIGHT - LEFT })
  return 140
}

/** `text` broken at spaces into lines no wider than `width`. */
function wrap(pdf: VietnamesePdf, text: string, style: TextStyle, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word
    if (line && pdf.width(next, style) > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  return line ? [...lines, line] : lines
}

/** A paragraph across the page's text column; returns the baseline after its last line. */
function paragraph(pdf: VietnamesePdf, text: string, y: number, style: TextStyle): number {
  for (const line of wrap(pdf, text, style, RIGHT - LEFT)) {
    pdf.text(line, LEFT, y, style)
    y += style.size * 1.4
  }
  return y
}

/**
 * A table from `top`: its head in bold (a label may take two lines in a narrow column) and its rows, ruled
 * between. Returns the baseline under the last rule.
 */
function table(pdf: VietnamesePdf, top: number, columns: Column[], head: string[], rows: string[][]): number {
  const cell = (col: Column, text: string, y: number, style: TextStyle) =>
    pdf.text(text, col.right ? col.x + col.width : col.x, y, {
      ...style,
      maxWidth: col.width,
      right: col.right,
    })
  const bold = { size: 9, bold: true }
  head.forEach((label, i) => {
    const col = columns[i]!
    for (const [n, line] of wrap(pdf, label, bold, col.width).slice(0, 2).entries()) {
      cell(col, line, top + n * 11, bold)
    }
  })
  const rule = (y: number, width: number) =>
    pdf.doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(width).strokeColor('#b1b4b6').stroke()
  const below = top + 17
  rule(below, 1)
  rows.forEach((row, n) => {
    const y = below + (n + 1) * ROW - 6
    row.forEach((text, i) => {
      cell(columns[i]!, printable(text), y, { size: 10 })
    })
    rule(y + 6, 0.5)
  })
  return below + rows.length * ROW + 18
}

/** The face has no subscript digits: "H₂S" is printed "H2S" rather than with a gap. */
const printable = (text: string) =>
  text.replace(/[\u2080-\u2089]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x2080 + 48))

function summaryPage(
  pdf: VietnamesePdf,
  lang: Lang,
  input: ReportPdfInput,
  shown: Area[],
  all: Area[],
): void {
  const r = reportsText(lang)
  const alerts = all.reduce((n, a) => n + areaAlerts(a), 0)
  const title = input.zone ? r.title : r.summaryTitle
  let y = heading(pdf, r, input.month, title, r.summary(all.length, formatNumber(lang, alerts, 0)))
  y = paragraph(pdf, r.lead, y, { size: 9 })
  y = paragraph(pdf, r.daysNote, y + 2, { size: 8, color: GREY }) + 16
  if (all.length === 0) {
    pdf.text(input.zone ? r.noneForArea : r.none, LEFT, y, { size: 11, maxWidth: RIGHT - LEFT })
    return
  }
  const columns: Column[] = [
    { x: LEFT, width: 90 },
    { x: 145, width: 150 },
    { x: 305, width: 125 },
    { x: 435, width: 55, right: true },
    { x: 495, width: RIGHT - 495, right: true },
  ]
  y = table(
    pdf,
    y,
    columns,
    [r.area, '', r.lowest, r.alerts, r.coverage],
    shown.map((a) => [
      a.code,
      a.name,
      lowest(lang, a),
      formatNumber(lang, areaAlerts(a), 0),
      areaCoverage(lang, a),
    ]),
  )
  notes(pdf, r, y)
}

function areaPage(pdf: VietnamesePdf, lang: Lang, month: string, area: Area): void {
  const r = reportsText(lang)
  let y = heading(pdf, r, month, area.name, `${r.area}: ${area.code} · ${r.monthLabel(month)}`)
  y = paragraph(pdf, r.daysNote, y, { size: 8, color: GREY }) + 16
  const columns: Column[] = [
    { x: LEFT, width: 135 },
    { x: 190, width: 100, right: true },
    { x: 295, width: 65, right: true },
    { x: 365, width: 75, right: true },
    { x: 445, width: RIGHT - 445, right: true },
  ]
  y = table(
    pdf,
    y,
    columns,
    [r.metric, r.within, r.readings, r.alerts, r.coverage],
    area.rows.map((m) => [
      metricLabel(m.metric, lang),
      percent(lang, monthlyShare(m)) ?? r.noLimits,
      formatNumber(lang, m.readings, 0),
      formatNumber(lang, m.alerts, 0),
      `${percent(lang, monthlyCoverage(m)) ?? '—'} (${r.days(m.daysWithData, m.daysReported)})`,
    ]),
  )
  notes(pdf, r, y)
}

/** What the two shares divide, under the table (the page puts it under the column heads). */
function notes(pdf: VietnamesePdf, r: Text, y: number): void {
  const style = { size: 8, color: GREY }
  y = paragraph(pdf, `${r.within}: ${r.withinHint}.`, y, style)
  paragraph(pdf, `${r.coverage}: ${r.coverageHint}.`, y, style)
}

const areaAlerts = (a: Area) => a.rows.reduce((n, m) => n + m.alerts, 0)

/** The metric furthest from its limits: the share an officer would look at first. */
function lowest(lang: Lang, a: Area): string {
  const limited = a.rows.filter((m) => monthlyShare(m) !== null)
  if (limited.length === 0) return reportsText(lang).noLimits
  const worst = limited.reduce((w, m) => (monthlyShare(m)! < monthlyShare(w)! ? m : w))
  return `${percent(lang, monthlyShare(worst))} · ${metricLabel(worst.metric, lang)}`
}

/** Days with data over days reported, all the area's metrics together. */
function areaCoverage(lang: Lang, a: Area): string {
  const reported = a.rows.reduce((n, m) => n + m.daysReported, 0)
  const withData = a.rows.reduce((n, m) => n + m.daysWithData, 0)
  return percent(lang, reported > 0 ? withData / reported : null) ?? '—'
}
