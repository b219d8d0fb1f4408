// The cooperative's scan page (issue 16) lists the events its people recorded lately by scanning labels:
// receiving, shipping and inspecting on its own lots, newest first by when they reached the server.
import type { Database } from '../../database.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'

export const SCAN_BIZ_STEPS = ['receiving', 'shipping', 'inspecting'] as const
export type ScanBizStep = (typeof SCAN_BIZ_STEPS)[number]

// A type, not an interface: db.query's rows must be indexable records.
export type RecentScan = {
  id: string
  lotId: string
  bizStep: ScanBizStep
  time: Date
  place: string | null
  recordedAt: Date
}

export async function recentScans(db: Database, actor: Actor, limit = 10): Promise<RecentScan[]> {
  const params: unknown[] = [SCAN_BIZ_STEPS, limit]
  return db.query<RecentScan>(
    `select e.id, e.lot_id as "lotId", e.biz_step as "bizStep", e.event_time as "time", e.place,
            e.created_at as "recordedAt"
       from lot_events e join lots l on l.id = e.lot_id
      where e.event_type = 'ObjectEvent' and e.biz_step = any($1)${ownedBy(actor, 'l.cooperative_id', params)}
      order by e.created_at desc, e.id limit $2`,
    params,
  )
}
