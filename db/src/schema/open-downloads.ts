import { customType, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'

const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' })

/**
 * The open-data download files (CSV and GeoJSON of each collection, for the province and per commune),
 * written by the open-data job and served from here with their ETag, so every API instance serves the
 * same file whichever instance's job made it. Bodies are stored gzip-compressed, as most clients take them.
 */
export const openDownloads = pgTable('open_downloads', {
  /** The file's name in its URL, e.g. `growing-areas.csv` or `29335/daily-water.geojson`. */
  name: text('name').primaryKey(),
  mediaType: text('media_type').notNull(),
  gzip: bytea('gzip').notNull(),
  /** A strong validator: a hash of the uncompressed body. */
  etag: text('etag').notNull(),
  rows: integer('rows').notNull(),
  bytes: integer('bytes').notNull(),
  generatedAt: timestamptz('generated_at').notNull().defaultNow(),
})
