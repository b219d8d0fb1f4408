// The API harness with the two-cooperative traceability registry seeded, and tokens for each role.
import type { ApiHarness } from '../api/harness.ts'
import { startHarness } from '../api/harness.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'

export interface TraceHarness extends ApiHarness {
  vicosap: { authorization: string }
  hoaTan: { authorization: string }
  officer: { authorization: string }
}

export async function startTraceHarness(env: Record<string, string> = {}): Promise<TraceHarness> {
  const h = await startHarness(env)
  await seedTraceRegistry(h.test.db)
  return {
    ...h,
    vicosap: await h.auth({ role: 'cooperative', cooperativeId: 'vicosap' }),
    hoaTan: await h.auth({ role: 'cooperative', cooperativeId: 'htx-hoa-tan' }),
    officer: await h.auth({ role: 'officer' }),
  }
}

/** The path and query of a label URL, as a phone's browser would request it. */
export function pathOf(url: string): string {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

/** Issues `count` labels for VICOSAP's lot DS2610A through the API, as its cooperative would. */
export async function issueLabels(h: TraceHarness, count = 1): Promise<{ serial: string; url: string }[]> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/lots/DS2610A/labels',
    headers: h.vicosap,
    payload: { count },
  })
  if (res.statusCode !== 201) throw new Error(`labels not issued: ${res.statusCode} ${res.body}`)
  return res.json().labels
}
