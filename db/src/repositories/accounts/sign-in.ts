// Checking a person's email and password. Failed attempts are counted per account and lock it for a while
// that doubles with each further failure, so guessing from many addresses is as slow as from one (the
// API also limits attempts per address). An unknown email costs the same scrypt as a known one.
import type { User } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { decoyPasswordHash, verifyPassword } from '../../passwords.ts'
import { getUser, normaliseEmail } from './users.ts'

/** Failures allowed before the account locks; each later failure doubles the lock, up to an hour. */
export const FREE_ATTEMPTS = 5
const FIRST_LOCK_SECONDS = 60
const MAX_LOCK_SECONDS = 3600

export type SignIn =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  | { ok: false; reason: 'disabled' }

interface Credentials extends Record<string, unknown> {
  id: string
  passwordHash: string
  disabled: boolean
  failedLogins: number
  lockedUntil: Date | null
}

export function lockSeconds(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failedLogins - FREE_ATTEMPTS))
}

export async function signIn(
  db: Database,
  email: string,
  password: string,
  now = new Date(),
): Promise<SignIn> {
  const [account] = await db.query<Credentials>(
    `select id, password_hash as "passwordHash", disabled, failed_logins as "failedLogins",
            locked_until as "lockedUntil"
       from users where email = $1`,
    [normaliseEmail(email)],
  )
  if (!account) {
    await verifyPassword(password, await decoyPasswordHash())
    return { ok: false, reason: 'invalid' }
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(account.lockedUntil, now) }
  }
  if (!(await verifyPassword(password, account.passwordHash))) {
    const failed = account.failedLogins + 1
    const lock = lockSeconds(failed)
    await db.query(
      `update users set failed_logins = $2,
              locked_until = case when $3::int > 0 then $4::timestamptz + make_interval(secs => $3) end
        where id = $1`,
      [account.id, failed, lock, now.toISOString()],
    )
    return lock > 0
      ? { ok: false, reason: 'locked', retryAfterSeconds: lock }
      : { ok: false, reason: 'invalid' }
  }
  // Said only to someone who knows the password, so it tells a guesser nothing.
  if (account.disabled) return { ok: false, reason: 'disabled' }
  await db.query(
    'update users set failed_logins = 0, locked_until = null, last_login_at = $2 where id = $1',
    [account.id, now.toISOString()],
  )
  return { ok: true, user: await getUser(db, account.id) }
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
}
