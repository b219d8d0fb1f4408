import type { Sensor } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { type Columns, selectList } from './columns.ts'

/** Every field of a sensor channel (ADR 0009: one column list per resource). */
const sensorColumns: Columns<Sensor> = {
  sensorId: 'id',
  gatewayId: 'gateway_id',
  metric: 'metric',
  unit: 'unit',
  zone: 'zone_code',
}
const SELECT = `select ${selectList(sensorColumns)} from sensors`

export async function listSensors(
  db: Pick<Database, 'query'>,
  filter: { zone?: string; gatewayId?: string } = {},
): Promise<Sensor[]> {
  // An empty filter value means no filter, as it always has.
  return db.query<Sensor>(
    `${SELECT} where ($1::text is null or zone_code = $1) and ($2::text is null or gateway_id = $2)
      order by id, metric`,
    [filter.zone || null, filter.gatewayId || null],
  )
}

/** The channels of one sensor id (a multi-parameter probe has several). */
export async function findSensor(db: Pick<Database, 'query'>, sensorId: string): Promise<Sensor[]> {
  return db.query<Sensor>(`${SELECT} where id = $1 order by metric`, [sensorId])
}
