// The API harness with the two-cooperative traceability registry seeded, tokens for each role, and the
// request the traceability tests send most: a JSON POST as one of those roles.
import type { LightMyRequestResponse } from 'fastify'
import type { ApiHarness } from '../api/harness.ts'
import { startHarness } from '../api/harness.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'

export interface TraceHarness extends ApiHarness {
  vicosap: { authorization: string }
  hoaTan: { authorization: string }
  officer: { authorization: string }
  /** POSTs `payload` as JSON to `url` with one of the role headers above. */
  post(url: string, as: { authorization: string }, payload: object): Promise<LightMyRequestResponse>
}

export async function startTraceHarness(env: Record<string, string> = {}): Promise<TraceHarness> {
  const api = await startHarness(env)
  await seedTraceRegistry(api.test.db)
  return {
    ...api,
    vicosap: await api.auth({ role: 'cooperative', cooperativeId: 'vicosap' }),
    hoaTan: await api.auth({ role: 'cooperative', cooperativeId: 'htx-hoa-tan' }),
    officer: await api.auth({ role: 'officer' }),
    post: (url, as, payload) => api.app.inject({ method: 'POST', url, headers: as, payload }),
  }
}

/** A POST /api/v1/lots body: VICOSAP's coconut from the Ngọc Hồ area, harvested on 1 and 2 November 2026. */
export function lotBody(
  lot: { id: string; quantity: number } & Record<string, unknown>,
): Record<string, unknown> {
  return {
    productId: 'dua-sap-soi',
    areaCodes: ['VN-TEST-NGOCHO'],
    harvestedFrom: '2026-11-01T00:00:00Z',
    harvestedTo: '2026-11-02T00:00:00Z',
    unit: 'KGM',
    ...lot,
  }
}

/** The path and query of a label URL, as a phone's browser would request it. */
export function pathOf(url: string): string {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

/** Issues `count` labels for VICOSAP's lot DS2610A through the API, as its cooperative would. */
export async function issueLabels(api: TraceHarness, count = 1): Promise<{ serial: string; url: string }[]> {
  const res = await api.post('/api/v1/lots/DS2610A/labels', api.vicosap, { count })
  if (res.statusCode !== 201) throw new Error(`labels not issued: ${res.statusCode} ${res.body}`)
  return res.json().labels
}
