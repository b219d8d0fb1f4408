// Reading alert events back in id order, for live streams. An event carries its alert as it stands when
// read (alert_events keeps no snapshot); webhooks carry the snapshot taken when the event was recorded.
import { type AlertEvent, SEVERITIES, type Severity } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { ALERT_COLUMNS, type AlertRecord, alertView } from './view.ts'

/** An event with the cooperative whose growing area it concerns (null: no zone, officers only). */
export interface ScopedAlertEvent {
  event: AlertEvent
  cooperativeId: string | null
}

export interface AlertEventFilter {
  /** Only events of this cooperative's growing areas. */
  cooperativeId?: string | null | undefined
  minSeverity?: Severity | undefined
  zone?: string | undefined
}

type EventFields = Omit<AlertEvent, 'alert'>

/** An event's own fields, from `alert_events e`; its alert is read beside them with ALERT_COLUMNS. */
const eventColumns: Columns<EventFields> = {
  eventId: 'e.id',
  type: 'e.type',
  at: 'e.at',
  actor: 'e.actor',
  note: 'e.note',
}

type EventRecord = WithInstants<EventFields, 'at'> & AlertRecord & { cooperativeId: string | null }

const SELECT = `select ${selectList(eventColumns)}, g.cooperative_id as "cooperativeId", ${ALERT_COLUMNS}
  from alert_events e join alerts a on a.id = e.alert_id left join growing_areas g on g.code = a.zone_code`

/** The newest event id, 0 when there is none: where a stream without a resume point starts. */
export async function latestAlertEventId(db: Pick<Database, 'query'>): Promise<number> {
  const [row] = await db.query<{ id: number | null }>('select max(id) as id from alert_events')
  return row?.id ?? 0
}

/**
 * Events after `afterId` plus any of `alsoIds` (ids a reader saw skipped and is waiting for: ids are
 * taken at insert and committed in any order), oldest first.
 */
export async function alertEventsAfter(
  db: Pick<Database, 'query'>,
  afterId: number,
  alsoIds: readonly number[],
  limit: number,
): Promise<ScopedAlertEvent[]> {
  const rows = await db.query<EventRecord>(
    `${SELECT} where e.id > $1 or e.id = any($2::bigint[]) order by e.id limit $3`,
    [afterId, alsoIds, limit],
  )
  return rows.map(scoped)
}

/**
 * The newest `limit` events after `afterId` that pass the filter, oldest first, and whether older
 * matching ones were left out: a resuming stream's backlog.
 */
export async function alertEventBacklog(
  db: Pick<Database, 'query'>,
  afterId: number,
  filter: AlertEventFilter,
  limit: number,
): Promise<{ events: ScopedAlertEvent[]; truncated: boolean }> {
  const params: unknown[] = [afterId]
  let where = 'e.id > $1'
  if (filter.cooperativeId != null) {
    params.push(filter.cooperativeId)
    where += ` and g.cooperative_id = $${params.length}`
  }
  if (filter.minSeverity !== undefined) {
    params.push(SEVERITIES.slice(SEVERITIES.indexOf(filter.minSeverity)))
    where += ` and a.severity = any($${params.length}::text[])`
  }
  if (filter.zone !== undefined) {
    params.push(filter.zone)
    where += ` and a.zone_code = $${params.length}`
  }
  params.push(limit + 1)
  const rows = await db.query<EventRecord>(
    `${SELECT} where ${where} order by e.id desc limit $${params.length}`,
    params,
  )
  const truncated = rows.length > limit
  return { events: rows.slice(0, limit).reverse().map(scoped), truncated }
}

function scoped(row: EventRecord): ScopedAlertEvent {
  const { eventId, type, at, actor, note } = withIsoInstants<EventFields, 'at'>(row, ['at'])
  return {
    event: { eventId, type, at, actor, note, alert: alertView(row) },
    cooperativeId: row.cooperativeId,
  }
}
