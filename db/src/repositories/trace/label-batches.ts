// Label batches: each issue of labels, so it can be printed again later (PDF, SVG, ZIP, CSV over HTTP).
// Serials are stored in the batch's order: by serial, so the order of a download is the order of the issue.
import { randomUUID } from 'node:crypto'
import type { LabelBatch, Lot } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found, NotFoundError } from '../found.ts'
import type { Actor } from './actor.ts'
import { issueSerials } from './labels.ts'
import { requireLot } from './lots.ts'

/** Every field of a batch, from `label_batches b` (ADR 0009: one column list per resource). */
const batchColumns: Columns<LabelBatch> = {
  batchId: 'b.id',
  lotId: 'b.lot_id',
  kid: 'b.kid',
  count: 'b.count',
  issuedAt: 'b.issued_at',
  issuedBy: 'b.issued_by',
  layout: 'b.layout',
}
const BATCH_INSTANTS = ['issuedAt'] as const
type BatchRow = WithInstants<LabelBatch, (typeof BATCH_INSTANTS)[number]>
const COLUMNS = selectList(batchColumns)
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Compares serials as the database's `collate "C"` does: by UTF-16 code unit, like Array.prototype.sort. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A new batch of `count` fresh serials for the lot, all signed by `kid`, in one transaction: a batch never
 * exists without its serials. The serials come back sorted, the order every later download uses.
 */
export async function issueLabelBatch(
  db: Database,
  input: { lotId: string; count: number; kid: string; issuedBy: string | null; layout?: string | null },
): Promise<{ batch: LabelBatch; serials: string[] }> {
  const id = randomUUID()
  return db.transaction(async (tx) => {
    const [row] = await tx.query<BatchRow>(
      `insert into label_batches as b (id, lot_id, kid, count, issued_by, layout)
       values ($1, $2, $3, $4, $5, $6)
       returning ${COLUMNS}`,
      [id, input.lotId, input.kid, input.count, input.issuedBy, input.layout ?? null],
    )
    const serials = await issueSerials(tx, input.lotId, input.count, input.kid, input.issuedBy, id)
    return { batch: toBatch(row!), serials: serials.sort(byCodeUnit) }
  })
}

/**
 * The batch `batchId` of lot `lotId` with the lot, for an actor who may see the lot. A batch of another lot
 * answers not_found just like a missing one, and so does any batch of a lot the actor may not see.
 */
export async function requireLabelBatch(
  db: Pick<Database, 'query'>,
  actor: Actor,
  lotId: string,
  batchId: string,
): Promise<{ batch: LabelBatch; lot: Lot }> {
  const lot = await requireLot(db, actor, lotId)
  const missing = `label batch ${batchId} of lot ${lotId} not found`
  if (!UUID.test(batchId)) throw new NotFoundError(missing)
  const [row] = await db.query<BatchRow>(
    `select ${COLUMNS} from label_batches b where b.id = $1 and b.lot_id = $2`,
    [batchId.toLowerCase(), lot.id],
  )
  return { batch: toBatch(found(row, missing)), lot }
}

/** The lot's batches, newest first. */
export async function listLabelBatches(
  db: Pick<Database, 'query'>,
  actor: Actor,
  lotId: string,
): Promise<LabelBatch[]> {
  const lot = await requireLot(db, actor, lotId)
  const rows = await db.query<BatchRow>(
    `select ${COLUMNS} from label_batches b where b.lot_id = $1 order by b.issued_at desc, b.id`,
    [lot.id],
  )
  return rows.map(toBatch)
}

/** The batch's serials in print order (sorted, as issueLabelBatch returned them). */
export async function labelBatchSerials(db: Pick<Database, 'query'>, batchId: string): Promise<string[]> {
  const rows = await db.query<{ serial: string }>(
    `select serial from label_serials where batch_id = $1 order by serial collate "C"`,
    [batchId],
  )
  return rows.map((r) => r.serial)
}

function toBatch(row: BatchRow): LabelBatch {
  return withIsoInstants(row, BATCH_INSTANTS)
}
