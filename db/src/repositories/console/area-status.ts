// Every growing area an actor may see, with what an officer scans the map for: the worst open alert,
// gateways online, and the latest value of each metric. Four set-wise queries, not one per area.
import type { AreaStatus, LatestReading, Severity } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { listZones } from '../registry.ts'
import type { Actor } from '../trace/actor.ts'

/** Readings older than this say nothing about the area now. */
const LATEST_WINDOW = '2 days'

export async function areaStatuses(db: Database, actor: Actor): Promise<AreaStatus[]> {
  const zones = (await listZones(db)).filter(
    (z) => actor.cooperativeId === null || z.cooperativeId === actor.cooperativeId,
  )
  if (zones.length === 0) return []
  const codes = zones.map((z) => z.code)
  const scope: unknown[] = [codes]
  const [coops, alerts, gateways, latest] = await Promise.all([
    db.query<{ code: string; name: string }>(
      `select g.code, c.name from growing_areas g join cooperatives c on c.id = g.cooperative_id
        where g.code = any($1::text[])`,
      scope,
    ),
    db.query<{ zone: string; open: number; worst: Severity }>(
      `select zone_code as zone, count(*)::int as open,
              (array_agg(severity order by array_position(array['warning','minor','major','critical'], severity) desc))[1]
                as worst
         from alerts where state = 'active' and not historical and zone_code = any($1::text[])
        group by zone_code`,
      scope,
    ),
    db.query<{ zone: string; online: number; total: number }>(
      `select zone_code as zone, count(*) filter (where online)::int as online, count(*)::int as total
         from gateways where zone_code = any($1::text[]) group by zone_code`,
      scope,
    ),
    db.query<{ zone: string; metric: LatestReading['metric']; value: number; time: Date }>(
      // channel_latest holds each channel's newest good reading, so an area's newest per metric is among them.
      `select distinct on (s.zone_code, r.metric) s.zone_code as zone, r.metric, r.value, r.time
         from channel_latest r join sensors s on s.id = r.sensor_id and s.metric = r.metric
        where s.zone_code = any($1::text[]) and r.time > now() - interval '${LATEST_WINDOW}'
        order by s.zone_code, r.metric, r.time desc`,
      scope,
    ),
  ])
  return zones.map((zone) => {
    const open = alerts.find((a) => a.zone === zone.code)
    const gw = gateways.find((g) => g.zone === zone.code)
    return {
      zone,
      cooperativeName: coops.find((c) => c.code === zone.code)?.name ?? null,
      worstSeverity: open?.worst ?? null,
      openAlerts: open?.open ?? 0,
      gatewaysOnline: gw?.online ?? 0,
      gatewaysTotal: gw?.total ?? 0,
      latest: latest
        .filter((r) => r.zone === zone.code)
        .map((r) => ({ metric: r.metric, value: r.value, time: r.time.toISOString() })),
    }
  })
}
