// Every change to an alert is written as an alert event, and in the same transaction as one webhook
// delivery per subscribed webhook (an outbox): a committed alert is never missing its notifications, and
// a rolled-back one never sends any. Historical alerts (late readings) are recorded but page nobody.
import { type AlertEvent, type AlertEventType, SEVERITIES, type Severity } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { ALERT_COLUMNS, type AlertRecord, alertView } from './view.ts'

export interface AlertChange {
  alertId: number
  type: AlertEventType
  /** Data time of the reading behind the change; null for acknowledgements. */
  dataTime: Date | null
  value?: number | null
  actor?: string | null
  note?: string | null
}

type Queryable = Pick<Database, 'query'>

/** Records the changes (in order) and queues their webhook deliveries; returns the events as sent. */
export async function recordAlertEvents(
  tx: Queryable,
  changes: readonly AlertChange[],
): Promise<AlertEvent[]> {
  if (changes.length === 0) return []
  const inserted = await tx.query<{ id: number; alertId: number; at: Date }>(
    `insert into alert_events (alert_id, type, data_time, value, actor, note)
     select * from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::float8[], $5::text[], $6::text[])
     returning id, alert_id as "alertId", at`,
    [
      changes.map((c) => c.alertId),
      changes.map((c) => c.type),
      changes.map((c) => c.dataTime),
      changes.map((c) => c.value ?? null),
      changes.map((c) => c.actor ?? null),
      changes.map((c) => c.note ?? null),
    ],
  )
  // unnest keeps the order of its arrays, and so does a single-statement INSERT's RETURNING.
  const alerts = await tx.query<AlertRecord & { cooperativeId: string | null }>(
    `select ${ALERT_COLUMNS}, g.cooperative_id as "cooperativeId"
       from alerts a left join growing_areas g on g.code = a.zone_code
      where a.id = any($1::bigint[])`,
    [[...new Set(changes.map((c) => c.alertId))]],
  )
  const byId = new Map(alerts.map((a) => [a.id, a]))
  const events = inserted.map(
    (row, i): AlertEvent & { cooperativeId: string | null; historical: boolean } => {
      const change = changes[i]!
      const alert = byId.get(row.alertId)!
      return {
        eventId: row.id,
        type: change.type,
        at: row.at.toISOString(),
        actor: change.actor ?? null,
        note: change.note ?? null,
        alert: alertView(alert),
        cooperativeId: alert.cooperativeId,
        historical: alert.historical,
      }
    },
  )
  await queueWebhookDeliveries(tx, events)
  return events.map(({ cooperativeId: _c, historical: _h, ...event }) => event)
}

async function queueWebhookDeliveries(
  tx: Queryable,
  events: (AlertEvent & { cooperativeId: string | null; historical: boolean })[],
): Promise<void> {
  const paging = events.filter((e) => !e.historical)
  if (paging.length === 0) return
  const hooks = await tx.query<{ id: number; cooperativeId: string | null; minSeverity: Severity }>(
    `select id, cooperative_id as "cooperativeId", min_severity as "minSeverity" from webhooks where enabled`,
  )
  if (hooks.length === 0) return
  const rank = (s: Severity) => SEVERITIES.indexOf(s)
  const webhookIds: number[] = []
  const eventIds: number[] = []
  const payloads: string[] = []
  for (const event of paging) {
    const { cooperativeId, historical: _h, ...payload } = event
    const body = JSON.stringify(payload)
    for (const hook of hooks) {
      if (hook.cooperativeId !== null && hook.cooperativeId !== cooperativeId) continue
      if (rank(event.alert.severity) < rank(hook.minSeverity)) continue
      webhookIds.push(hook.id)
      eventIds.push(event.eventId)
      payloads.push(body)
    }
  }
  if (webhookIds.length === 0) return
  await tx.query(
    `insert into webhook_deliveries (webhook_id, event_id, payload)
     select * from unnest($1::bigint[], $2::bigint[], $3::jsonb[])`,
    [webhookIds, eventIds, payloads],
  )
}
