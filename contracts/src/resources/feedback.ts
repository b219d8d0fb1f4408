// Consumer feedback, once: what a shopper posts from the scan page, and what the cooperative that owns the
// lot reads back (GET /feedback). Comments are stored as typed; whatever shows them escapes them.
import { type Static, Type } from 'typebox'
import { DateTime, LANGS, type Lang, Nullable } from './common.ts'

export const MAX_COMMENT_LENGTH = 1000

export const Feedback = Type.Object({
  id: Type.Integer(),
  lotId: Type.String(),
  serial: Type.String(),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Nullable(Type.String(), { description: 'As typed: escape before showing' }),
  lang: Type.String(),
  createdAt: DateTime,
})
export type Feedback = Static<typeof Feedback>

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
