// Schema pieces of the product routes. Lots, their events and growing areas are defined once in
// contracts/src/resources/, where the repositories and browser code import them too.
import { Type } from '@fastify/type-provider-typebox'
import { OCOP_GROUPS } from '@zonetrace/contracts'
import { CooperativeId, Id } from './common.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })

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
