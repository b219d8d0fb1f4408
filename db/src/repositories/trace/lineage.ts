// Split and merge as EPCIS TransformationEvents with lineage kept both ways, and recalls that follow the
// lineage down to every lot derived from the recalled one.
import { randomUUID } from 'node:crypto'
import type { Lot } from '@zonetrace/contracts'
import type { Database, Transaction } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import type { Actor } from './actor.ts'
import { isUniqueViolation } from './checks.ts'
import { checkLotId, insertLot, requireLot } from './lots.ts'

export interface SplitInput {
  parts: { id: string; quantity: number }[]
  time?: Date
  place?: string | null
}

export interface MergeInput {
  id: string
  inputs: string[]
  /** Defaults to the sum of the inputs. */
  quantity?: number
  time?: Date
  place?: string | null
}

export async function splitLot(
  db: Database,
  actor: Actor,
  lotId: string,
  input: SplitInput,
): Promise<string[]> {
  const parent = await requireLot(db, actor, lotId)
  if (parent.disposition === 'recalled') throw new RegistryError(`lot ${lotId} is recalled`, 'invalid')
  if (input.parts.length < 2) throw new RegistryError('a split needs at least two parts', 'invalid')
  for (const p of input.parts) {
    checkLotId(p.id)
    if (!Number.isFinite(p.quantity) || p.quantity <= 0)
      throw new RegistryError('each part needs a positive quantity', 'invalid')
  }
  const total = input.parts.reduce((s, p) => s + p.quantity, 0)
  if (total > parent.quantity * (1 + 1e-9)) {
    throw new RegistryError(
      `the parts (${total} ${parent.unit}) exceed the lot (${parent.quantity} ${parent.unit})`,
      'invalid',
    )
  }
  await transform(db, actor, [lotId], input, async (tx, eventId) => {
    for (const part of input.parts) {
      await insertLot(tx, {
        id: part.id,
        productId: parent.productId,
        cooperativeId: parent.cooperativeId,
        areaCodes: parent.areaCodes,
        grownFrom: parent.grownFrom ? new Date(parent.grownFrom) : null,
        harvestedFrom: new Date(parent.harvestedFrom),
        harvestedTo: new Date(parent.harvestedTo),
        quantity: part.quantity,
        unit: parent.unit,
      })
      await link(tx, [lotId], part.id, eventId)
    }
  })
  return input.parts.map((p) => p.id)
}

export async function mergeLots(db: Database, actor: Actor, input: MergeInput): Promise<string> {
  checkLotId(input.id)
  const ids = [...new Set(input.inputs)]
  if (ids.length < 2) throw new RegistryError('a merge needs at least two different lots', 'invalid')
  const lots: Lot[] = []
  for (const id of ids) lots.push(await requireLot(db, actor, id))
  const first = lots[0]!
  if (lots.some((l) => l.productId !== first.productId || l.unit !== first.unit)) {
    throw new RegistryError('only lots of the same product and unit can be merged', 'invalid')
  }
  if (lots.some((l) => l.disposition === 'recalled'))
    throw new RegistryError('a recalled lot cannot be merged', 'invalid')
  const quantity = input.quantity ?? lots.reduce((s, l) => s + l.quantity, 0)
  if (!Number.isFinite(quantity) || quantity <= 0)
    throw new RegistryError('quantity must be positive', 'invalid')
  const earliest = (xs: string[]) => new Date(Math.min(...xs.map(Date.parse)))
  const grown = lots.map((l) => l.grownFrom).filter((g): g is string => g !== null)
  await transform(db, actor, ids, input, async (tx, eventId) => {
    await insertLot(tx, {
      id: input.id,
      productId: first.productId,
      cooperativeId: first.cooperativeId,
      areaCodes: [...new Set(lots.flatMap((l) => l.areaCodes))].sort(),
      grownFrom: grown.length === lots.length ? earliest(grown) : null,
      harvestedFrom: earliest(lots.map((l) => l.harvestedFrom)),
      harvestedTo: new Date(Math.max(...lots.map((l) => Date.parse(l.harvestedTo)))),
      quantity,
      unit: first.unit,
    })
    await link(tx, ids, input.id, eventId)
  })
  return input.id
}

async function transform(
  db: Database,
  actor: Actor,
  inputs: string[],
  opts: { time?: Date; place?: string | null },
  makeOutputs: (tx: Transaction, eventId: string) => Promise<void>,
): Promise<void> {
  const time = opts.time ?? new Date()
  if (Number.isNaN(time.getTime()) || time.getTime() > Date.now() + 600_000) {
    throw new RegistryError('time must be a valid instant, not in the future', 'invalid')
  }
  const eventId = randomUUID()
  try {
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into lot_events (id, lot_id, event_type, biz_step, event_time, place, recorded_by)
         values ($1, null, 'TransformationEvent', 'transforming', $2, $3, $4)`,
        [eventId, time, opts.place ?? null, actor.subject],
      )
      await makeOutputs(tx, eventId)
    })
  } catch (err) {
    if (isUniqueViolation(err))
      throw new RegistryError(`an output lot id already exists (inputs ${inputs.join(', ')})`, 'conflict')
    throw err
  }
}

async function link(tx: Transaction, parents: string[], child: string, eventId: string): Promise<void> {
  await tx.query(
    `insert into lot_lineage (parent_lot_id, child_lot_id, event_id) select unnest($1::text[]), $2, $3`,
    [parents, child, eventId],
  )
}

/** Recalls the lot and everything derived from it, however many splits and merges down. Returns their ids. */
export async function recallLot(
  db: Database,
  actor: Actor,
  lotId: string,
  reason: string,
): Promise<string[]> {
  await requireLot(db, actor, lotId)
  const text = reason.trim()
  if (text.length === 0 || text.length > 500)
    throw new RegistryError('a recall needs a reason of 1–500 characters', 'invalid')
  const rows = await db.query<{ id: string }>(
    `with recursive derived(id) as (
        select $1::text
        union
        select g.child_lot_id from lot_lineage g join derived d on g.parent_lot_id = d.id)
     update lots set disposition = 'recalled', recalled_at = coalesce(recalled_at, now()),
            recall_reason = coalesce(recall_reason, $2), updated_at = now()
      where id in (select id from derived)
      returning id`,
    [lotId, text],
  )
  return rows.map((r) => r.id).sort()
}

/** Lots upstream of this one (what it was split or merged from), nearest first. */
export async function ancestorLots(db: Pick<Database, 'query'>, lotId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `with recursive up(id, depth) as (
        select g.parent_lot_id, 1 from lot_lineage g where g.child_lot_id = $1
        union
        select g.parent_lot_id, u.depth + 1 from lot_lineage g join up u on g.child_lot_id = u.id)
     select id from up group by id order by min(depth), id`,
    [lotId],
  )
  return rows.map((r) => r.id)
}
