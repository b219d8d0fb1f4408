import { DEAD_LETTER_REASONS } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, customType, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/**
 * What the broker acknowledged but did not store, with the raw payload (first bytes only) so an operator
 * can see what the gateway sent. Plain table, not a hypertable: a few rows per bad pack, read newest first.
 * No foreign key to gateways: dead letters outlive a deprovisioned gateway.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    gatewayId: text('gateway_id').notNull(),
    topic: text('topic').notNull(),
    reason: text('reason', { enum: DEAD_LETTER_REASONS }).notNull(),
    detail: text('detail').notNull(),
    /** The first rejected record of this reason in the pack; null when the whole pack was refused. */
    recordIndex: integer('record_index'),
    payload: bytea('payload').notNull(),
    /** Size of the payload as received; `payload` holds at most its first 16 KiB. */
    payloadSize: integer('payload_size').notNull(),
    truncated: boolean('truncated').notNull(),
  },
  (t) => [
    index('dead_letters_received_at_idx').on(t.receivedAt.desc()),
    index('dead_letters_gateway_id_received_at_idx').on(t.gatewayId, t.receivedAt.desc()),
    check('dead_letters_payload_size_check', sql`${t.payloadSize} >= 0`),
  ],
)
