// Schema pieces of the traceability routes: products, lots, events and label batches.
import { Type } from '@fastify/type-provider-typebox'
import {
  CERTIFICATION_SCHEMES,
  LOT_BIZ_STEPS,
  LOT_DISPOSITIONS,
  OCOP_GROUPS,
  PRESET_IDS,
} from '@zonetrace/contracts'
import { CooperativeId, DateTime, FreeText, Id, NullableDateTime, ZoneCode } from './common.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })

/** GS1 AI 10 value: at most 20 characters of the GS1 AI encodable set 82. */
export const LotId = Type.String({
  minLength: 1,
  maxLength: 20,
  pattern: `^[A-Za-z0-9!"%&'()*+,\\-./:;<=>?_]+$`,
  description: 'Lot number (GS1 AI 10: characters of the GS1 set 82), also the lot id',
})
export const LotParams = Type.Object({ lotId: LotId })

export const Certification = Type.Object({
  scheme: Type.Enum(CERTIFICATION_SCHEMES),
  certificateNo: Type.String({ minLength: 1, maxLength: 64 }),
  issuer: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  validFrom: Type.Union([Day, Type.Null()]),
  validTo: Day,
})

export const AreaBody = Type.Object({
  code: {
    ...ZoneCode,
    description: 'Opaque and unique without regard to case: VN-… domestic or PUC export code',
  },
  name: Type.String({ minLength: 1, maxLength: 200 }),
  cooperativeId: Type.Optional(CooperativeId('Required for officers and admins')),
  crop: Type.String({ minLength: 1, maxLength: 64 }),
  kind: Type.Optional(
    Type.String({ maxLength: 64, description: 'Zone profile: shrimp_pond, coconut_canal, …' }),
  ),
  areaHa: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }), Type.Null()])),
  polygon: Type.Optional(
    Type.Union([
      Type.Object({
        type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
        coordinates: Type.Array(Type.Unknown(), { maxItems: 1000 }),
      }),
      Type.Null(),
    ]),
  ),
  communeCode: Type.String({
    pattern: '^[0-9]{5}$',
    description: 'Commune code (before or after July 2025)',
  }),
  preset: Type.Optional(
    Type.Union([Type.Enum(PRESET_IDS), Type.Null()], { description: 'Threshold preset' }),
  ),
  certifications: Type.Optional(Type.Array(Certification, { maxItems: 20 })),
})

export const ProductBody = Type.Object({
  id: Id('Product id'),
  cooperativeId: Type.Optional(CooperativeId('Required for officers and admins')),
  gtin: Type.String({ pattern: '^[0-9]{8,14}$', description: 'GTIN-8/12/13/14 with a valid check digit' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  group: Type.Enum(OCOP_GROUPS, { description: 'OCOP group (Decision 148/QĐ-TTg)' }),
  stars: Type.Integer({ minimum: 1, maximum: 5, description: 'OCOP stars; 3 and above are OCOP products' }),
  certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  certifiedOn: Type.Optional(Type.Union([Day, Type.Null()])),
  certificateExpiresOn: Type.Optional(
    Type.Union([Day, Type.Null()], { description: 'Default: 36 months on' }),
  ),
})

export const Product = Type.Object({
  id: Type.String(),
  cooperativeId: Type.String(),
  gtin: Type.String({ description: 'GTIN-14' }),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  group: Type.String(),
  stars: Type.Integer(),
  ocop: Type.Boolean({ description: 'Rated 3★ or more' }),
  certificateNo: Type.Union([Type.String(), Type.Null()]),
  certifiedOn: Type.Union([Type.String(), Type.Null()]),
  certificateExpiresOn: Type.Union([Type.String(), Type.Null()]),
})

export const Lot = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  cooperativeId: Type.String(),
  areaCodes: Type.Array(Type.String()),
  grownFrom: NullableDateTime,
  harvestedFrom: DateTime,
  harvestedTo: DateTime,
  quantity: Type.Number(),
  unit: Type.String({ description: 'UN/ECE Rec 20 code' }),
  disposition: Type.Enum(LOT_DISPOSITIONS),
  recalledAt: NullableDateTime,
  recallReason: Type.Union([Type.String(), Type.Null()]),
  parents: Type.Array(Type.String(), { description: 'Lots it was split or merged from' }),
  children: Type.Array(Type.String(), { description: 'Lots made from it' }),
  createdAt: DateTime,
})

export const LotBody = Type.Object({
  id: LotId,
  productId: Id('Product id'),
  areaCodes: Type.Array(ZoneCode, { minItems: 1, maxItems: 50 }),
  grownFrom: Type.Optional(
    Type.Union([DateTime, Type.Null()], { description: 'Start of the growing window' }),
  ),
  harvestedFrom: DateTime,
  harvestedTo: DateTime,
  quantity: Type.Number({ exclusiveMinimum: 0 }),
  unit: Type.String({ pattern: '^[A-Z0-9]{2,3}$', description: 'UN/ECE Rec 20: KGM, TNE, H87…' }),
  place: Type.Optional(Type.String({ maxLength: 200 })),
})

export const LotEvent = Type.Object({
  id: Type.String(),
  type: Type.String(),
  bizStep: Type.String(),
  time: DateTime,
  timeZoneOffset: Type.String(),
  place: Type.Union([Type.String(), Type.Null()]),
  disposition: Type.Union([Type.String(), Type.Null()]),
  inputLots: Type.Array(Type.String()),
  outputLots: Type.Array(Type.String()),
  note: Type.Union([Type.String(), Type.Null()]),
})

export const LotEventBody = Type.Object({
  bizStep: Type.Enum(LOT_BIZ_STEPS, { description: 'CBV 2.0 business step' }),
  time: DateTime,
  timeZoneOffset: Type.Optional(Type.String({ pattern: '^[+-]\\d\\d:\\d\\d$' })),
  place: Type.Optional(Type.String({ maxLength: 200 })),
  disposition: Type.Optional(Type.Enum(LOT_DISPOSITIONS.filter((d) => d !== 'recalled'))),
  note: Type.Optional(FreeText(1000)),
})
