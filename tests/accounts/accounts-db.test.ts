// Accounts, sign-in, sessions and the audit log at the repository level: the rules a console relies on.
import {
  closeSession,
  createUser,
  findUserByEmail,
  listAudit,
  listUsers,
  liveSession,
  lockSeconds,
  openSession,
  RegistryError,
  setUserDisabled,
  setUserPassword,
  signIn,
  writeAudit,
} from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { getZonedTestDB } from '../helpers/fixtures.ts'

const store = sharedFixture(getZonedTestDB, 60_000)
const POLICY = { idleSeconds: 3600, maxSeconds: 8 * 3600 }
const PASSWORD = 'mật khẩu đủ dài'

describe('accounts', () => {
  it('stores an account under its lower-cased email and never returns the hash', async () => {
    const user = await createUser(store.db, {
      email: '  Lan.Officer@TraVinh.gov.vn ',
      displayName: 'Nguyễn Thị Lan',
      role: 'officer',
      password: PASSWORD,
    })
    expect(user).toEqual({
      id: expect.any(String),
      email: 'lan.officer@travinh.gov.vn',
      displayName: 'Nguyễn Thị Lan',
      role: 'officer',
      cooperativeId: null,
      lang: 'vi',
      disabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastLoginAt: null,
    })
    expect(await findUserByEmail(store.db, 'LAN.officer@travinh.gov.vn')).toEqual(user)
    expect(JSON.stringify(await listUsers(store.db))).not.toMatch(/scrypt/)
  })

  it('refuses a taken email, a cooperative account without its cooperative and a short password', async () => {
    const body = { email: 'dup@example.vn', displayName: 'A', role: 'admin' as const, password: PASSWORD }
    await createUser(store.db, body)
    await expect(createUser(store.db, { ...body, email: 'DUP@example.vn' })).rejects.toThrow(
      new RegistryError('an account for dup@example.vn already exists', 'conflict'),
    )
    await expect(
      createUser(store.db, { ...body, email: 'coop@example.vn', role: 'cooperative' }),
    ).rejects.toThrow('a cooperative account needs the cooperative it works for')
    await expect(
      createUser(store.db, { ...body, email: 'x@example.vn', cooperativeId: 'htx-test' }),
    ).rejects.toThrow('a admin account belongs to no cooperative')
    await expect(
      createUser(store.db, {
        ...body,
        email: 'y@example.vn',
        role: 'cooperative',
        cooperativeId: 'htx-none',
      }),
    ).rejects.toThrow('cooperative "htx-none" not found')
    await expect(createUser(store.db, { ...body, email: 'z@example.vn', password: 'ngắn' })).rejects.toThrow(
      'a password needs at least 10 characters',
    )
  })
})

describe('signing in', () => {
  it('signs in with the right password only, and says "disabled" only to someone who knows it', async () => {
    await createUser(store.db, {
      email: 'tom@htx.vn',
      displayName: 'Tôm',
      role: 'cooperative',
      cooperativeId: 'htx-test',
      password: PASSWORD,
    })
    expect(await signIn(store.db, 'nobody@htx.vn', PASSWORD)).toEqual({ ok: false, reason: 'invalid' })
    expect(await signIn(store.db, 'tom@htx.vn', 'sai mật khẩu rồi')).toEqual({ ok: false, reason: 'invalid' })
    const ok = await signIn(store.db, 'TOM@htx.vn', PASSWORD)
    expect(ok).toMatchObject({ ok: true, user: { email: 'tom@htx.vn', cooperativeId: 'htx-test' } })
    expect(ok.ok && ok.user.lastLoginAt).toEqual(expect.any(String))

    await setUserDisabled(store.db, 'tom@htx.vn', true)
    expect(await signIn(store.db, 'tom@htx.vn', 'sai mật khẩu rồi')).toEqual({ ok: false, reason: 'invalid' })
    expect(await signIn(store.db, 'tom@htx.vn', PASSWORD)).toEqual({ ok: false, reason: 'disabled' })
  })

  it('locks an account after five failures, for a time that doubles with each further one', async () => {
    await createUser(store.db, {
      email: 'guess@htx.vn',
      displayName: 'G',
      role: 'officer',
      password: PASSWORD,
    })
    const t0 = new Date('2026-12-01T01:00:00Z')
    for (let i = 1; i < 5; i++) {
      expect(await signIn(store.db, 'guess@htx.vn', `wrong ${i} password`, t0)).toEqual({
        ok: false,
        reason: 'invalid',
      })
    }
    expect(await signIn(store.db, 'guess@htx.vn', 'wrong 5 password', t0)).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 60,
    })
    // Locked: even the right password waits.
    const t30 = new Date(t0.getTime() + 30_000)
    expect(await signIn(store.db, 'guess@htx.vn', PASSWORD, t30)).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 30,
    })
    const t61 = new Date(t0.getTime() + 61_000)
    expect(await signIn(store.db, 'guess@htx.vn', 'wrong 6 password', t61)).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 120,
    })
    expect([4, 5, 6, 7, 11, 20].map(lockSeconds)).toEqual([0, 60, 120, 240, 3600, 3600])
    const later = new Date(t61.getTime() + 121_000)
    expect(await signIn(store.db, 'guess@htx.vn', PASSWORD, later)).toMatchObject({ ok: true })
    // A success clears the count.
    expect(await signIn(store.db, 'guess@htx.vn', 'wrong again pw', later)).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })
})

describe('sessions', () => {
  it('slides with use, never past its maximum, and ends on sign-out', async () => {
    const user = await createUser(store.db, {
      email: 's@htx.vn',
      displayName: 'S',
      role: 'admin',
      password: PASSWORD,
    })
    const t0 = new Date('2026-12-01T00:00:00Z')
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)
    const { token, expiresAt } = await openSession(store.db, user.id, POLICY, { address: '203.0.113.9' }, t0)
    expect(expiresAt).toEqual(at(60))
    expect((await liveSession(store.db, token, POLICY, at(59)))?.expiresAt).toEqual(at(119))
    expect((await liveSession(store.db, token, POLICY, at(118)))?.user.email).toBe('s@htx.vn')
    for (let m = 170; m < 480; m += 50)
      expect(await liveSession(store.db, token, POLICY, at(m))).not.toBeNull()
    expect(await liveSession(store.db, token, POLICY, at(480))).toBeNull()

    const second = await openSession(store.db, user.id, POLICY, {}, t0)
    expect(await liveSession(store.db, `${second.token}x`, POLICY, at(1))).toBeNull()
    await closeSession(store.db, second.token)
    expect(await liveSession(store.db, second.token, POLICY, at(1))).toBeNull()
  })

  it('ends every session of an account that is disabled or given a new password', async () => {
    const user = await createUser(store.db, {
      email: 'd@htx.vn',
      displayName: 'D',
      role: 'officer',
      password: PASSWORD,
    })
    const now = new Date()
    const first = await openSession(store.db, user.id, POLICY, {}, now)
    await setUserPassword(store.db, 'd@htx.vn', 'một mật khẩu mới')
    expect(await liveSession(store.db, first.token, POLICY, now)).toBeNull()
    expect(await signIn(store.db, 'd@htx.vn', PASSWORD)).toEqual({ ok: false, reason: 'invalid' })

    const second = await openSession(store.db, user.id, POLICY, {}, now)
    await setUserDisabled(store.db, 'd@htx.vn', true)
    expect(await liveSession(store.db, second.token, POLICY, now)).toBeNull()
  })
})

describe('the audit log', () => {
  it('lists entries newest first, a page at a time', async () => {
    for (const n of [1, 2, 3]) {
      await writeAudit(store.db, {
        userId: null,
        actor: 'cli',
        action: `user add ${n}`,
        target: `u${n}@htx.vn`,
        detail: { role: 'officer' },
        address: null,
      })
    }
    const page = await listAudit(store.db, { limit: 2 })
    expect(page.map((e) => e.action)).toEqual(['user add 3', 'user add 2'])
    expect(page[0]).toEqual({
      id: expect.any(Number),
      at: expect.stringMatching(/Z$/),
      userId: null,
      actor: 'cli',
      action: 'user add 3',
      target: 'u3@htx.vn',
      detail: { role: 'officer' },
      address: null,
    })
    const next = await listAudit(store.db, { limit: 2, before: page[1]!.id })
    expect(next.map((e) => e.action)).toEqual(['user add 1'])
  })
})
