// Cooperatives and growing areas: the registry that gateways, lots and labels hang from.
import type { Zone } from '@zonetrace/contracts'
import { resolveCommune } from '../admin-units.ts'
import type { Database } from '../database.ts'
import { RegistryError } from '../errors.ts'
import { cooperatives, growingAreas, type NewCooperative, type NewGrowingArea } from '../schema/index.ts'
import { type Columns, selectList } from './columns.ts'

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

/**
 * Every field of a zone (ADR 0009: one column list per resource), from `growing_areas z` joined to `cur`,
 * the commune in force today, and `former`, the name it was registered under (see ZONE_FROM).
 */
const zoneColumns: Columns<Zone> = {
  code: 'z.code',
  name: 'z.name',
  cooperativeId: 'z.cooperative_id',
  crop: 'z.crop',
  kind: 'z.kind',
  areaHa: 'z.area_ha',
  polygon: 'z.polygon',
  // A former name is only worth showing when it differs from today's.
  commune: `json_build_object('registeredCode', z.commune_code, 'code', cur.code, 'name', cur.name,
    'formerName', case when former.name <> '' and former.name is distinct from cur.name then former.name end)`,
}

// Each area's registered commune resolved to the unit in force today (first successor if it was split).
const ZONE_FROM = `from growing_areas z
  left join lateral (
    select u.code, u.name from admin_units u
     where u.valid_to is null
       and (u.code = z.commune_code
            or u.code in (select s.new_code from admin_unit_successions s where s.old_code = z.commune_code))
     order by u.code = z.commune_code desc, u.code limit 1) cur on true
  left join lateral (
    select u.name from admin_units u where u.code = z.commune_code and u.valid_to is not null
     order by u.valid_from desc limit 1) former on true`

/** All growing areas, or only those named. */
export async function listZones(db: Database, codes?: string[]): Promise<Zone[]> {
  return db.query<Zone>(
    `select ${selectList(zoneColumns)} ${ZONE_FROM}
      where $1::text[] is null or z.code = any($1::text[])
      order by z.code`,
    [codes ?? null],
  )
}
