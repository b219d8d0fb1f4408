// Fault injected: the platform's broker is down for a simulated hour while the probes keep measuring, then
// comes back while live readings keep flowing. Must survive: every reading produced ends in the database
// exactly once (count and a checksum over sensor, metric, time and value), the spool empties, and live
// readings are not held back behind the backlog.
import { createHash } from 'node:crypto'
import { provisionGateway } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { freePort } from '../helpers/net.ts'
import { brokerOn, probeReadings, startTestAgent } from './agent-harness.ts'

const testDb = sharedFixture(getTestDB)

const HOUR = 3600

describe(`edge agent through a broker outage (${backendName})`, () => {
  it('backfills an hour of readings after the outage with none lost and none duplicated', {
    timeout: 180_000,
  }, async () => {
    const zone = await seedZone(testDb.db)
    const sensorId = 'gw-outage-s1'
    const gw = await provisionGateway(testDb.db, {
      id: 'gw-outage',
      zone,
      sensors: (['salinity', 'ph', 'dissolved_oxygen', 'temperature'] as const).map((metric) => ({
        sensorId,
        metric,
      })),
    })
    const port = await freePort()
    let broker = await brokerOn(testDb.db, port)
    const ta = await startTestAgent(port, { gatewayId: gw.gatewayId, password: gw.password })
    const { agent } = ta
    const start = Date.now() - 3 * HOUR * 1000
    const produced = []
    try {
      const before = probeReadings(sensorId, start, 60)
      await agent.sink.accept(before)
      produced.push(...before)
      await expect.poll(() => stored(), { timeout: 20_000 }).toBe(produced.length)

      await broker.close()
      // An hour of readings while the platform is unreachable, delivered as a node would: a pack a second.
      const outage = probeReadings(sensorId, start + 60_000, HOUR)
      for (let i = 0; i < outage.length; i += 4) await agent.sink.accept(outage.slice(i, i + 4))
      produced.push(...outage)
      expect(agent.spool.stats().depth).toBeGreaterThanOrEqual(HOUR)
      expect(await stored()).toBe(before.length)

      broker = await brokerOn(testDb.db, port)
      // Live readings keep coming while the backlog drains; they must not wait for the whole backlog.
      const live = probeReadings(sensorId, start + (60 + HOUR) * 1000, 20)
      await agent.sink.accept(live.slice(0, 4))
      await expect.poll(() => isStored(live[0]!.time), { timeout: 20_000 }).toBe(true)
      for (let i = 4; i < live.length; i += 4) await agent.sink.accept(live.slice(i, i + 4))
      produced.push(...live)

      const backfill = performance.now()
      await expect.poll(() => stored(), { timeout: 120_000, interval: 200 }).toBe(produced.length)
      console.log(`backfill took ${Math.round(performance.now() - backfill)} ms`, agent.uplink.stats())
      await expect.poll(() => agent.spool.stats().depth, { timeout: 10_000 }).toBe(0)
      expect(await checksumInDb()).toBe(checksum(produced))
    } finally {
      await ta.close()
      await broker.close()
    }

    async function stored(): Promise<number> {
      const [r] = await testDb.db.query<{ n: number }>(
        `select count(*)::int as n from readings where sensor_id = $1`,
        [sensorId],
      )
      return r?.n ?? 0
    }
    async function isStored(time: number): Promise<boolean> {
      const rows = await testDb.db.query(`select 1 from readings where sensor_id = $1 and time = $2`, [
        sensorId,
        new Date(time).toISOString(),
      ])
      return rows.length > 0
    }
    async function checksumInDb(): Promise<string> {
      const rows = await testDb.db.query<{ metric: string; time: Date; value: number }>(
        `select metric, time, value from readings where sensor_id = $1`,
        [sensorId],
      )
      return checksum(
        rows.map((r) => ({ sensorId, metric: r.metric, time: r.time.getTime(), value: r.value })),
      )
    }
  })
})

/** Order-independent: a digest of the sorted lines. */
function checksum(rows: { sensorId: string; metric: string; time: number; value: number }[]): string {
  const lines = rows.map((r) => `${r.sensorId}|${r.metric}|${r.time}|${r.value}`).sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}
