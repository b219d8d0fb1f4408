// How many readings the database holds for a gateway's channels in a time window, whatever their quality
// flag: what an outside check needs to compare with what the gateway sent (nothing lost, nothing doubled).
import { type ChannelReadingCount, type GatewayReadingCount, Quality } from '@zonetrace/contracts'
import type { Database } from '../database.ts'

/**
 * Counts readings with from <= time < to for every channel of the gateway, or null when there is no such
 * gateway. One index range scan per channel (the readings key starts with sensor and metric), so the cost
 * follows the readings counted, not the size of the table.
 */
export async function countGatewayReadings(
  db: Pick<Database, 'query'>,
  gatewayId: string,
  window: { from: Date; to: Date },
): Promise<GatewayReadingCount | null> {
  const rows = await db.query<{
    sensorId: string | null
    metric: string | null
    readings: number
    flagged: number
  }>(
    `select s.id as "sensorId", s.metric, c.readings, c.flagged
       from gateways g
       left join sensors s on s.gateway_id = g.id
       left join lateral (
         select count(*)::int as readings, (count(*) filter (where r.quality <> $4))::int as flagged
           from readings r
          where r.sensor_id = s.id and r.metric = s.metric and r.time >= $2 and r.time < $3
       ) c on true
      where g.id = $1
      order by s.id, s.metric`,
    [gatewayId, window.from.toISOString(), window.to.toISOString(), Quality.good],
  )
  if (rows.length === 0) return null
  const bySensor: ChannelReadingCount[] = []
  for (const r of rows) {
    // A gateway without sensors comes back as one row of nulls from the outer join.
    if (r.sensorId === null || r.metric === null) continue
    bySensor.push({ sensorId: r.sensorId, metric: r.metric, readings: r.readings, flagged: r.flagged })
  }
  return {
    gatewayId,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    readings: bySensor.reduce((n, c) => n + c.readings, 0),
    flagged: bySensor.reduce((n, c) => n + c.flagged, 0),
    bySensor,
  }
}
