// Browser sessions (ADR 0010). The cookie carries a random 256-bit token; only its SHA-256 is stored, so
// the table cannot be replayed. A session ends after `idleSeconds` without use, and in any case
// `maxSeconds` after sign-in.
import { createHash, randomBytes } from 'node:crypto'
import type { User } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { getUser } from './users.ts'

export interface SessionPolicy {
  idleSeconds: number
  maxSeconds: number
}

export interface OpenedSession {
  token: string
  expiresAt: Date
}

export interface LiveSession {
  user: User
  /** Stable for the session's life: what CSRF tokens are bound to. */
  id: string
  expiresAt: Date
}

/** Sliding the expiry on every request would write on every page view; once a minute is enough. */
const TOUCH_AFTER_MS = 60_000

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')

export async function openSession(
  db: Database,
  userId: string,
  policy: SessionPolicy,
  client: { address?: string; userAgent?: string } = {},
  now = new Date(),
): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + Math.min(policy.idleSeconds, policy.maxSeconds) * 1000)
  const maxUntil = new Date(now.getTime() + policy.maxSeconds * 1000)
  await db.query(
    `insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, max_until, address, user_agent)
     values ($1, $2, $3, $3, $4, $5, $6, $7)`,
    [
      hashOf(token),
      userId,
      now.toISOString(),
      expiresAt.toISOString(),
      maxUntil.toISOString(),
      client.address ?? null,
      client.userAgent?.slice(0, 300) ?? null,
    ],
  )
  return { token, expiresAt }
}

/** The session's person, or null when the token is unknown, expired or its account disabled. */
export async function liveSession(
  db: Database,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<LiveSession | null> {
  const id = hashOf(token)
  const [row] = await db.query<{ userId: string; lastSeenAt: Date; maxUntil: Date; expiresAt: Date }>(
    `select s.user_id as "userId", s.last_seen_at as "lastSeenAt", s.max_until as "maxUntil",
            s.expires_at as "expiresAt"
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > $2 and not u.disabled`,
    [id, now.toISOString()],
  )
  if (!row) return null
  let expiresAt = row.expiresAt
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
    expiresAt = new Date(Math.min(now.getTime() + policy.idleSeconds * 1000, row.maxUntil.getTime()))
    await db.query('update sessions set last_seen_at = $2, expires_at = $3 where token_hash = $1', [
      id,
      now.toISOString(),
      expiresAt.toISOString(),
    ])
  }
  return { user: await getUser(db, row.userId), id, expiresAt }
}

export async function closeSession(db: Database, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [hashOf(token)])
}

/** Expired sessions are dead already; this only keeps the table small. */
export async function purgeExpiredSessions(db: Database, now = new Date()): Promise<number> {
  const rows = await db.query('delete from sessions where expires_at <= $1 returning 1', [now.toISOString()])
  return rows.length
}
