// Reading alerts: filtered lists, newest first, paged by a keyset cursor so a page never shifts while new
// alerts arrive; and one alert with its full history. A cooperative sees the alerts of its own areas only.
import {
  ALERT_STATES,
  type AlertHistoryEntry,
  type AlertView,
  type AlertWithHistory,
  isMetric,
  METRIC_NAMES,
  SEVERITIES,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'
import { ALERT_COLUMNS, type AlertRecord, alertView } from './view.ts'

type Queryable = Pick<Database, 'query'>

export const MAX_ALERTS_PAGE = 1000

export interface AlertFilter {
  state?: string
  /** The least severity: `major` lists major and critical. */
  severity?: string
  zone?: string
  sensorId?: string
  gatewayId?: string
  metric?: string
  acknowledged?: boolean
  historical?: boolean
  /** Opened at or after. */
  from?: Date
  /** Opened before. */
  to?: Date
  ruleId?: number
  /** 1 to 1000; 100 by default. */
  limit?: number
  /** nextCursor of the previous page. */
  cursor?: string
}

export interface AlertPage {
  alerts: AlertView[]
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null
}

/** Every field of a history entry, from `alert_events e`. */
const historyColumns: Columns<AlertHistoryEntry> = {
  eventId: 'e.id',
  type: 'e.type',
  at: 'e.at',
  dataTime: 'e.data_time',
  value: 'e.value',
  actor: 'e.actor',
  note: 'e.note',
}
const HISTORY_INSTANTS = ['at', 'dataTime'] as const
type HistoryRow = WithInstants<AlertHistoryEntry, (typeof HISTORY_INSTANTS)[number]>

// The scope join every reader shares: the growing area's owner decides what a cooperative may see.
const FROM = `from alerts a left join growing_areas g on g.code = a.zone_code`

export async function listAlerts(db: Queryable, actor: Actor, filter: AlertFilter = {}): Promise<AlertPage> {
  const limit = filter.limit ?? 100
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALERTS_PAGE) {
    throw new RegistryError(`limit must be a whole number from 1 to ${MAX_ALERTS_PAGE}`, 'invalid')
  }
  const params: unknown[] = []
  const where = alertConditions(actor, filter, params)
  params.push(limit + 1)
  const rows = await db.query<AlertRecord & { openedMicros: number }>(
    `select ${ALERT_COLUMNS}, (extract(epoch from a.opened_at) * 1000000)::int8 as "openedMicros"
       ${FROM} where ${where}
      order by a.opened_at desc, a.id desc limit $${params.length}`,
    params,
  )
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    alerts: page.map(alertView),
    nextCursor: rows.length > limit && last ? encodeCursor(last.openedMicros, last.id) : null,
  }
}

/** One alert with every change to it, oldest first; not_found when missing or outside the actor's areas. */
export async function getAlert(db: Queryable, actor: Actor, id: number): Promise<AlertWithHistory> {
  const params: unknown[] = [id]
  const [row] = await db.query<AlertRecord>(
    `select ${ALERT_COLUMNS} ${FROM} where a.id = $1${ownedBy(actor, 'g.cooperative_id', params)}`,
    params,
  )
  const alert = alertView(found(row, `alert ${id} not found`))
  const events = await db.query<HistoryRow>(
    `select ${selectList(historyColumns)} from alert_events e where e.alert_id = $1 order by e.id`,
    [id],
  )
  return { ...alert, events: events.map((e) => withIsoInstants(e, HISTORY_INSTANTS)) }
}

/** The WHERE clause of a filter; bad filter values are refused with the allowed ones. */
function alertConditions(actor: Actor, f: AlertFilter, params: unknown[]): string {
  const arg = (v: unknown) => {
    params.push(v)
    return `$${params.length}`
  }
  const parts = ['true']
  if (f.state !== undefined) {
    oneOf('state', f.state, ALERT_STATES)
    parts.push(`a.state = ${arg(f.state)}`)
  }
  if (f.severity !== undefined) {
    oneOf('severity', f.severity, SEVERITIES)
    const atLeast = SEVERITIES.slice(SEVERITIES.indexOf(f.severity as (typeof SEVERITIES)[number]))
    parts.push(`a.severity = any(${arg(atLeast)}::text[])`)
  }
  if (f.metric !== undefined) {
    if (!isMetric(f.metric)) {
      throw new RegistryError(
        `unknown metric '${f.metric}'; known metrics: ${METRIC_NAMES.join(', ')}`,
        'invalid',
      )
    }
    parts.push(`a.metric = ${arg(f.metric)}`)
  }
  if (f.zone !== undefined) parts.push(`a.zone_code = ${arg(f.zone)}`)
  if (f.sensorId !== undefined) parts.push(`a.sensor_id = ${arg(f.sensorId)}`)
  if (f.gatewayId !== undefined) parts.push(`a.gateway_id = ${arg(f.gatewayId)}`)
  if (f.acknowledged !== undefined) parts.push(`a.acknowledged = ${arg(f.acknowledged)}`)
  if (f.historical !== undefined) parts.push(`a.historical = ${arg(f.historical)}`)
  if (f.ruleId !== undefined) parts.push(`a.rule_id = ${arg(f.ruleId)}`)
  if (f.from && f.to && f.from.getTime() > f.to.getTime()) {
    throw new RegistryError('from must not be after to', 'invalid')
  }
  if (f.from) parts.push(`a.opened_at >= ${arg(f.from)}`)
  if (f.to) parts.push(`a.opened_at < ${arg(f.to)}`)
  if (f.cursor !== undefined) {
    const [micros, id] = decodeCursor(f.cursor)
    // Microseconds, not a Date: opened_at keeps them and a millisecond cursor would skip or repeat rows.
    parts.push(
      `(a.opened_at, a.id) < (timestamptz 'epoch' + ${arg(micros)}::int8 * interval '1 microsecond', ${arg(id)}::int8)`,
    )
  }
  return parts.join(' and ') + ownedBy(actor, 'g.cooperative_id', params)
}

function oneOf(name: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    throw new RegistryError(`${name} must be one of ${allowed.join(', ')}; got '${value}'`, 'invalid')
  }
}

function encodeCursor(micros: number, id: number): string {
  return Buffer.from(`${micros}:${id}`).toString('base64url')
}

function decodeCursor(cursor: string): [number, number] {
  const m = /^(-?\d{1,17}):(\d{1,17})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
  const parsed: [number, number] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN]
  if (!parsed.every(Number.isSafeInteger)) {
    throw new RegistryError('cursor is not one this server issued; start again without it', 'invalid')
  }
  return parsed
}
