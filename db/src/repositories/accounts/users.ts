// Accounts of people (ADR 0010). Passwords arrive in clear only here and leave only as scrypt hashes.
import { randomUUID } from 'node:crypto'
import type { Lang, TokenRole, User, UserBody } from '@zonetrace/contracts'
import type { Database, Transaction } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { hashPassword, passwordRefusal } from '../../passwords.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'

type Queryable = Pick<Database, 'query'> | Transaction

const columns: Columns<User> = {
  id: 'u.id',
  email: 'u.email',
  displayName: 'u.display_name',
  role: 'u.role',
  cooperativeId: 'u.cooperative_id',
  lang: 'u.lang',
  disabled: 'u.disabled',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
}
const INSTANTS = ['createdAt', 'lastLoginAt'] as const
type Instant = (typeof INSTANTS)[number]
type UserRow = WithInstants<User, Instant>
const toUser = (row: UserRow) => withIsoInstants<User, Instant>(row, INSTANTS)

const SELECT = `select ${selectList(columns)} from users u`

/** Emails are one account each whatever their case; stored and looked up lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

function checkRole(role: TokenRole, cooperativeId: string | undefined): void {
  if (role === 'cooperative' && !cooperativeId) {
    throw new RegistryError('a cooperative account needs the cooperative it works for', 'invalid')
  }
  if (role !== 'cooperative' && cooperativeId) {
    throw new RegistryError(`a ${role} account belongs to no cooperative`, 'invalid')
  }
}

function checkPassword(password: string): void {
  const refusal = passwordRefusal(password)
  if (refusal) throw new RegistryError(refusal, 'invalid')
}

/** Creates the account; refuses a taken email, a missing cooperative or a short password. */
export async function createUser(db: Queryable, body: UserBody & { password: string }): Promise<User> {
  checkRole(body.role, body.cooperativeId)
  checkPassword(body.password)
  const email = normaliseEmail(body.email)
  if (body.cooperativeId) {
    const coop = await db.query('select 1 from cooperatives where id = $1', [body.cooperativeId])
    found(coop[0], `cooperative "${body.cooperativeId}" not found`)
  }
  const hash = await hashPassword(body.password)
  const rows = await db.query<{ id: string }>(
    `insert into users (id, email, display_name, role, cooperative_id, password_hash, lang)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (email) do nothing returning id`,
    [
      randomUUID(),
      email,
      body.displayName.trim(),
      body.role,
      body.cooperativeId ?? null,
      hash,
      body.lang ?? 'vi',
    ],
  )
  const id = rows[0]?.id
  if (!id) throw new RegistryError(`an account for ${email} already exists`, 'conflict')
  return getUser(db, id)
}

export async function getUser(db: Queryable, id: string): Promise<User> {
  const [row] = await db.query<UserRow>(`${SELECT} where u.id = $1`, [id])
  return toUser(found(row, `no account ${id}`))
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const [row] = await db.query<UserRow>(`${SELECT} where u.email = $1`, [normaliseEmail(email)])
  return row ? toUser(row) : null
}

/** Everyone, admins first, then by name: the admin page's list. */
export async function listUsers(db: Queryable): Promise<User[]> {
  const rows = await db.query<UserRow>(
    `${SELECT} order by array_position(array['admin','officer','cooperative'], u.role), u.display_name, u.email`,
  )
  return rows.map(toUser)
}

/** Disabling signs the person out everywhere at once; enabling lets them sign in again. */
export async function setUserDisabled(db: Database, email: string, disabled: boolean): Promise<User> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      'update users set disabled = $2, failed_logins = 0, locked_until = null where email = $1 returning id',
      [normaliseEmail(email), disabled],
    )
    const { id } = found(row, `no account for ${normaliseEmail(email)}`)
    if (disabled) await tx.query('delete from sessions where user_id = $1', [id])
    return getUser(tx, id)
  })
}

/** A new password ends every session the old one opened. */
export async function setUserPassword(db: Database, email: string, password: string): Promise<User> {
  checkPassword(password)
  const hash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `update users set password_hash = $2, failed_logins = 0, locked_until = null where email = $1
       returning id`,
      [normaliseEmail(email), hash],
    )
    const { id } = found(row, `no account for ${normaliseEmail(email)}`)
    await tx.query('delete from sessions where user_id = $1', [id])
    return getUser(tx, id)
  })
}

export async function setUserLang(db: Queryable, id: string, lang: Lang): Promise<void> {
  await db.query('update users set lang = $2 where id = $1', [id, lang])
}

/** Cooperatives an account can be bound to, by name: the admin form's choices. */
export async function cooperativeChoices(db: Queryable): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>('select id, name from cooperatives order by name, id')
}
