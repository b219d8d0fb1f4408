// The workspace's test fixture: the console harness (tests/console/console-fixture.ts) plus two
// cooperatives from tests/helpers/trace-fixtures.ts, each with an area, a product, a lot and a signed-in
// browser, so every workspace test has a foreign record to reach for (ADR 0007: foreign answers 404).
//
//   const ws = sharedFixture(startWorkspaceHarness, 60_000)
//   const page = await ws.coopA.get('/workspace')          // signed in as COOP_A
//   await ws.coopA.post('/workspace/…', { field: 'x' })    // _csrf from the last page it opened
//   await ws.coopA.json('POST', `/api/v1/lots/${COOP_B.lotId}/events`, body)  // JSON with x-csrf-token
//
// `ws.officer` is a signed-in officer; `ws.browser()` a fresh, signed-out browser.

import { createUser } from '@zonetrace/db'
import type { LightMyRequestResponse } from 'fastify'
import {
  ACCOUNTS,
  ConsoleBrowser,
  type ConsoleHarness,
  startConsoleHarness,
} from '../console/console-fixture.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'

export { ACCOUNTS, PASSWORD } from '../console/console-fixture.ts'

/** One cooperative's account and records, as seeded by seedTraceRegistry. */
export interface WorkspaceCooperative {
  cooperativeId: string
  email: string
  areaCode: string
  productId: string
  gtin: string
  lotId: string
}

export const COOP_A: WorkspaceCooperative = {
  cooperativeId: 'vicosap',
  email: 'hop@vicosap.test',
  areaCode: 'VN-TEST-NGOCHO',
  productId: 'dua-sap-soi',
  gtin: '8930000000019',
  lotId: 'DS2610A',
}

export const COOP_B: WorkspaceCooperative = {
  cooperativeId: 'htx-hoa-tan',
  email: 'ba@hoatan.test',
  areaCode: 'VN-TEST-HOATAN',
  productId: 'dua-sap-hoa-tan',
  gtin: '8930000000026',
  lotId: 'HT2610A',
}

/**
 * A console browser that can also call the JSON API with its session cookie, as the workspace's islands do.
 * (`json`, not `api`: ConsoleBrowser keeps its harness in a field named `api`.)
 */
export class WorkspaceBrowser extends ConsoleBrowser {
  private readonly harness: ConsoleHarness
  constructor(harness: ConsoleHarness, address: string) {
    super(harness, address)
    this.harness = harness
  }

  /**
   * A JSON request with the session cookie and the `x-csrf-token` header (the token of the last page
   * opened). Pass `csrf: null` to leave the header out, or a string to send that instead.
   */
  async json(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    { csrf }: { csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const token = csrf === undefined ? this.csrf : csrf
    return this.harness.app.inject({
      method,
      url,
      cookies: Object.fromEntries(this.cookies),
      headers: {
        ...(token !== null && method !== 'GET' ? { 'x-csrf-token': token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
  }
}

export interface WorkspaceHarness extends ConsoleHarness {
  /** Signed in as COOP_A's account. */
  coopA: WorkspaceBrowser
  /** Signed in as COOP_B's account. */
  coopB: WorkspaceBrowser
  /** Signed in as ACCOUNTS.officer. */
  officer: WorkspaceBrowser
  /** A fresh browser with no cookies (not signed in). */
  browser(address?: string): WorkspaceBrowser
}

export async function startWorkspaceHarness(env: Record<string, string> = {}): Promise<WorkspaceHarness> {
  const h = await startConsoleHarness(env)
  await seedTraceRegistry(h.test.db)
  for (const [coop, name] of [
    [COOP_A, 'Cô Hợp (VICOSAP)'],
    [COOP_B, 'Anh Ba (HTX Hòa Tân)'],
  ] as const) {
    await createUser(h.test.db, {
      email: coop.email,
      displayName: name,
      role: 'cooperative',
      cooperativeId: coop.cooperativeId,
      password: 'mật khẩu thử nghiệm',
    })
  }
  let browsers = 100
  const browser = (address = `10.0.1.${++browsers}`) => new WorkspaceBrowser(h, address)
  const signedIn = async (email: string) => {
    const b = browser()
    const res = await b.signIn(email)
    if (res.statusCode !== 303) throw new Error(`sign-in of ${email} answered ${res.statusCode}`)
    // The sign-in page's token was bound to no session; a page opened after sign-in gives the session's.
    await b.get('/workspace')
    return b
  }
  return {
    ...h,
    browser,
    coopA: await signedIn(COOP_A.email),
    coopB: await signedIn(COOP_B.email),
    officer: await signedIn(ACCOUNTS.officer),
  }
}
