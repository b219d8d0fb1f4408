import { LOT_DISPOSITIONS, LOT_EVENT_TYPES, LOT_NOTE_MAX } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import { check, doublePrecision, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { timestamps, timestamptz } from './_helpers.ts'
import { cooperatives } from './cooperatives.ts'
import { growingAreas } from './growing-areas.ts'
import { products } from './products.ts'

/**
 * A harvest lot. `id` is the GS1 AI 10 value printed on labels (≤ 20 characters of set 82), unique across
 * the platform rather than per GTIN, so a lot id alone names it in routes. The owning cooperative is
 * copied from the product so ownership checks never need a join.
 */
export const lots = pgTable(
  'lots',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    cooperativeId: text('cooperative_id')
      .notNull()
      .references(() => cooperatives.id),
    grownFrom: timestamptz('grown_from'),
    harvestedFrom: timestamptz('harvested_from').notNull(),
    harvestedTo: timestamptz('harvested_to').notNull(),
    quantity: doublePrecision('quantity').notNull(),
    /** UN/ECE Recommendation 20 unit code: KGM, TNE, H87 (piece)… */
    unit: text('unit').notNull(),
    disposition: text('disposition', { enum: LOT_DISPOSITIONS }).notNull().default('active'),
    recalledAt: timestamptz('recalled_at'),
    recallReason: text('recall_reason'),
    /** The cooperative's free-text note (LOT_NOTE_MAX characters); not shown on the consumer page. */
    note: text('note'),
    ...timestamps,
  },
  (t) => [
    index('lots_cooperative_id_idx').on(t.cooperativeId),
    index('lots_product_id_idx').on(t.productId),
    check('lots_quantity_check', sql`${t.quantity} > 0`),
    check('lots_harvest_window_check', sql`${t.harvestedFrom} <= ${t.harvestedTo}`),
    check('lots_grown_from_check', sql`${t.grownFrom} is null or ${t.grownFrom} <= ${t.harvestedFrom}`),
    check('lots_note_length_check', sql`char_length(${t.note}) <= ${sql.raw(String(LOT_NOTE_MAX))}`),
  ],
)

/** The growing areas a lot came from (several when produce of neighbouring areas is pooled). */
export const lotSources = pgTable(
  'lot_sources',
  {
    lotId: text('lot_id')
      .notNull()
      .references(() => lots.id, { onDelete: 'cascade' }),
    areaCode: text('area_code')
      .notNull()
      .references(() => growingAreas.code),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.areaCode] }), index('lot_sources_area_code_idx').on(t.areaCode)],
)

/**
 * EPCIS 2.0 events of lots. An ObjectEvent belongs to one lot; a TransformationEvent (split or merge) has
 * no lot of its own and reaches its inputs and outputs through lot_lineage.
 */
export const lotEvents = pgTable(
  'lot_events',
  {
    id: uuid('id').primaryKey(),
    lotId: text('lot_id').references(() => lots.id, { onDelete: 'cascade' }),
    eventType: text('event_type', { enum: LOT_EVENT_TYPES }).notNull(),
    bizStep: text('biz_step').notNull(),
    eventTime: timestamptz('event_time').notNull(),
    timeZoneOffset: text('time_zone_offset').notNull().default('+07:00'),
    place: text('place'),
    disposition: text('disposition', { enum: LOT_DISPOSITIONS }),
    note: text('note'),
    recordedBy: text('recorded_by'),
    ...timestamps,
  },
  (t) => [index('lot_events_lot_id_time_idx').on(t.lotId, t.eventTime)],
)

/** Split and merge lineage, both ways: parent → child through the transformation event that made it. */
export const lotLineage = pgTable(
  'lot_lineage',
  {
    parentLotId: text('parent_lot_id')
      .notNull()
      .references(() => lots.id),
    childLotId: text('child_lot_id')
      .notNull()
      .references(() => lots.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => lotEvents.id),
  },
  (t) => [
    primaryKey({ columns: [t.parentLotId, t.childLotId] }),
    index('lot_lineage_child_lot_id_idx').on(t.childLotId),
    check('lot_lineage_not_self_check', sql`${t.parentLotId} <> ${t.childLotId}`),
  ],
)

export type Lot = typeof lots.$inferSelect
export type NewLot = typeof lots.$inferInsert
export type LotEvent = typeof lotEvents.$inferSelect
