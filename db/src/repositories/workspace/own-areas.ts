// What the cooperative's workspace reads about growing areas (issue 16): its own areas with preset and
// certifications, one of them for the edit form (a foreign or missing code is null alike, ADR 0007), and the
// communes in force today with the units they absorbed, for the commune choice.
import type { AreaView } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'
import { areaViews } from '../trace/areas.ts'

/** The actor's growing areas (every area for officers and admins), by code. */
export async function listOwnAreas(db: Database, actor: Actor): Promise<AreaView[]> {
  const params: unknown[] = []
  const rows = await db.query<{ code: string }>(
    `select code from growing_areas where true${ownedBy(actor, 'cooperative_id', params)} order by code`,
    params,
  )
  return areaViews(
    db,
    rows.map((r) => r.code),
  )
}

/**
 * One area the actor owns (with its profile, which an edit keeps), or null: another cooperative's answers
 * like one that does not exist. Codes are unique without regard to case, so found so too.
 */
export async function findOwnArea(
  db: Database,
  actor: Actor,
  code: string,
): Promise<(AreaView & { kind: string }) | null> {
  const params: unknown[] = [code]
  const [row] = await db.query<{ code: string; kind: string }>(
    `select code, kind from growing_areas where lower(code) = lower($1)${ownedBy(actor, 'cooperative_id', params)}`,
    params,
  )
  if (!row) return null
  const [view] = await areaViews(db, [row.code])
  return view ? { ...view, kind: row.kind } : null
}

export interface CommuneToday {
  code: string
  name: string
  /** Names of the former units merged into it (itself excluded when it kept its name). */
  formerNames: string[]
}

/** Every commune in force today with the former units it took in (July 2025 reform), by name. */
export async function listCommunesToday(db: Pick<Database, 'query'>): Promise<CommuneToday[]> {
  const rows = await db.query<{ code: string; name: string; formerNames: string[] | null }>(
    `select cur.code, cur.name,
            array_remove(array_agg(old.name order by old.name), null) as "formerNames"
       from admin_units cur
       left join admin_unit_successions s on s.new_code = cur.code
       left join admin_units old on old.code = s.old_code and old.valid_to is not null
                                and not (old.code = cur.code and old.name = cur.name)
      where cur.valid_to is null
      group by cur.code, cur.name
      order by cur.name, cur.code`,
  )
  return rows.map((r) => ({ code: r.code, name: r.name, formerNames: [...new Set(r.formerNames ?? [])] }))
}
