// Signing in to the console: redirects without a session, the cookie's flags, wrong passwords, the
// per-address limit, CSRF on the form, sign-out, and a session accepted by the API's own role checks.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { ACCOUNTS, startConsoleHarness } from './console-fixture.ts'

const consoleApi = sharedFixture(() => startConsoleHarness({ LOGIN_RATE_LIMIT: '6' }), 60_000)

describe('without a session', () => {
  it.each(['/console', '/console/admin/users', '/console/admin/audit?before=5'])(
    'sends %s to sign in, and back there afterwards',
    async (url) => {
      const res = await consoleApi.browser().get(url)
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(`/console/login?next=${encodeURIComponent(url)}`)
    },
  )

  it('shows the sign-in form in Vietnamese, with English a link away, and never from a cache', async () => {
    const browser = consoleApi.browser()
    const res = await browser.get('/console/login')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.body).toContain('<html lang="vi">')
    expect(res.body).toContain('Đăng nhập bảng điều khiển')
    expect(res.body).toMatch(
      /<input id="password" name="password" type="password" autocomplete="current-password"/,
    )
    expect(browser.csrf).not.toBe('')
    expect((await browser.get('/console/login?lang=en')).body).toContain('Sign in to the console')
  })

  it('refuses an outside `next`, so signing in never sends anyone off the site', async () => {
    const browser = consoleApi.browser()
    await browser.get('/console/login')
    const res = await browser.post('/console/login', {
      email: ACCOUNTS.officer,
      password: 'mật khẩu thử nghiệm',
      next: 'https://evil.example/console',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/console')
  })
})

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and opens the officer console', async () => {
    const browser = consoleApi.browser()
    const res = await browser.signIn(ACCOUNTS.officer)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/console')
    const cookie = (
      res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; path?: string }[]
    ).find((c) => c.name === 'zt_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const home = await browser.get('/console')
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('Nguyễn Thị Lan')
    expect(home.body).toContain('VN-TEST-TAMNGAI-01')
  })

  it('says a wrong password the same way as an unknown email, and keeps the email typed', async () => {
    for (const email of [ACCOUNTS.officer, 'nobody@travinh.gov.test']) {
      const browser = consoleApi.browser()
      await browser.get('/console/login')
      const res = await browser.post('/console/login', { email, password: 'không phải mật khẩu' })
      expect(res.statusCode).toBe(401)
      expect(res.body).toContain('Email hoặc mật khẩu không đúng.')
      expect(res.body).toContain(`value="${email}"`)
      expect(browser.cookies.has('zt_session')).toBe(false)
    }
  })

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const browser = consoleApi.browser()
    await browser.get('/console/login')
    const res = await browser.post('/console/login', {
      email: ACCOUNTS.officer,
      password: 'mật khẩu thử nghiệm',
      _csrf: null,
    })
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('Biểu mẫu đã hết hạn')
    expect(browser.cookies.has('zt_session')).toBe(false)
  })

  it('ends the session on sign-out: the cookie goes and the old token opens nothing', async () => {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS.admin)
    const token = browser.cookies.get('zt_session')!
    await browser.get('/console')
    const out = await browser.post('/console/logout')
    expect(out.statusCode).toBe(303)
    expect(out.headers.location).toBe('/console/login')
    expect(browser.cookies.has('zt_session')).toBe(false)
    const replay = await consoleApi.app.inject({ url: '/console', cookies: { zt_session: token } })
    expect(replay.statusCode).toBe(303)
  })
})

describe('a session on the API', () => {
  it("reads with the person's role, and writes only with the session's CSRF token", async () => {
    const browser = consoleApi.browser()
    await browser.signIn(ACCOUNTS.cooperative)
    await browser.get('/console/login?next=/console')
    const cookies = Object.fromEntries(browser.cookies)
    const read = await consoleApi.app.inject({ url: '/api/v1/products', cookies })
    expect(read.statusCode).toBe(200)

    const product = { id: 'p-console', gtin: '08930000000017', name: 'Dừa sáp', group: 'food', stars: 3 }
    const forged = await consoleApi.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      cookies,
      payload: product,
    })
    expect(forged.statusCode).toBe(403)
    expect(forged.json().message).toMatch(/another site/)
    expect((await consoleApi.app.inject({ url: '/api/v1/products/p-console', cookies })).statusCode).toBe(404)
  })
})

describe('the per-address limit', () => {
  it('answers the seventh attempt in a minute from one address with a page that says to wait', async () => {
    const browser = consoleApi.browser('198.51.100.7')
    await browser.get('/console/login')
    const statuses: number[] = []
    let last = await browser.post('/console/login', { email: 'x@y.test', password: 'sai mật khẩu' })
    statuses.push(last.statusCode)
    while (statuses.length < 7) {
      last = await browser.post('/console/login', { email: 'x@y.test', password: 'sai mật khẩu' })
      statuses.push(last.statusCode)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429])
    expect(last.body).toContain('Có quá nhiều lần đăng nhập từ địa chỉ này')
    // Another address is not held up by this one.
    expect((await consoleApi.browser('198.51.100.8').signIn(ACCOUNTS.officer)).statusCode).toBe(303)
  })
})
