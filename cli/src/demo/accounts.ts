// One console account per role for the demo, so a new user can sign in at once. Their passwords are
// made once and kept beside the database in DATA_DIR/demo-accounts.json (owner-only), so a restart
// prints the same logins and keeps people signed in; an account whose password is not on file gets a
// new one.

import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { TokenRole } from '@zonetrace/contracts'
import { createUser, type Database, findUserByEmail, setUserPassword, verifyPassword } from '@zonetrace/db'
import { readJsonIfExists, writePrivateJson } from './files.ts'

export interface DemoAccount {
  role: TokenRole
  email: string
  password: string
}

const ACCOUNTS_FILE = 'demo-accounts.json'

/** `.example` is reserved (RFC 2606): these addresses can never reach anyone. */
const DEMO_PEOPLE: { role: TokenRole; email: string; displayName: string; cooperativeId?: string }[] = [
  { role: 'admin', email: 'quantri@zonetrace.example', displayName: 'Quản trị hệ thống' },
  { role: 'officer', email: 'canbo.moitruong@zonetrace.example', displayName: 'Cán bộ môi trường Vĩnh Long' },
  // The cooperative of the flagship lot, so its workspace opens on labels, events, feedback and scans.
  {
    role: 'cooperative',
    email: 'vicosap@zonetrace.example',
    displayName: 'VICOSAP Cầu Kè',
    cooperativeId: 'vicosap',
  },
]

export async function ensureDemoAccounts(db: Database, dataDir: string): Promise<DemoAccount[]> {
  const file = join(dataDir, ACCOUNTS_FILE)
  const kept = ((await readJsonIfExists(file)) ?? []) as DemoAccount[]
  const accounts: DemoAccount[] = []
  for (const person of DEMO_PEOPLE) {
    const known = Array.isArray(kept) ? kept.find((a) => a.email === person.email) : undefined
    const existing = await findUserByEmail(db, person.email)
    let password = known?.password
    if (!existing) {
      password ??= randomBytes(12).toString('base64url')
      await createUser(db, { ...person, password })
    } else if (!password || !(await stillValid(db, person.email, password))) {
      password = randomBytes(12).toString('base64url')
      await setUserPassword(db, person.email, password)
    }
    accounts.push({ role: person.role, email: person.email, password })
  }
  await writePrivateJson(file, accounts)
  return accounts
}

async function stillValid(db: Database, email: string, password: string): Promise<boolean> {
  const [row] = await db.query<{ hash: string }>('select password_hash as hash from users where email = $1', [
    email,
  ])
  return row !== undefined && (await verifyPassword(password, row.hash))
}
