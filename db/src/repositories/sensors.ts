import { and, eq } from 'drizzle-orm'
import type { Database } from '../database.ts'
import { sensors } from '../schema/index.ts'

export interface SensorView {
  sensorId: string
  gatewayId: string
  metric: string
  unit: string
  zone: string
}

const view = {
  sensorId: sensors.id,
  gatewayId: sensors.gatewayId,
  metric: sensors.metric,
  unit: sensors.unit,
  zone: sensors.zoneCode,
}

export async function listSensors(
  db: Database,
  filter: { zone?: string; gatewayId?: string } = {},
): Promise<SensorView[]> {
  const where = and(
    filter.zone ? eq(sensors.zoneCode, filter.zone) : undefined,
    filter.gatewayId ? eq(sensors.gatewayId, filter.gatewayId) : undefined,
  )
  return db.orm.select(view).from(sensors).where(where).orderBy(sensors.id, sensors.metric)
}

/** The channels of one sensor id (a multi-parameter probe has several). */
export async function findSensor(db: Database, sensorId: string): Promise<SensorView[]> {
  return db.orm.select(view).from(sensors).where(eq(sensors.id, sensorId)).orderBy(sensors.metric)
}
