// Cooperatives and growing areas: the registry that gateways, lots and labels hang from.
import { resolveCommune } from '../admin-units.ts'
import type { Database } from '../database.ts'
import { RegistryError } from '../errors.ts'
import { cooperatives, growingAreas, type NewCooperative, type NewGrowingArea } from '../schema/index.ts'

export async function upsertCooperative(db: Database, coop: NewCooperative): Promise<void> {
  await db.orm
    .insert(cooperatives)
    .values(coop)
    .onConflictDoUpdate({
      target: cooperatives.id,
      set: { name: coop.name, communeCode: coop.communeCode, updatedAt: new Date() },
    })
}

export async function upsertGrowingArea(db: Database, area: NewGrowingArea): Promise<void> {
  const known = await resolveCommune(db, area.communeCode)
  if (known.length === 0) throw new RegistryError(`unknown commune code "${area.communeCode}"`, 'invalid')
  const { code: _code, createdAt: _createdAt, ...rest } = area
  await db.orm
    .insert(growingAreas)
    .values(area)
    .onConflictDoUpdate({ target: growingAreas.code, set: { ...rest, updatedAt: new Date() } })
}

export interface ZoneView {
  code: string
  name: string
  cooperativeId: string | null
  crop: string
  kind: string
  areaHa: number | null
  polygon: unknown
  commune: { registeredCode: string; code: string | null; name: string | null; formerName: string | null }
}

/** All growing areas, or only those named. */
export async function listZones(db: Database, codes?: string[]): Promise<ZoneView[]> {
  const rows = await db.query<{
    code: string
    name: string
    cooperativeId: string | null
    crop: string
    kind: string
    areaHa: number | null
    polygon: unknown
    communeCode: string
    currentCode: string | null
    currentName: string | null
    formerName: string | null
  }>(
    // Each area's registered commune resolved to the unit in force today (first successor if it was split).
    `select z.code, z.name, z.cooperative_id as "cooperativeId", z.crop, z.kind, z.area_ha as "areaHa",
            z.polygon, z.commune_code as "communeCode", cur.code as "currentCode", cur.name as "currentName",
            former.name as "formerName"
       from growing_areas z
       left join lateral (
         select u.code, u.name from admin_units u
          where u.valid_to is null
            and (u.code = z.commune_code
                 or u.code in (select s.new_code from admin_unit_successions s where s.old_code = z.commune_code))
          order by u.code = z.commune_code desc, u.code limit 1) cur on true
       left join lateral (
         select u.name from admin_units u where u.code = z.commune_code and u.valid_to is not null
          order by u.valid_from desc limit 1) former on true
      where $1::text[] is null or z.code = any($1::text[])
      order by z.code`,
    [codes ?? null],
  )
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    cooperativeId: r.cooperativeId,
    crop: r.crop,
    kind: r.kind,
    areaHa: r.areaHa,
    polygon: r.polygon,
    commune: {
      registeredCode: r.communeCode,
      code: r.currentCode,
      name: r.currentName,
      formerName: r.formerName && r.formerName !== r.currentName ? r.formerName : null,
    },
  }))
}
