// Consumer feedback from the scan page (the seed plan asks for online citizen satisfaction feedback),
// listed for the cooperative that owns the lot. Comments are stored as typed; pages escape them on output.
import {
  type Feedback,
  type FeedbackPatch,
  type FeedbackQuery,
  type Lang,
  MAX_COMMENT_LENGTH,
  MAX_REPLY_LENGTH,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'
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
  reply: 'f.reply',
  repliedAt: 'f.replied_at',
  hidden: 'f.hidden_at is not null',
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
  const rows = await db.query<FeedbackRow>(
    `select ${selectList(feedbackColumns)}
       from feedback f join lots l on l.id = f.lot_id
      where ($1::text is null or f.lot_id = $1)${ownedBy(actor, 'l.cooperative_id', params)}
      order by f.created_at desc, f.id desc limit $2`,
    params,
  )
  return rows.map(toFeedback)
}

type FeedbackRow = WithInstants<Feedback, 'createdAt' | 'repliedAt'>
const toFeedback = (r: FeedbackRow): Feedback => withIsoInstants(r, ['createdAt', 'repliedAt'])

/**
 * The owning cooperative answers a feedback (null or blank withdraws the answer) and hides or shows it.
 * Another cooperative's feedback answers like a missing one (ADR 0007).
 */
export async function updateFeedback(
  db: Database,
  actor: Actor,
  id: number,
  patch: FeedbackPatch,
): Promise<Feedback> {
  const reply = patch.reply === undefined ? undefined : patch.reply?.trim() || null
  if (reply != null && [...reply].length > MAX_REPLY_LENGTH) {
    throw new RegistryError(`reply is longer than ${MAX_REPLY_LENGTH} characters`, 'invalid')
  }
  const params: unknown[] = [id, reply !== undefined, reply ?? null, patch.hidden ?? null]
  const rows = await db.query<{ id: number }>(
    `update feedback f
        set reply = case when $2 then $3 else f.reply end,
            replied_at = case when not $2 then f.replied_at when $3::text is null then null else now() end,
            hidden_at = case when $4::boolean is null then f.hidden_at
                             when $4 then coalesce(f.hidden_at, now()) else null end
       from lots l
      where l.id = f.lot_id and f.id = $1${ownedBy(actor, 'l.cooperative_id', params)}
      returning f.id`,
    params,
  )
  found(rows[0], `feedback ${id} not found`)
  const [row] = await db.query<FeedbackRow>(
    `select ${selectList(feedbackColumns)} from feedback f where f.id = $1`,
    [id],
  )
  return toFeedback(row!)
}
