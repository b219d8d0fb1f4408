// docs/label-signature-vectors.json through the HTTP resolver: every vector's item is issued here under the
// vectors' public key, then each link is requested as a phone would. Valid links read authentic, links in
// a non-canonical form are redirected (308) to their canonical form, the rest give their stated reason,
// and only the verified requests count as scans.
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, type LabelKeyring, loadOrCreateAuthKeys } from '@zonetrace/api'
import { type LabelJwks, loadConfig } from '@zonetrace/contracts'
import { createLot, upsertProduct } from '@zonetrace/db'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { HARVEST_FROM, HARVEST_TO, OFFICER, seedTraceRegistry, VICOSAP } from '../helpers/trace-fixtures.ts'

interface Vector {
  id: string
  url: string
  verdict: 'valid' | 'invalid'
  reason: string
  canonical?: string
}
const VECTORS = JSON.parse(
  readFileSync(new URL('../../docs/label-signature-vectors.json', import.meta.url), 'utf8'),
) as { jwks: LabelJwks; vectors: Vector[] }

const ITEMS = [
  { lot: 'CK2026-11', serial: 'Q7F3KX9A2M' },
  { lot: 'CK2026-11', serial: 'D4RK9Q2M7X' },
  { lot: "!'()*+,;=:", serial: 'Q7F3KX9A2N' },
  { lot: 'ab/26%"<>?&', serial: 'K8M2Q7F3XA' },
]

const testDb = sharedFixture(getTestDB)
let dataDir: string
let app: FastifyInstance
let base: string

/** The keyring the resolver reads: only the vectors' public key is published. */
const vectorKeys: LabelKeyring = {
  jwks: async () => VECTORS.jwks,
  signingKey: () => Promise.reject(new Error('the vectors key cannot sign here')),
  rotate: () => Promise.reject(new Error('not here')),
  revoke: () => Promise.reject(new Error('not here')),
  list: async () => [],
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-vectors-'))
  await seedTraceRegistry(testDb.db)
  await upsertProduct(testDb.db, OFFICER, {
    id: 'vector-product',
    cooperativeId: 'vicosap',
    gtin: '8935049500018',
    name: 'Sản phẩm thử',
    group: 'food',
    stars: 3,
  })
  for (const lot of new Set(ITEMS.map((i) => i.lot))) {
    await createLot(testDb.db, VICOSAP, {
      id: lot,
      productId: 'vector-product',
      areaCodes: ['VN-TEST-NGOCHO'],
      harvestedFrom: HARVEST_FROM,
      harvestedTo: HARVEST_TO,
      quantity: 10,
      unit: 'KGM',
    })
  }
  await testDb.db.query(
    `insert into label_serials (serial, lot_id, kid) select unnest($1::text[]), unnest($2::text[]), $3`,
    [ITEMS.map((i) => i.serial), ITEMS.map((i) => i.lot), VECTORS.jwks.keys[0]!.kid],
  )
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'off', RESOLVER_RATE_LIMIT: '1000' })
  base = config.publicBaseUrl
  app = await buildApp({
    db: testDb.db,
    capabilities: testDb.capabilities,
    config,
    keys: await loadOrCreateAuthKeys(dataDir),
    labelKeys: vectorKeys,
  })
}, 120_000)
afterAll(async () => {
  await app?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** What a phone requests for a link: the path from /01/ on (the host and base path are not ours). */
const requestPath = (url: string) => url.slice(url.indexOf('/01/'))
const get = (path: string) =>
  app.inject({ method: 'GET', url: path, headers: { accept: 'application/json' } })

describe('label signature vectors through the resolver', () => {
  it('answers every vector as the vectors say, and counts only verified requests', async () => {
    const expectedCounts = new Map<string, number>()
    for (const v of VECTORS.vectors) {
      const res = await get(requestPath(v.url))
      const got: Record<string, unknown> = { id: v.id, status: res.statusCode }
      if (res.statusCode === 200)
        Object.assign(got, { authentic: res.json().authentic, reason: res.json().reason })
      if (res.statusCode === 308) got.location = res.headers.location
      const want: Record<string, unknown> = { id: v.id }
      if (v.reason === 'non_canonical') {
        Object.assign(want, { status: 308, location: `${base}${requestPath(v.canonical!)}` })
      } else if (v.reason === 'malformed') {
        // Refused before any lookup (a repeated s already by the route's query schema).
        want.status = 400
      } else {
        Object.assign(want, { status: 200, authentic: v.verdict === 'valid', reason: v.reason })
      }
      expect(got).toEqual(want)
      if (v.verdict === 'valid') {
        const serial = res.json().serial as string
        expectedCounts.set(serial, (expectedCounts.get(serial) ?? 0) + 1)
      }
      if (res.statusCode === 308) {
        // The redirect itself is no scan; the canonical link it points at verifies.
        const followed = await get(requestPath(String(res.headers.location)))
        expect({ id: v.id, status: followed.statusCode, reason: followed.json().reason }).toEqual({
          id: v.id,
          status: 200,
          reason: 'authentic',
        })
        const serial = followed.json().serial as string
        expectedCounts.set(serial, (expectedCounts.get(serial) ?? 0) + 1)
      }
    }
    const rows = await testDb.db.query<{ serial: string; scan_count: number; logged: number }>(
      `select s.serial, s.scan_count,
              (select count(*)::int from label_scans l where l.serial = s.serial) as logged
         from label_serials s where s.serial = any($1::text[]) order by s.serial`,
      [ITEMS.map((i) => i.serial)],
    )
    expect(rows).toEqual(
      ITEMS.map((i) => i.serial)
        .sort()
        .map((serial) => ({
          serial,
          scan_count: expectedCounts.get(serial) ?? 0,
          logged: expectedCounts.get(serial) ?? 0,
        })),
    )
    // valid-basic, -other-host, -upper-case-host, -extra-query, plus the hyphen and GTIN-13 redirects.
    expect(expectedCounts.get('Q7F3KX9A2M')).toBe(6)
  })

  it('redirects a feedback form posted to a non-canonical link to the canonical feedback address', async () => {
    const v = VECTORS.vectors.find((x) => x.id === 'non-canonical-percent-44')!
    const path = requestPath(v.url)
    const q = path.indexOf('?')
    const res = await app.inject({
      method: 'POST',
      url: `${path.slice(0, q)}/feedback${path.slice(q)}`,
      headers: { 'content-type': 'application/json' },
      payload: { rating: 5 },
    })
    expect(res.statusCode).toBe(308)
    const canonical = requestPath(v.canonical!)
    const cq = canonical.indexOf('?')
    expect(res.headers.location).toBe(`${base}${canonical.slice(0, cq)}/feedback${canonical.slice(cq)}`)
    const [{ n }] = (await testDb.db.query<{ n: number }>(`select count(*)::int as n from feedback`)) as [
      { n: number },
    ]
    expect(n).toBe(0)
  })
})
