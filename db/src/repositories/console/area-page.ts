// What an area page shows beside the area's registry facts: each sensor channel of the area with its
// latest good reading (however old: an officer needs to see that a probe went quiet a week ago), and when
// alerts opened on each channel inside a chart's range, to mark them on its time axis.
import type { AreaView } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList } from '../columns.ts'
import { areaViews } from '../trace/areas.ts'

export interface AreaFacts {
  area: AreaView
  cooperativeId: string | null
  cooperativeName: string | null
}

/** The area as traceability shows it, with whose it is; null for an unknown code. */
export async function areaFacts(db: Database, code: string): Promise<AreaFacts | null> {
  const [area] = await areaViews(db, [code])
  if (!area) return null
  const [owner] = await db.query<{ id: string | null; name: string | null }>(
    `select g.cooperative_id as id, c.name from growing_areas g left join cooperatives c on c.id = g.cooperative_id
      where g.code = $1`,
    [code],
  )
  return { area, cooperativeId: owner?.id ?? null, cooperativeName: owner?.name ?? null }
}

export interface ChannelLatest {
  sensorId: string
  gatewayId: string
  metric: string
  unit: string
  /** Null when the channel has never sent a good reading. */
  value: number | null
  time: Date | null
}

const channelColumns: Columns<ChannelLatest> = {
  sensorId: 's.id',
  gatewayId: 's.gateway_id',
  metric: 's.metric',
  unit: 's.unit',
  value: 'r.value',
  time: 'r.time',
}

/**
 * Every channel of the area, by metric then sensor, with its latest good reading from channel_latest: a
 * probe into readings would plan and open every chunk of the year for each channel (ADR 0012).
 */
export async function areaChannels(db: Pick<Database, 'query'>, zone: string): Promise<ChannelLatest[]> {
  return db.query<ChannelLatest & Record<string, unknown>>(
    `select ${selectList(channelColumns)}
       from sensors s
       left join channel_latest r on r.sensor_id = s.id and r.metric = s.metric
      where s.zone_code = $1
      order by s.metric, s.id`,
    [zone],
  )
}

export interface AlertMark {
  sensorId: string | null
  metric: string
  severity: string
  openedAt: Date
  /** Null while the alert is still open. */
  clearedAt: Date | null
}

const alertMarkColumns: Columns<AlertMark> = {
  sensorId: 'sensor_id',
  metric: 'metric',
  severity: 'severity',
  openedAt: 'opened_at',
  clearedAt: 'cleared_at',
}

/** Water-quality alerts of the area that opened or cleared in [from, to), or stayed open across it, oldest
 *  first (offline alerts carry no metric): the chart marks each opening and clearing inside the range. */
export async function areaAlertMarks(
  db: Pick<Database, 'query'>,
  zone: string,
  from: Date,
  to: Date,
): Promise<AlertMark[]> {
  return db.query<AlertMark & Record<string, unknown>>(
    `select ${selectList(alertMarkColumns)} from alerts
      where zone_code = $1 and metric is not null and opened_at < $3 and (cleared_at is null or cleared_at >= $2)
      order by opened_at`,
    [zone, from.toISOString(), to.toISOString()],
  )
}
