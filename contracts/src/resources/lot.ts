// A harvest lot, once: the API validates and documents with these schemas, the database repository returns
// `Lot`, and browser code imports the same types (the fastify/demo layout: schema plus its Static<>).
import { type Static, Type } from 'typebox'
import { LOT_DISPOSITIONS } from '../trace.ts'
import { DateTime, FreeText, Id, Nullable, NullableDateTime, ZoneCode } from './common.ts'

/** GS1 AI 10 value: at most 20 characters of the GS1 AI encodable set 82. */
export const LotId = Type.String({
  minLength: 1,
  maxLength: 20,
  pattern: `^[A-Za-z0-9!"%&'()*+,\\-./:;<=>?_]+$`,
  description: 'Lot number (GS1 AI 10: characters of the GS1 set 82), also the lot id',
})
export const LotParams = Type.Object({ lotId: LotId })

/** The cooperative's own remark on a lot; not shown to shoppers (see publicLot). */
export const LOT_NOTE_MAX = 500
export const LotNote = FreeText(LOT_NOTE_MAX, "The cooperative's free-text note on the lot")

export const Lot = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  cooperativeId: Type.String(),
  areaCodes: Type.Array(Type.String()),
  grownFrom: NullableDateTime,
  harvestedFrom: DateTime,
  harvestedTo: DateTime,
  quantity: Type.Number(),
  unit: Type.String({ description: 'UN/ECE Rec 20 code, e.g. KGM, TNE, H87 (piece)' }),
  disposition: Type.Enum(LOT_DISPOSITIONS),
  recalledAt: NullableDateTime,
  recallReason: Nullable(Type.String()),
  note: Nullable(Type.String(), { description: "The cooperative's free-text note on the lot" }),
  parents: Type.Array(Type.String(), { description: 'Lots it was split or merged from' }),
  children: Type.Array(Type.String(), { description: 'Lots made from it' }),
  createdAt: DateTime,
})
export type Lot = Static<typeof Lot>

/** What a label scan shows of a lot: everything but the cooperative's own note. */
export type PublicLot = Omit<Lot, 'note'>
export function publicLot({ note: _note, ...lot }: Lot): PublicLot {
  return lot
}

/** POST /lots: register a harvest. */
export const LotBody = Type.Object({
  id: LotId,
  productId: Id('Product id'),
  areaCodes: Type.Array(ZoneCode, { minItems: 1, maxItems: 50 }),
  grownFrom: Type.Optional(Nullable(DateTime, { description: 'Start of the growing window' })),
  harvestedFrom: DateTime,
  harvestedTo: DateTime,
  quantity: Type.Number({ exclusiveMinimum: 0 }),
  unit: Type.String({ pattern: '^[A-Z0-9]{2,3}$', description: 'UN/ECE Rec 20: KGM, TNE, H87…' }),
  place: Type.Optional(Type.String({ maxLength: 200 })),
  note: Type.Optional(LotNote),
})
export type LotBody = Static<typeof LotBody>

/**
 * PATCH /lots/:lotId: what may change after registration. Null (or "") clears the note. Null comes first
 * in the union: the API's Ajv coerces types, and with the string first it turns null into "".
 */
export const LotPatch = Type.Object({ note: Type.Union([Type.Null(), LotNote]) })
export type LotPatch = Static<typeof LotPatch>

/** When and where a split or merge happened; now and nowhere in particular unless given. */
const LineageWhen = {
  time: Type.Optional(DateTime),
  place: Type.Optional(Type.String({ maxLength: 200 })),
}

/** POST /lots/:lotId/split: the new lots and how much of the parent each takes. */
export const LotSplitBody = Type.Object({
  parts: Type.Array(Type.Object({ id: LotId, quantity: Type.Number({ exclusiveMinimum: 0 }) }), {
    minItems: 2,
    maxItems: 100,
  }),
  ...LineageWhen,
})
export type LotSplitBody = Static<typeof LotSplitBody>

/** POST /lots/merge: the new lot and the lots of one product it is made from. */
export const LotMergeBody = Type.Object({
  id: LotId,
  inputs: Type.Array(LotId, { minItems: 2, maxItems: 100 }),
  quantity: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  ...LineageWhen,
})
export type LotMergeBody = Static<typeof LotMergeBody>

/** POST /lots/:lotId/recall: why; the recall reaches every lot derived from it. */
export const LotRecallBody = Type.Object({ reason: { ...FreeText(500), minLength: 1 } })
export type LotRecallBody = Static<typeof LotRecallBody>
