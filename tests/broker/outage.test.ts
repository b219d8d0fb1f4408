// Fault injected: the TimescaleDB server is stopped (immediate shutdown: connections cut, no checkpoint)
// while a gateway publishes QoS 1 packs, then started again. The server is a private cluster
// (tests/helpers/tsdb-instance.ts), never the shared one at DATABASE_URL, so this runs on both backends.
// Must survive: the broker process and the gateway's connection; no PUBACK while the database is down;
// every pack sent ends up stored exactly once after the restart; queued rows and memory stay bounded;
// and a broker closed during an outage returns in bounded time, leaving its readings to be resent.
import { type RunningBroker, startBroker } from '@zonetrace/broker'
import { type Database, openDatabase } from '@zonetrace/db'
import mqtt from 'mqtt'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedZone } from '../helpers/fixtures.ts'
import { startTsdbInstance, type TsdbInstance, tsdbUnavailableReason } from '../helpers/tsdb-instance.ts'
import { sleep } from '../helpers/wait.ts'
import { openBrokerFixture } from './broker-fixture.ts'
import { type CrashCatcher, catchCrashes } from './crash-catcher.ts'
import { expectedFingerprint, numberedPack, storedFingerprint, streamPacks } from './numbered-packs.ts'

const unavailable = tsdbUnavailableReason()
const MAX_PENDING_ROWS = 150

let tsdb: TsdbInstance
let db: Database
let zone: string
// The broker runs in this process: a connection error that nobody listens to would land here.
let caught: CrashCatcher | undefined
beforeAll(async () => {
  if (unavailable) return
  caught = catchCrashes()
  tsdb = await startTsdbInstance()
  db = (await openDatabase({ databaseUrl: tsdb.url, poolSize: 4 })).db
  zone = await seedZone(db)
})
beforeEach(() => {
  if (caught) caught.crashes.length = 0
})
afterAll(async () => {
  caught?.stop()
  await db?.close()
  await tsdb?.destroy()
})

/** Samples the broker's queue and this process's memory until stopped. */
function sampleLoad(broker: RunningBroker) {
  const peak = { pendingRows: 0, blockedWrites: 0, rssMb: 0 }
  const timer = setInterval(() => {
    const s = broker.stats()
    peak.pendingRows = Math.max(peak.pendingRows, s.pendingRows)
    peak.blockedWrites = Math.max(peak.blockedWrites, s.blockedWrites)
    peak.rssMb = Math.max(peak.rssMb, process.memoryUsage().rss / 2 ** 20)
  }, 20)
  return { peak, stop: () => clearInterval(timer) }
}

describe.skipIf(unavailable)(
  `broker through a database outage${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('holds PUBACKs and connections while the server is down, then stores every pack exactly once', async () => {
      const fixture = await openBrokerFixture({
        on: { db, zone },
        gateways: 1,
        broker: { batch: { maxRows: 60, maxDelayMs: 5, maxPendingRows: MAX_PENDING_ROWS } },
      })
      const gw = fixture.gateways[0]!
      const client = await fixture.connect(gw, { reconnectPeriod: 500 })
      let closes = 0
      client.on('close', () => closes++)
      const rssBefore = process.memoryUsage().rss / 2 ** 20
      const load = sampleLoad(fixture.broker)
      const stream = streamPacks(client, gw, Math.floor(Date.now() / 1000) - 30 * 86_400, { window: 100 })
      try {
        await sleep(1500)
        const ackedBeforeStop = stream.acked()
        expect(ackedBeforeStop).toBeGreaterThan(0)

        await tsdb.stop('immediate')
        const stoppedAt = Date.now()
        await sleep(4000)
        // A batch already committing when the server went down may still be acknowledged; nothing after.
        const acksDuringOutage = stream.ackTimes.filter((t) => t > stoppedAt + 500).length
        const stats = fixture.broker.stats()
        const during = { acked: stream.acked(), sent: stream.sent(), stats }
        expect(acksDuringOutage, JSON.stringify(during)).toBe(0)
        expect(stats.retrying).toBe(true)
        expect(stats.dbErrors).toBeGreaterThan(0)
        expect(stats.commitFailures).toBe(0)
        expect(client.connected).toBe(true)
        // The window is full: the gateway is waiting on PUBACKs, not piling packs into the broker.
        expect(stream.sent() - stream.acked()).toBe(100)

        await tsdb.start()
        const restartedAt = Date.now()
        await sleep(1500)
        stream.stop()
        await stream.drained(30_000)
        const recoveredMs = (stream.ackTimes.find((t) => t > restartedAt) ?? Number.NaN) - restartedAt
        load.stop()

        expect(caught?.crashes).toEqual([])
        expect(stream.errors).toEqual([])
        const sensors = gw.sensors.map((s) => s.sensorId)
        expect(await storedFingerprint(db, sensors)).toEqual(expectedFingerprint(stream.readings()))
        expect(closes).toBe(0)
        expect(fixture.broker.stats()).toMatchObject({ retrying: false, commitFailures: 0, pendingRows: 0 })
        expect(load.peak.pendingRows).toBeLessThanOrEqual(MAX_PENDING_ROWS)
        expect(load.peak.rssMb - rssBefore).toBeLessThan(200)
        expect(
          fixture.logs.filter((l) => l.msg === 'database reachable again: acknowledging readings'),
        ).toHaveLength(1)
        console.info(
          `outage: ${stream.sent()} packs (${stream.readings().length} readings), ${ackedBeforeStop} acked before the stop,` +
            ` ${during.sent - during.acked} held during it, ${stats.dbErrors} failed attempts, first PUBACK ${recoveredMs} ms` +
            ` after restart, peak pending rows ${load.peak.pendingRows}, peak blocked writes ${load.peak.blockedWrites},` +
            ` RSS ${rssBefore.toFixed(0)} -> peak ${load.peak.rssMb.toFixed(0)} MB`,
        )
      } catch (err) {
        throw new Error(`${(err as Error).message}\n--- server log ---\n${await tsdb.serverLog()}`, {
          cause: err,
        })
      } finally {
        stream.stop()
        load.stop()
        await tsdb.start().catch(() => {})
        await client.endAsync(true)
        await fixture.close()
      }
    }, 120_000)

    it('closes in bounded time during an outage; the gateway resends the unacknowledged pack afterwards', async () => {
      const fixture = await openBrokerFixture({
        on: { db, zone },
        gateways: 1,
        broker: { batch: { maxDelayMs: 5, closeTimeoutMs: 1000 } },
      })
      const gw = fixture.gateways[0]!
      const port = fixture.broker.port
      const client = mqtt.connect(fixture.url, {
        username: gw.username,
        password: gw.password,
        protocolVersion: 4,
        reconnectPeriod: 300,
      })
      // Reconnects are refused while no broker listens; the client keeps its pack and keeps trying.
      client.on('error', () => {})
      await new Promise<void>((resolve) => client.once('connect', () => resolve()))
      const { payload, readings } = numberedPack(gw, 0, Math.floor(Date.now() / 1000) - 7200)
      const sensors = gw.sensors.map((s) => s.sensorId)
      let next: RunningBroker | undefined
      try {
        await tsdb.stop('immediate')
        const acked = client.publishAsync(`zt/v1/gw/${gw.gatewayId}/readings`, payload, { qos: 1 })
        await expect.poll(() => fixture.broker.stats().retrying, { timeout: 10_000 }).toBe(true)

        const started = Date.now()
        await fixture.broker.close()
        const closeMs = Date.now() - started
        expect(closeMs).toBeLessThan(5000)
        const left = fixture.logs.find((l) => l.msg.startsWith('closing with readings not committed'))
        expect(left).toMatchObject({ readings: readings.length, packs: 1 })

        // The readings were not lost: the gateway still holds the pack and resends it to the next broker.
        await tsdb.start()
        expect((await storedFingerprint(db, sensors)).count).toBe(0)
        next = await startBroker({ db, port, host: '127.0.0.1', logger: pino({ level: 'silent' }) })
        await acked
        expect(await storedFingerprint(db, sensors)).toEqual(expectedFingerprint(readings))
        expect(caught?.crashes).toEqual([])
        console.info(
          `outage close: gave up after ${closeMs} ms with ${left?.readings} readings unacknowledged`,
        )
      } finally {
        await tsdb.start().catch(() => {})
        await client.endAsync(true)
        await fixture.close()
        await next?.close()
      }
    }, 60_000)
  },
)
