// The gateways of public growing areas as open-data stations: where each stands, which channels it carries
// and whether it is online. Never its secret, its status document (spool depth, firmware) or its alarms.
import type { PointGeometry, StationSensor } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'

export type PublicStationRow = {
  id: string
  areaCode: string
  position: PointGeometry | null
  sensors: StationSensor[]
  online: boolean
  lastSeenAt: Date | null
}

export async function listPublicStations(db: Pick<Database, 'query'>): Promise<PublicStationRow[]> {
  return db.query<PublicStationRow>(
    `select g.id, g.zone_code as "areaCode", g.position,
            coalesce((select json_agg(json_build_object('id', s.id, 'metric', s.metric, 'unit', s.unit)
                                      order by s.id, s.metric)
                        from sensors s where s.gateway_id = g.id), '[]'::json) as sensors,
            g.online, g.last_seen_at as "lastSeenAt"
       from gateways g join growing_areas z on z.code = g.zone_code
      where z.public
      order by g.id`,
  )
}
