// People who sign in to the console (ADR 0010): one account per person, its sessions, and the audit log
// of what people changed. Machines keep using bearer tokens and never appear here.
import { LANGS, TOKEN_ROLES } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'
import { cooperatives } from './cooperatives.ts'

/**
 * An account. Emails are stored lower-cased, so one address is one account. A cooperative account is
 * bound to its cooperative, as a cooperative token is; admins and officers belong to none. Failed
 * sign-ins are counted per account, so guessing one password from many addresses is slowed too.
 */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: TOKEN_ROLES }).notNull(),
    cooperativeId: text('cooperative_id').references(() => cooperatives.id),
    /** `scrypt$N$r$p$salt$hash` at human-password cost (db/src/passwords.ts). */
    passwordHash: text('password_hash').notNull(),
    lang: text('lang', { enum: LANGS }).notNull().default('vi'),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastLoginAt: timestamptz('last_login_at'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
    check('users_cooperative_check', sql`(${t.role} = 'cooperative') = (${t.cooperativeId} is not null)`),
  ],
)

/**
 * A signed-in browser. Only the SHA-256 of the cookie's token is kept, so a read of this table signs no
 * one in. `expires_at` slides forward with use, never past `max_until`.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    maxUntil: timestamptz('max_until').notNull(),
    address: text('address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
)

/** What a person changed, when and from where; written by the API for every state-changing request. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The account's email at the time, or `cli` for the command line: kept if the account goes. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    detail: jsonb('detail'),
    address: text('address'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_user_id_idx').on(t.userId)],
)
