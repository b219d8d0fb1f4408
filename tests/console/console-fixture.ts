// The API with the console registered, three accounts (admin, officer, the test cooperative) and a small
// browser stand-in: a cookie jar, form posts, and the CSRF token read from the last page, as a real
// browser would carry them. Real-browser walks live in tests/browser.

import { consolePages } from '@zonetrace/dashboards'
import { createUser } from '@zonetrace/db'
import type { LightMyRequestResponse } from 'fastify'
import { type ApiHarness, startHarness } from '../api/harness.ts'

export const PASSWORD = 'mật khẩu thử nghiệm'
export const ACCOUNTS = {
  admin: 'admin@zonetrace.test',
  officer: 'lan@travinh.gov.test',
  cooperative: 'tom@htx.test',
} as const

export interface ConsoleHarness extends ApiHarness {
  /** A fresh browser with no cookies, from its own client address unless given one. */
  browser(address?: string): ConsoleBrowser
}

export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const api = await startHarness(env, { pages: [consolePages] })
  await createUser(api.test.db, {
    email: ACCOUNTS.admin,
    displayName: 'Quản trị',
    role: 'admin',
    password: PASSWORD,
  })
  await createUser(api.test.db, {
    email: ACCOUNTS.officer,
    displayName: 'Nguyễn Thị Lan',
    role: 'officer',
    password: PASSWORD,
  })
  await createUser(api.test.db, {
    email: ACCOUNTS.cooperative,
    displayName: 'HTX Thử nghiệm',
    role: 'cooperative',
    cooperativeId: 'htx-test',
    password: PASSWORD,
  })
  let browsers = 0
  // Each browser comes from its own address, as people do, so the per-address sign-in limit applies per test.
  return { ...api, browser: (address = `10.0.0.${++browsers}`) => new ConsoleBrowser(api, address) }
}

export class ConsoleBrowser {
  readonly cookies = new Map<string, string>()
  /** The `_csrf` field of the last page that had a form. */
  csrf = ''
  private readonly api: ApiHarness
  private readonly address: string
  constructor(api: ApiHarness, address: string) {
    this.api = api
    this.address = address
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1]
    if (token) this.csrf = token
    return res
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.api.app.inject({
      method: 'GET',
      url,
      cookies: Object.fromEntries(this.cookies),
      headers,
    })
    return this.remember(res)
  }

  /** A form post; `_csrf` is the page's token unless the test sets it (or sets it to null to leave it out). */
  async post(url: string, form: Record<string, string | null> = {}): Promise<LightMyRequestResponse> {
    const fields = { _csrf: this.csrf, ...form }
    const body = new URLSearchParams(
      Object.entries(fields).filter((e): e is [string, string] => e[1] !== null),
    ).toString()
    const res = await this.api.app.inject({
      method: 'POST',
      url,
      cookies: Object.fromEntries(this.cookies),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
      remoteAddress: this.address,
    })
    return this.remember(res)
  }

  /** Opens the sign-in page and signs in; returns the answer to the form post. */
  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/console/login')
    return this.post('/console/login', { email, password, next: '/console' })
  }
}
