import { CLONE_FLAGS } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import { bigserial, check, index, integer, pgTable, real, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'
import { lots } from './lots.ts'

/**
 * One issue of labels: what POST /api/v1/lots/{lotId}/labels or `zonetrace labels` made in one go. Its serials
 * point back here, so the batch can be printed again (PDF, SVG, ZIP, CSV) from the API at any time: the
 * links are signed anew with `kid`, and Ed25519 signatures are deterministic, so they come out identical.
 */
export const labelBatches = pgTable(
  'label_batches',
  {
    id: uuid('id').primaryKey(),
    lotId: text('lot_id')
      .notNull()
      .references(() => lots.id),
    /** The label key that signed every serial of the batch. */
    kid: text('kid').notNull(),
    count: integer('count').notNull(),
    issuedAt: timestamptz('issued_at').notNull().defaultNow(),
    issuedBy: text('issued_by'),
    /** The print layout asked for at issue (api/src/labels/layout.ts); downloads default to it. */
    layout: text('layout'),
  },
  (t) => [
    index('label_batches_lot_id_issued_at_idx').on(t.lotId, t.issuedAt),
    check('label_batches_count_check', sql`${t.count} > 0`),
  ],
)

/** Serials issued for a lot's labels (GS1 AI 21, random). A code whose serial is not here is unknown. */
export const labelSerials = pgTable(
  'label_serials',
  {
    serial: text('serial').primaryKey(),
    lotId: text('lot_id')
      .notNull()
      .references(() => lots.id),
    /** The batch it was issued in; null for serials issued before batches were recorded (migration 0008). */
    batchId: uuid('batch_id').references(() => labelBatches.id),
    /** The label key that signed it. */
    kid: text('kid').notNull(),
    issuedAt: timestamptz('issued_at').notNull().defaultNow(),
    issuedBy: text('issued_by'),
    /** Scan tally kept on the serial so a scan costs one statement however often a copy is scanned. */
    scanCount: integer('scan_count').notNull().default(0),
    firstScannedAt: timestamptz('first_scanned_at'),
    /** The last scan that came with a location, for the travel-speed check. */
    lastLat: real('last_lat'),
    lastLon: real('last_lon'),
    lastLocatedAt: timestamptz('last_located_at'),
    /** Why the serial looks cloned (too_many_scans, impossible_travel); set once, at the first sign. */
    cloneFlag: text('clone_flag', { enum: CLONE_FLAGS }),
    cloneFlaggedAt: timestamptz('clone_flagged_at'),
  },
  (t) => [index('label_serials_lot_id_idx').on(t.lotId), index('label_serials_batch_id_idx').on(t.batchId)],
)

/**
 * One row per resolver hit on a known serial. No raw personal data: the region is a coarse cell
 * (0.1° ≈ 11 km, from a trusted proxy's geolocation headers when there is one) and the user agent is kept
 * only as a 64-bit SHA-256 prefix, enough to tell one phone's repeats from many phones.
 */
export const labelScans = pgTable(
  'label_scans',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    serial: text('serial').notNull(),
    lotId: text('lot_id').notNull(),
    scannedAt: timestamptz('scanned_at').notNull().defaultNow(),
    lat: real('lat'),
    lon: real('lon'),
    region: text('region'),
    uaHash: text('ua_hash'),
    verdict: text('verdict').notNull(),
  },
  (t) => [
    index('label_scans_serial_scanned_at_idx').on(t.serial, t.scannedAt),
    index('label_scans_lot_id_idx').on(t.lotId),
  ],
)

/** Consumer feedback from the scan page: 1–5 stars and an optional comment, stored as typed. */
export const feedback = pgTable(
  'feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lotId: text('lot_id')
      .notNull()
      .references(() => lots.id),
    serial: text('serial').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    lang: text('lang').notNull().default('vi'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** The cooperative's answer, shown under the comment on the scan page; null when it has not answered. */
    reply: text('reply'),
    repliedAt: timestamptz('replied_at'),
    /** Set when the cooperative hides the comment from the scan page (abuse, spam); kept for its own view. */
    hiddenAt: timestamptz('hidden_at'),
  },
  (t) => [
    index('feedback_lot_id_created_at_idx').on(t.lotId, t.createdAt),
    check('feedback_rating_check', sql`${t.rating} between 1 and 5`),
    check('feedback_comment_length_check', sql`char_length(${t.comment}) <= 1000`),
    check('feedback_reply_length_check', sql`char_length(${t.reply}) <= 1000`),
  ],
)
