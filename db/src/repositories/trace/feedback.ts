// Consumer feedback from the scan page (the seed plan asks for online citizen satisfaction feedback),
// listed for the cooperative that owns the lot. Comments are stored as typed; pages escape them on output.
import { type Feedback, type FeedbackQuery, type Lang, MAX_COMMENT_LENGTH } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { type Actor, ownedBy } from './actor.ts'

export interface FeedbackInput {
  lotId: string
  serial: string
  rating: number
  comment: string | null
  lang: Lang
}

/** Every field of a feedback, from `feedback f` (ADR 0009: one column list per resource). */
const feedbackColumns: Columns<Feedback> = {
  id: 'f.id',
  lotId: 'f.lot_id',
  serial: 'f.serial',
  rating: 'f.rating',
  comment: 'f.comment',
  lang: 'f.lang',
  createdAt: 'f.created_at',
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

/** The feedback the actor may see, one lot's when asked, newest first (at most `limit`, 100 unless given). */
export async function listFeedback(
  db: Database,
  actor: Actor,
  { lotId, limit = 100 }: FeedbackQuery = {},
): Promise<Feedback[]> {
  const params: unknown[] = [lotId ?? null, Math.min(Math.max(limit, 1), 1000)]
  const rows = await db.query<WithInstants<Feedback, 'createdAt'>>(
    `select ${selectList(feedbackColumns)}
       from feedback f join lots l on l.id = f.lot_id
      where ($1::text is null or f.lot_id = $1)${ownedBy(actor, 'l.cooperative_id', params)}
      order by f.created_at desc, f.id desc limit $2`,
    params,
  )
  return rows.map((r) => withIsoInstants(r, ['createdAt']))
}
