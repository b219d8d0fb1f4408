import { DELIVERY_STATES, SEVERITIES } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamps, timestamptz } from './_helpers.ts'
import { alertEvents } from './alerts.ts'

/**
 * Where alert events are POSTed, HMAC-signed with `secret`. Email, SMS or Zalo gateways are webhook
 * targets too. A cooperative's webhook hears only its own areas; an officer's (cooperative_id null) all.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    description: text('description'),
    cooperativeId: text('cooperative_id'),
    minSeverity: text('min_severity', { enum: SEVERITIES }).notNull().default('warning'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by'),
    ...timestamps,
  },
  (t) => [check('webhooks_url_check', sql`${t.url} ~ '^https?://'`)],
)

/**
 * One delivery of one alert event to one webhook: retried with backoff until delivered or, after the last
 * attempt, kept as `dead` (the webhook dead-letter list) for an operator to inspect and replay.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: bigint('webhook_id', { mode: 'number' })
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => alertEvents.id),
    payload: jsonb('payload').notNull(),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    deliveredAt: timestamptz('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index('webhook_deliveries_webhook_id_idx').on(t.webhookId, t.createdAt),
  ],
)
