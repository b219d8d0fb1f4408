// Consumer feedback from the scan page (the seed plan asks for online citizen satisfaction feedback),
// listed for the cooperative that owns the lot. Comments are stored as typed; pages escape them on output.
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Actor, ownedBy } from './actor.ts'

export const MAX_COMMENT_LENGTH = 1000

export interface FeedbackInput {
  lotId: string
  serial: string
  rating: number
  comment: string | null
  lang: 'vi' | 'en'
}

export interface FeedbackView {
  id: number
  lotId: string
  serial: string
  rating: number
  comment: string | null
  lang: string
  createdAt: string
}

export async function addFeedback(db: Database, input: FeedbackInput): Promise<number> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw new RegistryError('rating must be a whole number from 1 to 5', 'invalid')
  }
  const comment = input.comment?.trim() || null
  if (comment !== null && [...comment].length > MAX_COMMENT_LENGTH) {
    throw new RegistryError(`comment is longer than ${MAX_COMMENT_LENGTH} characters`, 'invalid')
  }
  const [row] = await db.query<{ id: number }>(
    `insert into feedback (lot_id, serial, rating, comment, lang) values ($1, $2, $3, $4, $5) returning id`,
    [input.lotId, input.serial, input.rating, comment, input.lang],
  )
  return row!.id
}

export async function listFeedback(
  db: Database,
  actor: Actor,
  filter: { lotId?: string; limit?: number } = {},
): Promise<FeedbackView[]> {
  const params: unknown[] = []
  let where = `where true${ownedBy(actor, 'l.cooperative_id', params)}`
  if (filter.lotId !== undefined) {
    params.push(filter.lotId)
    where += ` and f.lot_id = $${params.length}`
  }
  params.push(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
  const rows = await db.query<Omit<FeedbackView, 'createdAt'> & { createdAt: Date }>(
    `select f.id, f.lot_id as "lotId", f.serial, f.rating, f.comment, f.lang, f.created_at as "createdAt"
       from feedback f join lots l on l.id = f.lot_id ${where}
      order by f.created_at desc, f.id desc limit $${params.length}`,
    params,
  )
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}
