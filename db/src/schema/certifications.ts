import { CERTIFICATION_SCHEMES } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import { bigserial, check, date, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamps } from './_helpers.ts'
import { growingAreas } from './growing-areas.ts'

/** VietGAP, GlobalGAP or organic certification of a growing area, valid through `valid_to`. */
export const areaCertifications = pgTable(
  'area_certifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    areaCode: text('area_code')
      .notNull()
      .references(() => growingAreas.code, { onDelete: 'cascade' }),
    scheme: text('scheme', { enum: CERTIFICATION_SCHEMES }).notNull(),
    certificateNo: text('certificate_no').notNull(),
    issuer: text('issuer'),
    validFrom: date('valid_from'),
    validTo: date('valid_to').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('area_certifications_area_scheme_no_idx').on(t.areaCode, t.scheme, t.certificateNo),
    index('area_certifications_area_code_idx').on(t.areaCode),
    check('area_certifications_dates_check', sql`${t.validFrom} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
)
