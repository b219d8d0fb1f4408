// Consumer feedback, once: what a shopper posts from the scan page, and what the cooperative that owns the
// lot reads back (GET /feedback). Comments are stored as typed; whatever shows them escapes them.
import { type Static, Type } from 'typebox'
import { DateTime, FreeText, LANGS, type Lang, Nullable } from './common.ts'

export const MAX_COMMENT_LENGTH = 1000

export const Feedback = Type.Object({
  id: Type.Integer(),
  lotId: Type.String(),
  serial: Type.String(),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Nullable(Type.String(), { description: 'As typed: escape before showing' }),
  lang: Type.String(),
  createdAt: DateTime,
  reply: Nullable(Type.String(), {
    description: "The cooperative's answer, as typed: escape before showing",
  }),
  repliedAt: Nullable(DateTime),
  hidden: Type.Boolean({ description: 'Hidden by the cooperative from public view' }),
})
export type Feedback = Static<typeof Feedback>

export const MAX_REPLY_LENGTH = 1000

/**
 * PATCH /feedback/:id, by the cooperative that owns the lot: answer (null or "" withdraws the answer) and
 * hide or show the comment. Null comes first in the union, as in LotPatch (Ajv coerces null to "" otherwise).
 */
export const FeedbackPatch = Type.Object({
  reply: Type.Optional(Type.Union([Type.Null(), FreeText(MAX_REPLY_LENGTH, "The cooperative's answer")])),
  hidden: Type.Optional(Type.Boolean()),
})
export type FeedbackPatch = Static<typeof FeedbackPatch>
export const FeedbackParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** GET /feedback: one lot's, or all the actor may see; newest first. */
export const FeedbackQuery = Type.Object({
  lotId: Type.Optional(Type.String({ maxLength: 20 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
})
export type FeedbackQuery = Static<typeof FeedbackQuery>

/**
 * POST {label link}/feedback, from the page's plain form (every value a string) or as JSON. The route
 * checks the rating itself, so a form's "4" and JSON's 4 get the same answer.
 */
export const FeedbackBody = Type.Object({
  rating: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 8 })], { description: '1–5' })),
  comment: Type.Optional(
    Type.String({ 'x-text': 'free', description: `At most ${MAX_COMMENT_LENGTH} characters` }),
  ),
  // A feedback is in the scan page's language.
  lang: Type.Optional(Type.Unsafe<Lang>({ type: 'string', enum: [...LANGS] })),
})
export type FeedbackBody = Static<typeof FeedbackBody>
