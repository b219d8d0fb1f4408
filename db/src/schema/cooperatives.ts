import { pgTable, text } from 'drizzle-orm/pg-core'
import { timestamps } from './_helpers.ts'

/** A cooperative (HTX) or company that registers growing areas and products. */
export const cooperatives = pgTable('cooperatives', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 5-digit commune code where it is registered. */
  communeCode: text('commune_code'),
  ...timestamps,
})

export type NewCooperative = typeof cooperatives.$inferInsert
