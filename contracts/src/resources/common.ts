// Schema pieces every resource shares. TypeBox values, so the API validates and documents with them, and
// their Static<> types are what the database returns and the browser reads: one definition each.
import { type TSchema, Type } from 'typebox'
import { PLAIN_ID_PATTERN, ZONE_CODE_PATTERN } from '../text.ts'

/** The platform's languages, Vietnamese first (the default): the scan page, printed labels, feedback. */
export const LANGS = ['vi', 'en'] as const
export type Lang = (typeof LANGS)[number]

export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time with offset' })
export const NullableDateTime = Type.Union([DateTime, Type.Null()])
export const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })

/** `T` or null: how the API says "not known" (never an absent property in a response). */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options)

/**
 * Gateway, sensor, product and cooperative ids: ASCII letters, digits, `.`, `_` and `-`, 64 at most, so
 * messages that echo them stay short (contracts/src/text.ts holds the character sets).
 */
export const Id = (description: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_ID_PATTERN, description })

/** Growing area codes are opaque (domestic VN-… and export PUC codes both exist) but plain ASCII. */
export const ZoneCode = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: ZONE_CODE_PATTERN,
  description: 'Growing area code: ASCII letters, digits, ".", "_" and "-"; unique without regard to case',
})

/**
 * Text a person writes (notes, comments, reasons): tab and line breaks allowed, other control characters
 * not (the API's `x-text` keyword applies contracts/src/text.ts). Every other request string is one line.
 */
export const FreeText = (maxLength: number, description?: string) =>
  Type.String({ maxLength, 'x-text': 'free', ...(description ? { description } : {}) })
