// What a cooperative learns across all its lots from where its labels are scanned: counts per region, a
// coarse map (0.1° cells, about 11 km: never a scan's own position), and every serial flagged as a copy.
import type { FlaggedSerial, ScanRegions } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { type Actor, ownedBy } from './actor.ts'

type RegionRow = WithInstants<ScanRegions['regions'][number], 'lastAt'>

/** Scans of the actor's labels (all for officers and admins), per region and per 0.1° cell. */
export async function scanRegions(db: Database, actor: Actor): Promise<ScanRegions> {
  const params: unknown[] = []
  const own = `from label_scans s join lots l on l.id = s.lot_id where true${ownedBy(actor, 'l.cooperative_id', params)}`
  const regions = await db.query<RegionRow>(
    `select s.region, count(*)::int as scans, max(s.scanned_at) as "lastAt"
       ${own} group by s.region order by scans desc, s.region nulls last limit 200`,
    params,
  )
  // Rounded again here although the resolver stores rounded positions: the map must stay coarse even if
  // a finer position were ever stored.
  const cells = await db.query<{ lat: number; lon: number; scans: number }>(
    `select round(s.lat::numeric, 1)::float8 as lat, round(s.lon::numeric, 1)::float8 as lon,
            count(*)::int as scans
       ${own} and s.lat is not null and s.lon is not null
      group by 1, 2 order by scans desc limit 500`,
    params,
  )
  return {
    total: regions.reduce((n, r) => n + r.scans, 0),
    regions: regions.map((r) => withIsoInstants(r, ['lastAt'])),
    cells,
  }
}

/** A flagged serial with its lot, from `label_serials s join lots l`. */
const flaggedColumns: Columns<FlaggedSerial> = {
  serial: 's.serial',
  flag: 's.clone_flag',
  flaggedAt: 's.clone_flagged_at',
  scans: 's.scan_count',
  lotId: 's.lot_id',
  productId: 'l.product_id',
}

/** Every serial of the actor's lots flagged as a likely copy, newest flag first (at most 500). */
export async function flaggedSerials(db: Database, actor: Actor): Promise<FlaggedSerial[]> {
  const params: unknown[] = []
  const rows = await db.query<WithInstants<FlaggedSerial, 'flaggedAt'>>(
    `select ${selectList(flaggedColumns)}
       from label_serials s join lots l on l.id = s.lot_id
      where s.clone_flag is not null${ownedBy(actor, 'l.cooperative_id', params)}
      order by s.clone_flagged_at desc, s.serial limit 500`,
    params,
  )
  return rows.map((r) => withIsoInstants(r, ['flaggedAt']))
}
