// Cooperatives and growing areas: the registry that gateways, lots and labels hang from.
import type { Zone } from '@zonetrace/contracts'
import { resolveCommune } from '../admin-units.ts'
import type { Database } from '../database.ts'
import { RegistryError } from '../errors.ts'
import type { NewCooperative, NewGrowingArea } from '../schema/index.ts'
import { type Columns, selectList } from './columns.ts'

const cooperativeUpsert: Upsert<NewCooperative> = {
  table: 'cooperatives',
  columns: {
    id: 'id',
    name: 'name',
    communeCode: 'commune_code',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  key: 'id',
  update: ['name', 'communeCode'],
}

export async function upsertCooperative(db: Pick<Database, 'query'>, coop: NewCooperative): Promise<void> {
  await upsert(db, cooperativeUpsert, coop)
}

const areaUpsert: Upsert<NewGrowingArea> = {
  table: 'growing_areas',
  columns: {
    code: 'code',
    name: 'name',
    cooperativeId: 'cooperative_id',
    crop: 'crop',
    kind: 'kind',
    areaHa: 'area_ha',
    polygon: 'polygon',
    communeCode: 'commune_code',
    thresholdPreset: 'threshold_preset',
    public: 'public',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  key: 'code',
  update: [
    'name',
    'cooperativeId',
    'crop',
    'kind',
    'areaHa',
    'polygon',
    'communeCode',
    'thresholdPreset',
    'public',
  ],
  json: ['polygon'],
}

export async function upsertGrowingArea(db: Database, area: NewGrowingArea): Promise<void> {
  const known = await resolveCommune(db, area.communeCode)
  if (known.length === 0) throw new RegistryError(`unknown commune code "${area.communeCode}"`, 'invalid')
  await upsert(db, areaUpsert, area)
}

/** How one registry table is upserted from its drizzle insert type. */
interface Upsert<T> {
  table: string
  /** The column behind each field. */
  columns: Columns<T>
  key: keyof T & string
  /** Fields a second upsert of the same key overwrites (when given). */
  update: readonly (keyof T & string)[]
  /** jsonb fields: sent as JSON text, which both drivers pass through unchanged. */
  json?: readonly (keyof T & string)[]
}

/**
 * Inserts the fields `row` gives, the others taking their column default; when the key is taken, sets the
 * given `update` fields and updated_at. A field left undefined keeps its stored value and null clears it,
 * so callers that register part of a record do not wipe the rest.
 */
async function upsert<T extends object>(db: Pick<Database, 'query'>, spec: Upsert<T>, row: T): Promise<void> {
  const fields = (Object.keys(spec.columns) as (keyof T & string)[]).filter((f) => row[f] !== undefined)
  const params = fields.map((f) =>
    spec.json?.includes(f) && row[f] !== null ? JSON.stringify(row[f]) : row[f],
  )
  const values = fields.map((f, i) => `$${i + 1}${spec.json?.includes(f) ? '::jsonb' : ''}`)
  const set = spec.update
    .filter((f) => row[f] !== undefined)
    .map((f) => `${spec.columns[f]} = excluded.${spec.columns[f]}`)
  await db.query(
    `insert into ${spec.table} (${fields.map((f) => spec.columns[f]).join(', ')})
     values (${values.join(', ')})
     on conflict (${spec.columns[spec.key]}) do update set ${[...set, 'updated_at = now()'].join(', ')}`,
    params,
  )
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
  public: 'z.public',
}

// Each area's registered commune resolved to the unit in force today (first successor if it was split).
export const ZONE_FROM = `from growing_areas z
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
