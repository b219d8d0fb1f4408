// A will is only the gateway's word while the node publishing it still holds the gateway (publish/stale-will.ts).
// Here with the real gateways table: which wills are dropped, and that a lost node's thousands of wills are
// decided by a handful of queries rather than one each.
import { type Database, gatewayHolders, provisionGateways } from '@zonetrace/db'
import type { Client, PublishPacket } from 'aedes'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBatchedLookup } from '../../broker/src/batched-lookup.ts'
import type { BrokerContext } from '../../broker/src/context.ts'
import { STOP } from '../../broker/src/publish/request.ts'
import { dropStaleWill } from '../../broker/src/publish/stale-will.ts'
import { noTakeovers } from '../../broker/src/takeovers.ts'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'

const HERE = 'node-here'
const THERE = 'node-there'
const FLEET = 1200

let testDb: TestDB
let queries = 0

beforeAll(async () => {
  testDb = await getTestDB()
  const zone = await seedZone(testDb.db)
  const ids = Array.from({ length: FLEET }, (_, i) => `gw-will-${i}`)
  await provisionGateways(
    testDb.db,
    ids.map((id) => ({ id, zone, sensors: ['salinity'] })),
  )
  // A third held here, a third by another node, a third by none.
  await testDb.db.query(
    `update gateways set connected_node = case (substring(id from 9)::int % 3)
       when 0 then $1 when 1 then $2 end
      where id like 'gw-will-%'`,
    [HERE, THERE],
  )
}, 120_000)

afterAll(() => testDb?.close())

function context(takenOver: Set<string> = new Set()): BrokerContext {
  const db: Pick<Database, 'query'> = {
    query: (sql: string, params?: unknown[]) => {
      queries++
      return testDb.db.query(sql, params)
    },
  } as Pick<Database, 'query'>
  return {
    nodeId: HERE,
    log: pino({ level: 'silent' }),
    takeovers: { ...noTakeovers, elsewhere: (clientId: string) => takenOver.has(clientId) },
    holderOf: createBatchedLookup((ids) => gatewayHolders(db, ids)),
  } as unknown as BrokerContext
}

const closing = (id: string) => ({ id, closed: true }) as unknown as Client
const will = (id: string): PublishPacket =>
  ({ cmd: 'publish', topic: `zt/v1/gw/${id}/status`, retain: true, qos: 1 }) as unknown as PublishPacket

describe(`stale wills (${backendName})`, () => {
  it('lets a live connection speak, and the will of a gateway held here or by nobody through', async () => {
    const ctx = context()
    const open = { id: 'gw-will-1', closed: false } as unknown as Client
    expect(
      await dropStaleWill({ ctx, client: open, packet: will('gw-will-1'), gatewayId: 'gw-will-1' }),
    ).toBe(undefined)
    for (const id of ['gw-will-0', 'gw-will-2']) {
      const packet = will(id)
      expect(await dropStaleWill({ ctx, client: closing(id), packet, gatewayId: id })).toBe(undefined)
      expect(packet.retain).toBe(true)
    }
  })

  it('drops, unretained, the will of a vanished broker, of a taken-over client and of a gateway held elsewhere', async () => {
    const ctx = context(new Set(['gw-will-3']))
    for (const [client, id] of [
      [null, 'gw-will-0'],
      [closing('gw-will-3'), 'gw-will-3'],
      [closing('gw-will-4'), 'gw-will-4'],
    ] as const) {
      const packet = will(id)
      expect(await dropStaleWill({ ctx, client, packet, gatewayId: id })).toBe(STOP)
      expect(packet.retain).toBe(false)
    }
  })

  it("decides a lost node's wills for the whole fleet in a few queries, each right", async () => {
    const ctx = context()
    queries = 0
    const outcomes = await Promise.all(
      Array.from({ length: FLEET }, (_, i) => {
        const id = `gw-will-${i}`
        return dropStaleWill({ ctx, client: closing(id), packet: will(id), gatewayId: id })
      }),
    )
    outcomes.forEach((outcome, i) => {
      expect(outcome, `gw-will-${i}`).toBe(i % 3 === 1 ? STOP : undefined)
    })
    // 1,200 lookups in batches of at most 1,000.
    expect(queries).toBeGreaterThanOrEqual(2)
    expect(queries).toBeLessThanOrEqual(4)
  })
})
