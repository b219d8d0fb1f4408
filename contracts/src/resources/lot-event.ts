// EPCIS events of a lot, once: the API's schema, the repository's return type and the consumer timeline.
import { type Static, Type } from 'typebox'
import { LOT_BIZ_STEPS, LOT_DISPOSITIONS } from '../trace.ts'
import { DateTime, FreeText, Nullable } from './common.ts'

/** An ObjectEvent belongs to one lot; a TransformationEvent is a split or merge (EPCIS 2.0). */
export const LOT_EVENT_TYPES = ['ObjectEvent', 'TransformationEvent'] as const

export const LotEvent = Type.Object({
  id: Type.String(),
  type: Type.Enum(LOT_EVENT_TYPES),
  /** `transforming` is a split or merge; the others are the CBV 2.0 steps a lot goes through. */
  bizStep: Type.Enum([...LOT_BIZ_STEPS, 'transforming']),
  time: DateTime,
  timeZoneOffset: Type.String({ description: 'e.g. "+07:00"' }),
  place: Nullable(
    Type.String({ description: 'A growing-area code, an SGLN, or free text such as a warehouse name' }),
  ),
  disposition: Nullable(Type.Enum(LOT_DISPOSITIONS)),
  inputLots: Type.Array(Type.String(), { description: 'For transformations: the lots consumed' }),
  outputLots: Type.Array(Type.String(), { description: 'For transformations: the lots produced' }),
  note: Nullable(Type.String()),
})
export type LotEvent = Static<typeof LotEvent>

/** A client-made event id (RFC 4122 UUID, any version): sending the same one again records the event once. */
export const LotEventId = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description:
    'A UUID the client made (e.g. a phone queueing offline). A repeat with the same id and content answers ' +
    '200 with the stored event instead of recording it again; the same id with other content or for another ' +
    'lot answers 409 (code event_id_reused).',
})

/**
 * Why an event was refused with 409, as the error body's `code`: the lot was recalled (only inspecting is
 * still recorded), the lot was split or merged into other lots (record on those), or the event id was
 * already used for a different event.
 */
export const LOT_EVENT_REFUSALS = ['lot_recalled', 'lot_consumed', 'event_id_reused'] as const
export type LotEventRefusal = (typeof LOT_EVENT_REFUSALS)[number]

export const LotEventBody = Type.Object({
  id: Type.Optional(LotEventId),
  bizStep: Type.Enum(LOT_BIZ_STEPS, { description: 'CBV 2.0 business step' }),
  time: DateTime,
  timeZoneOffset: Type.Optional(Type.String({ pattern: '^[+-]\\d\\d:\\d\\d$' })),
  place: Type.Optional(Type.String({ maxLength: 200 })),
  disposition: Type.Optional(Type.Enum(LOT_DISPOSITIONS.filter((d) => d !== 'recalled'))),
  note: Type.Optional(FreeText(1000)),
})
export type LotEventBody = Static<typeof LotEventBody>
