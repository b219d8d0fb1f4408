// Harvest lots: creation (which records the harvest as a `commissioning` event), reads, and the owner
// filter every read goes through.
import { randomUUID } from 'node:crypto'
import { checkAiValue, Gs1Error, LOT_NOTE_MAX, type Lot } from '@zonetrace/contracts'
import type { Database, Transaction } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'
import { type Actor, assertOwns, ownedBy } from './actor.ts'
import { isUniqueViolation } from './checks.ts'
import { getProductRow } from './products.ts'

export interface LotInput {
  id: string
  productId: string
  areaCodes: string[]
  grownFrom?: Date | null
  harvestedFrom: Date
  harvestedTo: Date
  quantity: number
  unit: string
  /** Where the harvest was recorded; defaults to the first growing area. */
  place?: string | null
  note?: string | null
}

/** UN/ECE Recommendation 20 codes: letters and digits, 2–3 characters (KGM, TNE, H87, LTR…). */
const UNIT = /^[A-Z0-9]{2,3}$/

export async function createLot(db: Database, actor: Actor, input: LotInput): Promise<Lot> {
  checkLotId(input.id)
  const product = await getProductRow(db, input.productId)
  assertOwns(actor, product?.cooperativeId, `product ${input.productId}`)
  const owner = product!.cooperativeId
  checkLotShape(input)
  await checkAreas(db, owner, input.areaCodes)
  try {
    await db.transaction(async (tx) => {
      await insertLot(tx, { ...input, cooperativeId: owner, areaCodes: [...new Set(input.areaCodes)] })
      await tx.query(
        `insert into lot_events (id, lot_id, event_type, biz_step, event_time, place, disposition, recorded_by)
         values ($1, $2, 'ObjectEvent', 'commissioning', $3, $4, 'active', $5)`,
        [randomUUID(), input.id, input.harvestedTo, input.place ?? input.areaCodes[0], actor.subject],
      )
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new RegistryError(`lot ${input.id} already exists`, 'conflict')
    throw err
  }
  return (await getLot(db, actor, input.id))!
}

export type NewLotRow = Omit<LotInput, 'place'> & { cooperativeId: string }

/** Inserts a lot and its sources inside the caller's transaction (shared with split and merge). */
export async function insertLot(tx: Transaction, lot: NewLotRow): Promise<void> {
  await tx.query(
    `insert into lots (id, product_id, cooperative_id, grown_from, harvested_from, harvested_to, quantity, unit, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      lot.id,
      lot.productId,
      lot.cooperativeId,
      lot.grownFrom ?? null,
      lot.harvestedFrom,
      lot.harvestedTo,
      lot.quantity,
      lot.unit,
      lot.note ?? null,
    ],
  )
  await tx.query(`insert into lot_sources (lot_id, area_code) select $1, unnest($2::text[])`, [
    lot.id,
    lot.areaCodes,
  ])
}

/** Every field of a lot, from `lots l` (ADR 0009: one column list per resource). */
const lotColumns: Columns<Lot> = {
  id: 'l.id',
  productId: 'l.product_id',
  cooperativeId: 'l.cooperative_id',
  areaCodes: `coalesce((select array_agg(s.area_code order by s.area_code) from lot_sources s where s.lot_id = l.id), '{}')`,
  grownFrom: 'l.grown_from',
  harvestedFrom: 'l.harvested_from',
  harvestedTo: 'l.harvested_to',
  quantity: 'l.quantity',
  unit: 'l.unit',
  disposition: 'l.disposition',
  recalledAt: 'l.recalled_at',
  recallReason: 'l.recall_reason',
  note: 'l.note',
  parents: `coalesce((select array_agg(g.parent_lot_id order by g.parent_lot_id) from lot_lineage g where g.child_lot_id = l.id), '{}')`,
  children: `coalesce((select array_agg(g.child_lot_id order by g.child_lot_id) from lot_lineage g where g.parent_lot_id = l.id), '{}')`,
  createdAt: 'l.created_at',
}
const LOT_INSTANTS = ['grownFrom', 'harvestedFrom', 'harvestedTo', 'recalledAt', 'createdAt'] as const
type LotRow = WithInstants<Lot, (typeof LOT_INSTANTS)[number]>
const SELECT = `select ${selectList(lotColumns)} from lots l`

export async function listLots(
  db: Database,
  actor: Actor,
  filter: { productId?: string } = {},
): Promise<Lot[]> {
  const params: unknown[] = []
  let where = `where true${ownedBy(actor, 'l.cooperative_id', params)}`
  if (filter.productId !== undefined) {
    params.push(filter.productId)
    where += ` and l.product_id = $${params.length}`
  }
  const rows = await db.query<LotRow>(`${SELECT} ${where} order by l.harvested_to desc, l.id`, params)
  return rows.map(toLot)
}

/** A lot the actor may see, or null (a foreign lot is indistinguishable from a missing one). */
export async function getLot(db: Pick<Database, 'query'>, actor: Actor, id: string): Promise<Lot | null> {
  const params: unknown[] = [id]
  const [row] = await db.query<LotRow>(
    `${SELECT} where l.id = $1${ownedBy(actor, 'l.cooperative_id', params)}`,
    params,
  )
  return row ? toLot(row) : null
}

/** getLot that refuses with NotFoundError. */
export async function requireLot(db: Pick<Database, 'query'>, actor: Actor, id: string): Promise<Lot> {
  return found(await getLot(db, actor, id), `lot ${id} not found`)
}

/** Changes what may change after registration (the note, for now) and returns the lot. */
export async function updateLot(
  db: Database,
  actor: Actor,
  id: string,
  patch: { note?: string | null },
): Promise<Lot> {
  await requireLot(db, actor, id)
  if (patch.note !== undefined) {
    checkNote(patch.note)
    await db.query(`update lots set note = $2, updated_at = now() where id = $1`, [id, patch.note])
  }
  return requireLot(db, actor, id)
}

function toLot(row: LotRow): Lot {
  return withIsoInstants(row, LOT_INSTANTS)
}

export function checkLotId(id: string): void {
  try {
    checkAiValue(id, 'lot')
  } catch (err) {
    if (err instanceof Gs1Error) throw new RegistryError(err.message, 'invalid')
    throw err
  }
}

// Counted in code points, as JSON Schema's maxLength and Postgres' char_length count them.
function checkNote(note: string | null | undefined): void {
  if (note != null && [...note].length > LOT_NOTE_MAX) {
    throw new RegistryError(`note must be at most ${LOT_NOTE_MAX} characters`, 'invalid')
  }
}

function checkLotShape(input: LotInput): void {
  checkNote(input.note)
  if (!Number.isFinite(input.quantity) || input.quantity <= 0) {
    throw new RegistryError('quantity must be a positive number', 'invalid')
  }
  if (!UNIT.test(input.unit)) {
    throw new RegistryError(
      `unit "${input.unit}" is not a UN/ECE Rec 20 code such as KGM, TNE or H87`,
      'invalid',
    )
  }
  for (const d of [input.grownFrom, input.harvestedFrom, input.harvestedTo]) {
    if (d != null && Number.isNaN(d.getTime()))
      throw new RegistryError('a lot date is not a valid time', 'invalid')
  }
  if (input.harvestedFrom > input.harvestedTo) {
    throw new RegistryError('harvestedFrom must not be after harvestedTo', 'invalid')
  }
  if (input.grownFrom && input.grownFrom > input.harvestedFrom) {
    throw new RegistryError('grownFrom must not be after harvestedFrom', 'invalid')
  }
  if (input.areaCodes.length === 0)
    throw new RegistryError('a lot needs at least one growing area', 'invalid')
}

async function checkAreas(db: Database, owner: string, codes: string[]): Promise<void> {
  const rows = await db.query<{ code: string; owner: string | null }>(
    `select code, cooperative_id as owner from growing_areas where code = any($1::text[])`,
    [codes],
  )
  for (const code of codes) {
    const row = rows.find((r) => r.code === code)
    if (!row || row.owner !== owner) {
      throw new RegistryError(`growing area ${code} is not registered to cooperative ${owner}`, 'invalid')
    }
  }
}
