// The alert console's filter: what the GET form sends, checked here (so a bad value is a message on the
// page, not a JSON 400), turned into the repository's AlertFilter, and written back out as the query the
// list, the acknowledge form and the CSV export share. Days are Vietnamese calendar days (UTC+7, no DST).

import { ALERT_STATES, isMetric, type Lang, SEVERITIES } from '@zonetrace/contracts'
import { type AlertFilter, vietnamDayStartOf } from '@zonetrace/db'
import { alertsText } from './pages/alerts-text.ts'

export const STATE_CHOICES = [...ALERT_STATES, 'all'] as const

/** The form's fields as sent, so the page shows them back as the person left them. */
export interface AlertFilterForm {
  severity: string
  state: string
  zone: string
  metric: string
  from: string
  to: string
  cursor: string
}

export interface ParsedFilter {
  form: AlertFilterForm
  filter: AlertFilter
  problems: string[]
}

const FIELDS = ['severity', 'state', 'zone', 'metric', 'from', 'to', 'cursor'] as const

/** The start of a Vietnamese calendar day, or null when `day` is not one (2025-02-30 included). */
function vietnamDayStart(day: string): Date | null {
  const start = vietnamDayStartOf(day)
  return start === null ? null : new Date(start)
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 200) : '')

/** `zones`: the area codes the person may see; an area outside them is refused rather than shown empty. */
export function parseAlertFilter(
  query: Record<string, unknown>,
  lang: Lang,
  zones?: readonly string[],
): ParsedFilter {
  const t = alertsText(lang)
  const form = Object.fromEntries(FIELDS.map((f) => [f, text(query[f])])) as unknown as AlertFilterForm
  if (!form.state) form.state = 'active'
  const filter: AlertFilter = {}
  const problems: string[] = []
  if (form.severity) {
    if ((SEVERITIES as readonly string[]).includes(form.severity)) filter.severity = form.severity
    else problems.push(t.badSeverity(form.severity))
  }
  if ((ALERT_STATES as readonly string[]).includes(form.state)) filter.state = form.state
  else if (form.state !== 'all') problems.push(t.badState(form.state))
  if (form.zone) {
    if (!zones || zones.includes(form.zone)) filter.zone = form.zone
    else problems.push(t.badArea(form.zone))
  }
  if (form.metric) {
    if (isMetric(form.metric)) filter.metric = form.metric
    else problems.push(t.badMetric(form.metric))
  }
  const from = form.from ? vietnamDayStart(form.from) : undefined
  const toStart = form.to ? vietnamDayStart(form.to) : undefined
  if (from === null) problems.push(t.badDay(form.from))
  if (toStart === null) problems.push(t.badDay(form.to))
  if (from) filter.from = from
  // The last day is included: the filter ends where the next day starts.
  if (toStart) filter.to = new Date(toStart.getTime() + 86_400_000)
  if (from && toStart && from.getTime() > toStart.getTime()) problems.push(t.badRange)
  if (form.cursor) filter.cursor = form.cursor
  return { form, filter, problems }
}

/** The filter as a query string (without the page cursor), for links and form actions. */
export function filterQuery(form: AlertFilterForm, extra: Record<string, string> = {}): string {
  const pairs = Object.entries({ ...form, cursor: '', ...extra }).filter(([, v]) => v !== '')
  return new URLSearchParams(pairs).toString()
}

/** The API's CSV export of the same filter (the session cookie is accepted on API GET routes). */
export function csvHref(filter: AlertFilter): string {
  const params = new URLSearchParams()
  for (const key of ['state', 'severity', 'zone', 'metric'] as const) {
    const value = filter[key]
    if (value !== undefined) params.set(key, value)
  }
  if (filter.from) params.set('from', filter.from.toISOString())
  if (filter.to) params.set('to', filter.to.toISOString())
  const query = params.toString()
  return `/api/v1/alerts/export.csv${query ? `?${query}` : ''}`
}
