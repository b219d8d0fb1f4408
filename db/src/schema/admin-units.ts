import { date, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * Commune-level administrative units with validity dates. A code can be reused by the unit that absorbed
 * its namesake in the July 2025 reform (e.g. Tam Ngãi 29335), so a unit is identified by code AND
 * valid_from; valid_to is null for units in force today.
 */
export const adminUnits = pgTable(
  'admin_units',
  {
    code: text('code').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    name: text('name').notNull(),
    /** Null where the source does not say (former units). */
    provinceCode: text('province_code'),
  },
  (t) => [primaryKey({ columns: [t.code, t.validFrom] }), index('admin_units_code_idx').on(t.code)],
)

/** Which former unit went into which current one. `partial` means the old unit was split. */
export const adminUnitSuccessions = pgTable(
  'admin_unit_successions',
  {
    oldCode: text('old_code').notNull(),
    newCode: text('new_code').notNull(),
    mergeType: text('merge_type', { enum: ['full', 'partial'] }).notNull(),
    effectiveOn: date('effective_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.oldCode, t.newCode] }),
    index('admin_unit_successions_new_code_idx').on(t.newCode),
  ],
)
