// Alerts as CSV for officers' spreadsheets: RFC 4180 (CRLF, quotes doubled, text always quoted), UTF-8 with
// a byte-order mark so Excel reads the Vietnamese messages right. Text cells that a spreadsheet would run as
// a formula (= + - @, or a tab or carriage return first) get a leading apostrophe (OWASP CSV injection):
// zone codes and ids come from clients. Numbers are written as numbers, so a water level of -12 stays one.
import type { AlertView } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import type { Actor } from '../trace/actor.ts'
import { type AlertFilter, listAlerts, MAX_ALERTS_PAGE } from './alerts-query.ts'

export const ALERT_CSV_COLUMNS = [
  'id',
  'ruleId',
  'zone',
  'sensorId',
  'gatewayId',
  'metric',
  'severity',
  'state',
  'historical',
  'acknowledged',
  'openedAt',
  'clearedAt',
  'value',
  'peakValue',
  'threshold',
  'triggerCount',
  'message_vi',
  'message_en',
] as const

const BOM = '\uFEFF'
const CRLF = '\r\n'

/**
 * Every alert the filter matches (cursor and limit are ignored), newest first, a page at a time. The first
 * chunk comes only after the first page was read, so a bad filter throws before anything was sent.
 */
export async function* alertsCsv(
  db: Pick<Database, 'query'>,
  actor: Actor,
  filter: Omit<AlertFilter, 'cursor' | 'limit'> = {},
): AsyncGenerator<string> {
  let head = BOM + ALERT_CSV_COLUMNS.join(',') + CRLF
  let cursor: string | undefined
  do {
    const page = await listAlerts(db, actor, { ...filter, cursor, limit: MAX_ALERTS_PAGE })
    yield head + page.alerts.map((a) => csvRow(a) + CRLF).join('')
    head = ''
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}

export function csvRow(a: AlertView): string {
  return [
    a.id,
    a.ruleId,
    a.zone,
    a.sensorId,
    a.gatewayId,
    a.metric,
    a.severity,
    a.state,
    a.historical,
    a.acknowledged,
    a.openedAt,
    a.clearedAt,
    a.value,
    a.peakValue,
    a.threshold,
    a.triggerCount,
    a.message.vi,
    a.message.en,
  ]
    .map(csvCell)
    .join(',')
}

/**
 * Text is always quoted, and a cell that starts like a formula gets an apostrophe. Quoting is not enough on
 * its own: a spreadsheet whose locale separates with `;` reads this `,` file with quotes only where a field
 * starts with one, so every `;` in text starts a cell there. A `;` followed by a formula character gets
 * the apostrophe too (LibreOffice Calc, tests/db/alerts-csv-spreadsheet.test.ts).
 */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return ''
  if (typeof v !== 'string') return String(v)
  const text = v.replace(FORMULA_START, "$1'")
  return `"${text.replaceAll('"', '""')}"`
}

/** Where a cell starts, under either separator, followed by what a spreadsheet runs as a formula. */
const FORMULA_START = /(^|;)(?=[=+\-@\t\r])/g
