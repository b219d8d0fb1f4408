// What the console's map needs beyond the areas list: each open alert by id (so the page can follow the live
// stream and work out an area's worst open alert itself) and each gateway with its state. Two set-wise
// queries over the areas the list already chose; the same definition of "open" as areaStatuses.
import type { Severity } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'

// Type aliases rather than interfaces: db.query wants row types with an index signature.
export type MapAlert = {
  id: number
  zone: string
  severity: Severity
}

export type MapGateway = {
  id: string
  zone: string
  online: boolean
}

export interface AreaMapExtras {
  openAlerts: MapAlert[]
  gateways: MapGateway[]
}

export async function areaMapExtras(db: Database, codes: string[]): Promise<AreaMapExtras> {
  if (codes.length === 0) return { openAlerts: [], gateways: [] }
  const [openAlerts, gateways] = await Promise.all([
    db.query<MapAlert>(
      `select id, zone_code as zone, severity from alerts
        where state = 'active' and not historical and zone_code = any($1::text[]) order by id`,
      [codes],
    ),
    db.query<MapGateway>(
      `select id, zone_code as zone, online from gateways where zone_code = any($1::text[]) order by id`,
      [codes],
    ),
  ])
  return { openAlerts: openAlerts.map((a) => ({ ...a, id: Number(a.id) })), gateways }
}
