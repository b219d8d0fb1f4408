// Fault injected: a gateway publishes mutated SenML packs on its readings topic and mutated statuses on its
// status topic, over a valid session (mqtt-mutations.ts: NUL, C0/C1 controls, lone surrogates, bytes that
// are not UTF-8, numbers beyond double range, 1 MB strings within the packet cap, deep nesting, __proto__
// keys, wrong types), one after the other. Meanwhile a well-behaved gateway streams packs and statuses.
// Must survive: every mutated pack is acknowledged on a connection that stays up and ends up stored or
// dead-lettered (rows counted per pack); every dead letter raised is in the table, none dropped; the other
// gateway's readings are all stored once and its presence keeps moving; the database (embedded too) and
// the broker stay up. FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> makes it longer (default 120).
import { createHash } from 'node:crypto'
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { catchCrashes } from './crash-catcher.ts'
import { metricValue } from './metrics-text.ts'
import { int, mutatedSenml, mutatedStatus, seededRandom } from './mqtt-mutations.ts'
import { expectedFingerprint, numberedPack, storedFingerprint, streamPacks } from './numbered-packs.ts'

const SEED = Number(process.env.FUZZ_SEED) || 20_260_301
const RUNS = Number(process.env.FUZZ_RUNS) || 120
// A 1 MB string fits in a payload, and the payload in a packet.
const MAX_PAYLOAD = 1_200_000

const fixture = sharedBrokerFixture({
  gateways: 2,
  broker: {
    presenceFlushMs: 50,
    deadLetters: { flushMs: 20 },
    batch: { maxDelayMs: 10 },
    ingest: { maxPayloadBytes: MAX_PAYLOAD, maxFutureSeconds: 600, maxAgeDays: 400 },
  },
})
const fuzzer = fixtureGateway(fixture, 0)
const witness = fixtureGateway(fixture, 1)

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

async function readingsOf(gw: GatewayCredentials): Promise<number> {
  const [row] = await fixture.db.query<{ n: number }>(
    'select count(*)::int as n from readings where sensor_id = any($1::text[])',
    [gw.sensors.map((s) => s.sensorId)],
  )
  return row!.n
}

/** Dead letters of this gateway whose stored payload is this one (its first 16 KiB). */
async function deadLettersOf(gatewayId: string, payload: Buffer): Promise<number> {
  const [row] = await fixture.db.query<{ n: number }>(
    'select count(*)::int as n from dead_letters where gateway_id = $1 and md5(payload) = $2',
    [gatewayId, md5(payload.subarray(0, 16 * 1024))],
  )
  return row!.n
}

async function presenceOf(gatewayId: string) {
  const [row] = await fixture.db.query<{
    online: boolean
    lastSeenAt: Date
    status: Record<string, unknown>
  }>('select online, last_seen_at as "lastSeenAt", status from gateways where id = $1', [gatewayId])
  return row!
}

describe(`broker under mutated payloads (${backendName})`, () => {
  it(`stores or dead-letters ${RUNS} mutated packs and statuses while another gateway keeps moving (seed ${SEED})`, async () => {
    console.info(`payload fuzz: seed ${SEED}, ${RUNS} runs (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} replays it)`)
    const caught = catchCrashes()
    const rng = seededRandom(SEED)
    const fuzzClient = await fixture.connect(fuzzer)
    const witnessClient = await fixture.connect(witness)
    let fuzzCloses = 0
    fuzzClient.on('close', () => fuzzCloses++)
    const nowSec = Math.floor(Date.now() / 1000)
    const stream = streamPacks(witnessClient, witness, nowSec - 20 * 86_400, { window: 10, tickMs: 20 })
    let spool = 0
    const publishWitnessStatus = () =>
      witnessClient.publishAsync(
        topics.status(witness.gatewayId),
        JSON.stringify({ state: 'online', spool: ++spool }),
        {
          qos: 1,
        },
      )
    const statusTimer = setInterval(() => void publishWitnessStatus(), 100)
    const outcomes = { stored: 0, deadLettered: 0, both: 0 }
    const witnessSeen: number[] = []
    try {
      for (let i = 0; i < RUNS; i++) {
        // A valid pack of the fuzzer's channels at its own second, then broken at one place.
        const base = numberedPack(fuzzer, i, nowSec - 10 * 86_400)
        const records = JSON.parse(base.payload) as Record<string, unknown>[]
        const mutated = mutatedSenml(rng, records)
        const payload = typeof mutated === 'string' ? Buffer.from(mutated) : mutated
        const before = await readingsOf(fuzzer)
        await fuzzClient.publishAsync(topics.readings(fuzzer.gatewayId), payload, { qos: 1 })
        // The PUBACK means its readings are committed; its dead letters follow within a flush.
        const stored = (await readingsOf(fuzzer)) > before
        if (!stored) {
          await expect
            .poll(() => deadLettersOf(fuzzer.gatewayId, payload), {
              timeout: 5_000,
              message: `run ${i}: pack neither stored nor dead-lettered: ${payload.subarray(0, 200).toString('utf8')}`,
            })
            .toBeGreaterThan(0)
        }
        const dead = stored && (await deadLettersOf(fuzzer.gatewayId, payload)) > 0
        if (!stored) outcomes.deadLettered++
        else if (dead) outcomes.both++
        else outcomes.stored++

        const status = mutatedStatus(rng, { state: 'online', spool: i, uptime: int(rng, 10_000) })
        await fuzzClient.publishAsync(topics.status(fuzzer.gatewayId), status, { qos: 1 })
        if (i % 20 === 0) witnessSeen.push((await presenceOf(witness.gatewayId))?.lastSeenAt?.getTime() ?? 0)
      }

      // The witness's presence moved while the fuzzer's payloads went through.
      clearInterval(statusTimer)
      const lastSpool = spool
      await publishWitnessStatus()
      await expect
        .poll(async () => (await presenceOf(witness.gatewayId)).status, { timeout: 5_000 })
        .toEqual({ state: 'online', spool: lastSpool + 1 })
      witnessSeen.push((await presenceOf(witness.gatewayId)).lastSeenAt.getTime())
      expect(new Set(witnessSeen).size).toBeGreaterThan(Math.min(3, witnessSeen.length - 1))
      expect((await presenceOf(witness.gatewayId)).online).toBe(true)

      // Every reading of the witness stored once.
      stream.stop()
      await stream.drained(30_000)
      expect(stream.errors).toEqual([])
      expect(
        await storedFingerprint(
          fixture.db,
          witness.sensors.map((s) => s.sensorId),
        ),
      ).toEqual(expectedFingerprint(stream.readings()))

      // Every dead letter raised is in the table: none dropped, none left behind in the buffer.
      await expect.poll(() => fixture.broker.stats().deadLetters.buffered, { timeout: 10_000 }).toBe(0)
      const { byReason, dropped } = fixture.broker.stats().deadLetters
      const raised = Object.values(byReason).reduce((a, b) => a + b, 0)
      const [table] = await fixture.db.query<{ n: number }>('select count(*)::int as n from dead_letters')
      expect(dropped).toBe(0)
      expect(table!.n).toBe(raised)
      const text = await fixture.broker.metrics.metrics()
      expect(metricValue(text, 'zonetrace_writer_rows_dropped_total', { writer: 'dead_letters' })).toBe(0)

      expect(caught.crashes).toEqual([])
      expect(fuzzCloses).toBe(0)
      expect(fuzzClient.connected).toBe(true)
      console.info(
        `payload fuzz: ${RUNS} packs (${outcomes.stored} stored, ${outcomes.deadLettered} dead-lettered, ` +
          `${outcomes.both} both) and ${RUNS} statuses; ${raised} dead letters, all stored; ` +
          `rows isolated: dead_letters ${metricValue(text, 'zonetrace_writer_rows_isolated_total', { writer: 'dead_letters' })}, ` +
          `presence ${metricValue(text, 'zonetrace_writer_rows_isolated_total', { writer: 'presence' })}; ` +
          `witness: ${stream.sent()} packs stored, presence written ${new Set(witnessSeen).size} times`,
      )
    } finally {
      clearInterval(statusTimer)
      stream.stop()
      caught.stop()
      await fuzzClient.endAsync(true)
      await witnessClient.endAsync(true)
    }
  }, 180_000)
})
