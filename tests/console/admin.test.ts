// Who may open what, refused by the server; accounts managed from the console; and the audit log of it.
import { findUserByEmail, listAudit } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness(), 60_000)

describe('roles, checked by the server', () => {
  it.each([
    ['cooperative', '/console/reports', 403],
    ['cooperative', '/console/admin/users', 403],
    ['officer', '/console/admin/users', 403],
    ['officer', '/console/admin/audit', 403],
    ['officer', '/console', 200],
    ['admin', '/console/admin/users', 200],
    ['admin', '/console/admin/audit', 200],
  ] as const)('a %s account opening %s gets %i', async (role, url, status) => {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS[role])
    const res = await browser.get(url)
    expect(res.statusCode).toBe(status)
    if (status === 403) expect(res.body).toContain('Không có quyền truy cập')
  })

  it('refuses an admin action from an officer even with a valid form token', async () => {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS.officer)
    await browser.get('/console')
    const res = await browser.post('/console/admin/users', {
      displayName: 'Kẻ lạ',
      email: 'stranger@x.test',
      role: 'admin',
    })
    expect(res.statusCode).toBe(403)
    expect(await findUserByEmail(consoleApi.test.db, 'stranger@x.test')).toBeNull()
  })
})

describe('accounts from the console', () => {
  it('registers a new cooperative, adds its account, and that account starts in its own workspace', async () => {
    const admin = consoleApi.browser()
    await admin.signIn(ACCOUNTS.admin)
    await admin.get('/console/admin/users')
    const made = await admin.post('/console/admin/cooperatives', {
      id: 'htx-moi',
      name: 'HTX Nông nghiệp Mới',
      communeCode: '',
    })
    expect(made.statusCode).toBe(200)
    expect(made.body).toContain('Đã đăng ký hợp tác xã HTX Nông nghiệp Mới.')
    expect(made.body).toContain('<option value="htx-moi">HTX Nông nghiệp Mới</option>')
    const again = await admin.post('/console/admin/cooperatives', { id: 'htx-moi', name: 'Trùng' })
    expect(again.statusCode).toBe(409)
    const bad = await admin.post('/console/admin/cooperatives', {
      id: 'htx mới',
      name: 'X',
      communeCode: '99999',
    })
    expect(bad.statusCode).toBe(400)
    const account = await admin.post('/console/admin/users', {
      displayName: 'Chủ nhiệm HTX Mới',
      email: 'chunhiem@htx-moi.test',
      role: 'cooperative',
      cooperativeId: 'htx-moi',
    })
    const password = /<code class="secret">([^<]+)<\/code>/.exec(account.body)?.[1] ?? ''
    const coop = consoleApi.browser()
    const signedIn = await coop.signIn('chunhiem@htx-moi.test', password)
    expect(signedIn.headers.location).toBe('/workspace')
    const console = await coop.get('/console')
    expect(console.statusCode).toBe(303)
    expect(console.headers.location).toBe('/workspace')
    expect((await coop.get('/workspace')).statusCode).toBe(200)
  })

  it('adds an account, shows its made-up password once, and logs who did it without the password', async () => {
    const admin = consoleApi.browser()
    await admin.signIn(ACCOUNTS.admin)
    await admin.get('/console/admin/users')
    const res = await admin.post('/console/admin/users', {
      displayName: 'Trần Văn Bình',
      email: 'Binh@TraVinh.gov.test',
      role: 'officer',
      cooperativeId: 'htx-test',
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Đã tạo tài khoản binh@travinh.gov.test.')
    const password = /<code class="secret">([^<]+)<\/code>/.exec(res.body)?.[1]
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/)
    // An officer belongs to no cooperative, whatever the form said.
    expect(await findUserByEmail(consoleApi.test.db, 'binh@travinh.gov.test')).toMatchObject({
      role: 'officer',
      cooperativeId: null,
    })
    expect((await consoleApi.browser().signIn('binh@travinh.gov.test', password)).statusCode).toBe(303)
    expect((await admin.get('/console/admin/users')).body).not.toContain(password!)

    const [entry] = (await listAudit(consoleApi.test.db, { limit: 50 })).filter(
      (e) => e.action === 'user add',
    )
    expect(entry).toMatchObject({
      actor: ACCOUNTS.admin,
      target: 'Binh@TraVinh.gov.test',
      detail: {
        params: {},
        body: { displayName: 'Trần Văn Bình', email: 'Binh@TraVinh.gov.test', role: 'officer' },
      },
    })
    expect(JSON.stringify(entry)).not.toContain('_csrf')
    const log = await admin.get('/console/admin/audit')
    expect(log.body).toContain('user add')
    expect(log.body).toContain('sign-in')
  })

  it('shows a refusal on the page: a taken email, a short password', async () => {
    const admin = consoleApi.browser()
    await admin.signIn(ACCOUNTS.admin)
    await admin.get('/console/admin/users')
    const taken = await admin.post('/console/admin/users', {
      displayName: 'Lan',
      email: ACCOUNTS.officer,
      role: 'officer',
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.body).toContain(`an account for ${ACCOUNTS.officer} already exists`)
    const short = await admin.post('/console/admin/users', {
      displayName: 'Ngắn',
      email: 'short@x.test',
      role: 'officer',
      password: 'ngắn quá',
    })
    expect(short.statusCode).toBe(400)
  })

  it('refuses an admin form posted without its token, or with a token from another session', async () => {
    const admin = consoleApi.browser()
    await admin.signIn(ACCOUNTS.admin)
    await admin.get('/console/admin/users')
    const officer = consoleApi.browser()
    await officer.signIn(ACCOUNTS.officer)
    await officer.get('/console')
    for (const token of [null, officer.csrf]) {
      const res = await admin.post('/console/admin/users/tom@htx.test/disable', { _csrf: token })
      expect(res.statusCode).toBe(403)
    }
    expect(await findUserByEmail(consoleApi.test.db, ACCOUNTS.cooperative)).toMatchObject({ disabled: false })
  })

  it('disabling an account signs it out at once; a reset password replaces the old one', async () => {
    const admin = consoleApi.browser()
    await admin.signIn(ACCOUNTS.admin)
    await admin.get('/console/admin/users')
    const coop = consoleApi.browser()
    await coop.signIn(ACCOUNTS.cooperative)
    expect((await coop.get('/console/login')).statusCode).toBe(303)

    const off = await admin.post(`/console/admin/users/${encodeURIComponent(ACCOUNTS.cooperative)}/disable`)
    expect(off.body).toContain(`Đã vô hiệu hóa ${ACCOUNTS.cooperative}`)
    expect((await coop.get('/console/login')).statusCode).toBe(200)
    await admin.post(`/console/admin/users/${encodeURIComponent(ACCOUNTS.cooperative)}/enable`)
    const reset = await admin.post(
      `/console/admin/users/${encodeURIComponent(ACCOUNTS.cooperative)}/reset-password`,
    )
    const password = /<code class="secret">([^<]+)<\/code>/.exec(reset.body)?.[1]
    expect((await consoleApi.browser().signIn(ACCOUNTS.cooperative)).statusCode).toBe(401)
    expect((await consoleApi.browser().signIn(ACCOUNTS.cooperative, password)).statusCode).toBe(303)
  })
})

describe('the areas list', () => {
  it('finds an area by its former commune name, without accents, and says when nothing matches', async () => {
    const officer = consoleApi.browser()
    await officer.signIn(ACCOUNTS.officer)
    const found = await officer.get('/console?q=thanh%20phu')
    expect(found.body).toContain('VN-TEST-TAMNGAI-01')
    expect(found.body).toContain('1 vùng trồng')
    const none = await officer.get('/console?q=c%C3%A0%20mau')
    expect(none.body).toContain('Không có vùng trồng nào khớp.')
  })

  it('speaks English once the person switches, and keeps it on their account', async () => {
    const officer = consoleApi.browser()
    await officer.signIn(ACCOUNTS.officer)
    await officer.get('/console')
    const switched = await officer.post('/console/lang', { lang: 'en' })
    expect(switched.statusCode).toBe(303)
    expect((await officer.get('/console')).body).toContain('<html lang="en">')
    expect(await findUserByEmail(consoleApi.test.db, ACCOUNTS.officer)).toMatchObject({ lang: 'en' })
    await officer.post('/console/lang', { lang: 'vi' })
  })
})
