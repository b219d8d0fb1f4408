// Local alarms reported by gateways: stored once by the broker however often the spool resends them, and
// read per gateway by the API. A cooperative sees the gateways of its own growing areas only.
import type { AlarmClearReason, AlarmKind, GatewayAlarm, Metric, Severity } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from './columns.ts'
import { type Actor, ownedBy } from './trace/actor.ts'

type Queryable = Pick<Database, 'query'>

export interface GatewayAlarmReport {
  gatewayId: string
  ruleId: string
  sensorId: string
  metric: Metric
  kind: AlarmKind
  value: number
  threshold: number
  severity: Severity
  /** When the reading was taken, by the gateway's clock. */
  time: Date
  label: { vi: string; en: string }
  /** Cleared reports only. */
  reason: AlarmClearReason | null
}

const columns: Columns<GatewayAlarm> = {
  id: 'id',
  gatewayId: 'gateway_id',
  ruleId: 'rule_id',
  sensorId: 'sensor_id',
  metric: 'metric',
  kind: 'kind',
  value: 'value',
  threshold: 'threshold',
  severity: 'severity',
  time: 'time',
  receivedAt: 'received_at',
  label: 'label',
  reason: 'reason',
}
const INSTANTS = ['time', 'receivedAt'] as const

export interface GatewayAlarmFilter {
  /** Taken at or after. */
  since?: Date
  kind?: AlarmKind
  limit: number
}

/** True when stored, false when the same report (gateway, rule, sensor, kind, time) already was. */
export async function insertGatewayAlarm(db: Queryable, r: GatewayAlarmReport): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `insert into gateway_alarms
            (gateway_id, rule_id, sensor_id, metric, kind, value, threshold, severity, time, label, reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::jsonb, $11)
     on conflict (gateway_id, rule_id, sensor_id, kind, time) do nothing
     returning id`,
    [
      r.gatewayId,
      r.ruleId,
      r.sensorId,
      r.metric,
      r.kind,
      r.value,
      r.threshold,
      r.severity,
      r.time.toISOString(),
      JSON.stringify(r.label),
      r.reason,
    ],
  )
  return rows.length > 0
}

/**
 * Newest first by the time taken. Null when the gateway does not exist or lies outside the actor's
 * growing areas, which the caller answers alike.
 */
export async function listGatewayAlarms(
  db: Queryable,
  actor: Actor,
  gatewayId: string,
  filter: GatewayAlarmFilter,
): Promise<GatewayAlarm[] | null> {
  const scope: unknown[] = [gatewayId]
  const visible = await db.query(
    `select 1 from gateways gw join growing_areas g on g.code = gw.zone_code
      where gw.id = $1${ownedBy(actor, 'g.cooperative_id', scope)}`,
    scope,
  )
  if (visible.length === 0) return null

  const params: unknown[] = [gatewayId]
  let where = 'gateway_id = $1'
  if (filter.since !== undefined) {
    params.push(filter.since.toISOString())
    where += ` and time >= $${params.length}::timestamptz`
  }
  if (filter.kind !== undefined) {
    params.push(filter.kind)
    where += ` and kind = $${params.length}`
  }
  params.push(filter.limit)
  const rows = await db.query<WithInstants<GatewayAlarm, (typeof INSTANTS)[number]>>(
    `select ${selectList(columns)} from gateway_alarms where ${where}
      order by time desc, id desc limit $${params.length}`,
    params,
  )
  return rows.map((row) => withIsoInstants(row, INSTANTS))
}
