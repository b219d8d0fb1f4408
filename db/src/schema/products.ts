import { OCOP_GROUPS } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, smallint, text } from 'drizzle-orm/pg-core'
import { timestamps } from './_helpers.ts'
import { cooperatives } from './cooperatives.ts'

/**
 * A product a cooperative sells under a GTIN, with its OCOP rating (Decision 148/QĐ-TTg: six groups,
 * 1–5 stars, only 3★ and above are OCOP; certificates run 36 months). `gtin` is stored as GTIN-14.
 */
export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    cooperativeId: text('cooperative_id')
      .notNull()
      .references(() => cooperatives.id),
    gtin: text('gtin').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    ocopGroup: text('ocop_group', { enum: OCOP_GROUPS }).notNull(),
    stars: smallint('stars').notNull(),
    certificateNo: text('certificate_no'),
    certifiedOn: date('certified_on'),
    certificateExpiresOn: date('certificate_expires_on'),
    ...timestamps,
  },
  (t) => [
    index('products_cooperative_id_idx').on(t.cooperativeId),
    check('products_gtin_check', sql`${t.gtin} ~ '^[0-9]{14}$'`),
    check('products_stars_check', sql`${t.stars} between 1 and 5`),
  ],
)
