// The broker's connect path at reconnect-storm scale (issue 18): registry lookups of gateways connecting at
// once share one query, a database error refuses those connects cleanly, and secrets stored as scrypt
// before ADR 0004's revision still let their gateway in and are re-hashed after the CONNACK.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { type Database, hashScrypt, loadGatewayAuths, verifySecret } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBatchedLookup } from '../../broker/src/batched-lookup.ts'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { until } from '../helpers/wait.ts'
import {
  connectGateway,
  provisionTestGateway,
  refusalCode,
  startTestBroker,
  type TestBroker,
} from './harness.ts'

const LOOKUP = /where g\.id = any/
const UPGRADE = /^\s*update gateways g set secret_hash/

/** The test database with a switch to fail chosen statements, and a count of the lookups it ran. */
function faultyDb(db: Database) {
  const state = { lookups: 0, fail: null as RegExp | null }
  const wrapped: Database = {
    ...db,
    kind: db.kind,
    orm: db.orm,
    query: (text, params) => {
      if (LOOKUP.test(text)) state.lookups++
      if (state.fail?.test(text)) return Promise.reject(new Error('injected database fault'))
      return db.query(text, params)
    },
    copyFrom: (s, d) => db.copyFrom(s, d),
    transaction: (fn) => db.transaction(fn),
    withAdvisoryLock: (k, fn, o) => db.withAdvisoryLock(k, fn, o),
    close: () => db.close(),
  }
  return { db: wrapped, state }
}

describe('batched gateway lookup', () => {
  it('answers lookups made together with one query per batch, each with its own record', async () => {
    const statements: unknown[][] = []
    const db = {
      query: async (text: string, params?: unknown[]) => {
        statements.push(params ?? [])
        const ids = params![0] as string[]
        expect(text).toMatch(/from gateways/)
        return ids
          .filter((id) => id.startsWith('known'))
          .map((id) => ({ id, secretHash: `hash-${id}`, channels: [`${id}-s1:ph`] }))
      },
    } as unknown as Database
    const load = createBatchedLookup((ids) => loadGatewayAuths(db, ids), { windowMs: 5, maxBatch: 20 })
    const ids = Array.from({ length: 25 }, (_, i) => (i % 5 === 0 ? `nobody-${i}` : `known-${i}`))
    const records = await Promise.all([...ids, 'known-1'].map(load))
    // Two batches: 20, then 5 with the repeated id joining its batch.
    expect(statements).toHaveLength(2)
    expect(records.map((r) => r?.secretHash ?? null)).toEqual(
      [...ids, 'known-1'].map((id) => (id.startsWith('known') ? `hash-${id}` : null)),
    )
    expect([...records[1]!.channels]).toEqual(['known-1-s1:ph'])
  })
})

describe(`broker connect path (${backendName})`, () => {
  let test: TestDB
  let zone: string
  let faulty: ReturnType<typeof faultyDb>
  const brokers: TestBroker[] = []
  const start = async () => {
    // Records are cached per broker; each test starts cold, as a broker restarted after a crash does.
    const b = await startTestBroker(faulty.db, { alerts: false, registryCache: { upgradeWindowMs: 20 } })
    brokers.push(b)
    return b
  }
  beforeAll(async () => {
    test = await getTestDB()
    zone = await seedZone(test.db)
    faulty = faultyDb(test.db)
  })
  afterAll(async () => {
    for (const b of brokers) await b.broker.close()
    await test?.close()
  })

  it('answers many concurrent connects, known and unknown, with far fewer lookups than connects', async () => {
    const gws: GatewayCredentials[] = []
    for (let i = 0; i < 30; i++) gws.push(await provisionTestGateway(test.db, zone))
    const { url } = await start()
    const before = faulty.state.lookups
    const known = gws.map((g) => connectGateway(url, g))
    const unknown = Array.from({ length: 10 }, (_, i) =>
      refusalCode(url, { username: `gw-nobody-${i}`, password: gws[0]!.password }),
    )
    const wrong = refusalCode(url, { username: gws[1]!.username, password: `${gws[1]!.password}x` })
    const clients = await Promise.all(known)
    expect(clients.every((c) => c.connected)).toBe(true)
    expect(await Promise.all(unknown)).toEqual(Array(10).fill(4))
    expect(await wrong).toBe(4)
    const lookups = faulty.state.lookups - before
    expect(lookups).toBeGreaterThanOrEqual(1)
    // One lookup per connect would be 40 (the wrong-secret connect shares its gateway's).
    expect(lookups).toBeLessThan(40)
    await Promise.all(clients.map((c) => c.endAsync()))
  })

  it('refuses connects as "server unavailable" (CONNACK 3) while the registry fails, and recovers', async () => {
    const gws = [await provisionTestGateway(test.db, zone), await provisionTestGateway(test.db, zone)]
    const b = await start()
    faulty.state.fail = LOOKUP
    try {
      expect(await Promise.all(gws.map((g) => refusalCode(b.url, g)))).toEqual([3, 3])
    } finally {
      faulty.state.fail = null
    }
    const client = await connectGateway(b.url, gws[0]!)
    expect(client.connected).toBe(true)
    await client.endAsync()
    expect(b.logs.some((l) => /registry unavailable/.test(l.msg))).toBe(true)
  })

  it('lets a gateway with an old scrypt hash in, then re-hashes it; a wrong secret fails under both', async () => {
    const gw = await provisionTestGateway(test.db, zone)
    const old = await hashScrypt(gw.password, { N: 1024, r: 1, p: 1 })
    await test.db.query('update gateways set secret_hash = $1 where id = $2', [old, gw.gatewayId])
    const b = await start()
    expect(await refusalCode(b.url, { username: gw.username, password: `${gw.password}x` })).toBe(4)
    const client = await connectGateway(b.url, gw)
    expect(client.connected).toBe(true)
    const stored = await until('the re-hashed secret', async () => {
      const [row] = await test.db.query<{ h: string }>(
        'select secret_hash as h from gateways where id = $1',
        [gw.gatewayId],
      )
      return row!.h.startsWith('hmac-sha256$') ? row!.h : undefined
    })
    expect(await verifySecret(gw.password, stored)).toBe(true)
    await client.endAsync()
    // A broker that never saw the old hash lets it in under the new one, and still refuses a wrong secret.
    const fresh = await start()
    expect(await refusalCode(fresh.url, { username: gw.username, password: `${gw.password}x` })).toBe(4)
    const again = await connectGateway(fresh.url, gw)
    expect(again.connected).toBe(true)
    await again.endAsync()
  })

  it('lets the gateway in when writing its new hash fails, and keeps the old hash working', async () => {
    const gw = await provisionTestGateway(test.db, zone)
    const old = await hashScrypt(gw.password, { N: 1024, r: 1, p: 1 })
    await test.db.query('update gateways set secret_hash = $1 where id = $2', [old, gw.gatewayId])
    const b = await start()
    faulty.state.fail = UPGRADE
    try {
      const client = await connectGateway(b.url, gw)
      expect(client.connected).toBe(true)
      await until('the failed upgrade in the log', () =>
        b.logs.some((l) => l.gatewayId === gw.gatewayId && /upgrade failed/.test(l.msg)),
      )
      await client.endAsync()
    } finally {
      faulty.state.fail = null
    }
    const [row] = await test.db.query<{ h: string }>('select secret_hash as h from gateways where id = $1', [
      gw.gatewayId,
    ])
    expect(row!.h).toBe(old)
  })
})
