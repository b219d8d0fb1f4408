// Loads communes before and after the 1 July 2025 reform (Resolution 202/2025/QH15, 1687/NQ-UBTVQH15)
// from data/vinh-long-2025-commune-merges.csv, and resolves any code, old or new, to the unit in force.
import { readFileSync } from 'node:fs'
import type { Database } from './database.ts'

const REFORM_DATE = '2025-07-01'
const NEW_PROVINCE = '86' // Vĩnh Long after the merger (Decision 19/2025/QĐ-TTg)
const CSV = new URL('../data/vinh-long-2025-commune-merges.csv', import.meta.url)

interface MergeRow {
  newCode: string
  newName: string
  oldCode: string
  oldName: string
  mergeType: 'full' | 'partial'
}

function readMergeTable(): MergeRow[] {
  const lines = readFileSync(CSV, 'utf8').trim().split(/\r?\n/).slice(1)
  return lines.map((line) => {
    const [newCode, newName, oldCode, oldName, mergeType] = line.split(',')
    if (!newCode || !newName || !oldCode || !oldName || (mergeType !== 'full' && mergeType !== 'partial')) {
      throw new Error(`bad row in commune merge table: ${line}`)
    }
    return { newCode, newName, oldCode, oldName, mergeType }
  })
}

/** Idempotent: re-running inserts nothing new. */
export async function seedAdminUnits(db: Pick<Database, 'query'>): Promise<void> {
  const rows = readMergeTable()
  const units = new Map<
    string,
    [code: string, validFrom: string, validTo: string | null, name: string, province: string | null]
  >()
  for (const r of rows) {
    units.set(`new:${r.newCode}`, [r.newCode, REFORM_DATE, null, r.newName, NEW_PROVINCE])
    // Former units were in force until the reform. The table gives neither their start date nor their
    // former province, so the start is the epoch and the province is left unknown rather than guessed.
    units.set(`old:${r.oldCode}`, [r.oldCode, '1900-01-01', REFORM_DATE, r.oldName, null])
  }
  const cols = [...units.values()]
  await db.query(
    `insert into admin_units (code, valid_from, valid_to, name, province_code)
     select * from unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[])
     on conflict do nothing`,
    [
      cols.map((u) => u[0]),
      cols.map((u) => u[1]),
      cols.map((u) => u[2]),
      cols.map((u) => u[3]),
      cols.map((u) => u[4]),
    ],
  )
  await db.query(
    `insert into admin_unit_successions (old_code, new_code, merge_type, effective_on)
     select o, n, m, $4::date from unnest($1::text[], $2::text[], $3::text[]) as t(o, n, m)
     on conflict do nothing`,
    [rows.map((r) => r.oldCode), rows.map((r) => r.newCode), rows.map((r) => r.mergeType), REFORM_DATE],
  )
}

interface ResolvedCommune {
  code: string
  name: string
  formerCode: string | null
  formerName: string | null
}

/**
 * The commune in force today for a code registered at any time. A code that still exists is itself;
 * an absorbed one maps to its successor(s), several when the old commune was split.
 */
export async function resolveCommune(db: Pick<Database, 'query'>, code: string): Promise<ResolvedCommune[]> {
  return db.query<ResolvedCommune & Record<string, unknown>>(
    `with former as (
       select name from admin_units where code = $1 and valid_to is not null order by valid_from desc limit 1
     )
     select cur.code, cur.name,
            case when cur.code = $1 and cur.name = (select name from former) then null else $1 end as "formerCode",
            case when cur.code = $1 and cur.name = (select name from former) then null else (select name from former) end as "formerName"
       from admin_units cur
      where cur.valid_to is null
        and (cur.code = $1 or cur.code in (select new_code from admin_unit_successions where old_code = $1))
      order by cur.code = $1 desc, cur.code`,
    [code],
  )
}
