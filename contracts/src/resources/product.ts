// An OCOP product, once: the API's schema for the product routes, what the repository returns, and (without
// its owner) what a label scan shows.
import { type Static, Type } from 'typebox'
import { OCOP_GROUPS } from '../trace.ts'
import { Day, Id, Nullable } from './common.ts'

export const Product = Type.Object({
  id: Type.String(),
  cooperativeId: Type.String(),
  gtin: Type.String({ description: 'GTIN-14' }),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  group: Type.Enum(OCOP_GROUPS, { description: 'OCOP group (Decision 148/QĐ-TTg)' }),
  stars: Type.Integer(),
  ocop: Type.Boolean({ description: 'Rated 3★ or more: only these are OCOP products' }),
  certificateNo: Nullable(Type.String()),
  certifiedOn: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
  certificateExpiresOn: Nullable(
    Type.String({ description: 'YYYY-MM-DD; 36 months after certifiedOn unless given' }),
  ),
})
export type Product = Static<typeof Product>

/** What a label scan shows of a product: everything but which cooperative's record it is. */
export type PublicProduct = Omit<Product, 'cooperativeId'>

/** POST /products: register or update a product. */
export const ProductBody = Type.Object({
  id: Id('Product id'),
  cooperativeId: Type.Optional(Id('Required for officers and admins')),
  gtin: Type.String({ pattern: '^[0-9]{8,14}$', description: 'GTIN-8/12/13/14 with a valid check digit' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  group: Type.Enum(OCOP_GROUPS, { description: 'OCOP group (Decision 148/QĐ-TTg)' }),
  stars: Type.Integer({ minimum: 1, maximum: 5, description: 'OCOP stars; 3 and above are OCOP products' }),
  certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  certifiedOn: Type.Optional(Nullable(Day)),
  certificateExpiresOn: Type.Optional(Nullable(Day, { description: 'Default: 36 months on' })),
})
export type ProductBody = Static<typeof ProductBody>
