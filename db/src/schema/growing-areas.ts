import { sql } from 'drizzle-orm'
import { boolean, check, index, jsonb, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamps } from './_helpers.ts'
import { cooperatives } from './cooperatives.ts'

/** GeoJSON Polygon or MultiPolygon, WGS 84 (RFC 7946). */
export interface GeoJsonPolygon {
  type: 'Polygon' | 'MultiPolygon'
  coordinates: number[][][] | number[][][][]
}

/**
 * A growing area (vùng trồng / vùng nuôi). `code` is opaque and unique: domestic `VN-…` codes (3156/QĐ-BNN-TT)
 * and export PUC codes both exist, and the district segment inside domestic codes is obsolete since July 2025,
 * so nothing parses it. The admin unit is kept separately as the commune code it was registered under.
 */
export const growingAreas = pgTable(
  'growing_areas',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    cooperativeId: text('cooperative_id').references(() => cooperatives.id),
    /** Crop or species, e.g. `coconut`, `pomelo`, `shrimp`. */
    crop: text('crop').notNull(),
    /** Zone profile used for thresholds and the simulator: shrimp_pond, coconut_canal, rice_field, … */
    kind: text('kind').notNull().default('field'),
    areaHa: numeric('area_ha', { precision: 10, scale: 2, mode: 'number' }),
    polygon: jsonb('polygon').$type<GeoJsonPolygon>(),
    communeCode: text('commune_code').notNull(),
    /** Threshold preset id from contracts/src/thresholds.ts (QCVN-based limits) that applies to this area. */
    thresholdPreset: text('threshold_preset'),
    /**
     * Published as open data (the map, `/ogc`, the downloads). The provincial plan makes zone codes public,
     * so an area is public unless its cooperative marks it private; a private area's stations and water
     * record are withheld too. Labels of its lots still show their own evidence to the shopper.
     */
    public: boolean('public').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index('growing_areas_cooperative_id_idx').on(t.cooperativeId),
    // Codes differing only in case name one area on a label or a phone: VN-A and vn-a cannot both exist.
    uniqueIndex('growing_areas_code_lower_key').on(sql`lower(${t.code})`),
    check('growing_areas_area_ha_check', sql`${t.areaHa} is null or ${t.areaHa} > 0`),
    check('growing_areas_commune_code_check', sql`${t.communeCode} ~ '^[0-9]{5}$'`),
  ],
)

export type NewGrowingArea = typeof growingAreas.$inferInsert
