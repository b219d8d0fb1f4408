// Fault injected: kill -9 of the broker process (`zonetrace broker`, a child process) while a gateway
// publishes numbered QoS 1 packs, then the broker is started again on the same port and database.
// Must survive: every reading acknowledged before the kill (a PUBACK means committed), and in the end the
// database holds exactly the readings the gateway sent, no more and no fewer: mqtt.js keeps every
// unacknowledged pack in its outgoing store and resends it after reconnecting, and a pack that was
// committed but not yet acknowledged when the broker died is stored once however often it is resent.
// That last window is sub-millisecond, so after each kill the test also stores half the packs in flight
// itself, as a broker that died between its commit and its PUBACK would have left them.
// On the embedded backend this holds for a process kill because PGlite writes every WAL page through to
// the OS (Emscripten NODEFS, fs.writeSync). NODEFS has no fsync, though: a power loss or kernel crash can
// lose acknowledged readings there; only the server backend (fsync=on) keeps the promise across those.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { type Database, openDatabase } from '@zonetrace/db'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliSandbox, createSandbox, freePort, type RunningCli, startCli } from '../cli/cli-harness.ts'
import { backendName } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { sleep, until } from '../helpers/wait.ts'
import { expectedFingerprint, type PackStream, storedFingerprint, streamPacks } from './numbered-packs.ts'

const KILLS = 1
let sandbox: CliSandbox
let port: number
let gw: GatewayCredentials
beforeAll(async () => {
  port = await freePort()
  sandbox = await createSandbox({
    MQTT_PORT: String(port),
    MQTT_WS_PORT: '0',
    METRICS_PORT: '0',
    REDIS_URL: '',
  })
  await withDatabase(async (db) => {
    const { provisionGateway } = await import('@zonetrace/db')
    gw = await provisionGateway(db, {
      id: 'gw-crash-1',
      zone: await seedZone(db),
      sensors: ['salinity', 'ph'],
    })
  })
})
afterAll(() => sandbox?.close())

/** The broker's database, opened by the test only while no broker holds it (the embedded one is exclusive). */
async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { db } = await openDatabase({ databaseUrl: sandbox.env.DATABASE_URL, dataDir: sandbox.dataDir })
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}

async function startBrokerProcess(): Promise<RunningCli> {
  const broker = startCli(['broker'], sandbox.env)
  await until(
    'the broker to listen',
    async () => {
      const exited = broker.exited()
      if (exited) throw new Error(`broker exited early (${exited.code}): ${exited.stderr}`)
      return broker.stdout().includes('MQTT broker listening') ? true : undefined
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  )
  return broker
}

function connectGateway(): Promise<MqttClient> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
    username: gw.username,
    password: gw.password,
    protocolVersion: 4,
    reconnectPeriod: 200,
    connectTimeout: 5_000,
  })
  // Refused reconnects while the broker is down are expected; the client keeps trying.
  client.on('error', () => {})
  return new Promise((resolve) => client.once('connect', () => resolve(client)))
}

describe(`broker killed with SIGKILL mid-ingest (${backendName})`, () => {
  it('ends with exactly the readings the gateway sent after it resends the unacknowledged ones', async () => {
    let broker = await startBrokerProcess()
    const client = await connectGateway()
    let reconnects = 0
    client.on('reconnect', () => reconnects++)
    const stream = streamPacks(client, gw, Math.floor(Date.now() / 1000) - 30 * 86_400, {
      window: 200,
      tickMs: 2,
      perTick: 5,
    })
    const kills: { sent: number; acked: number; committedUnacked: number; landed: number }[] = []
    try {
      for (let round = 0; round < KILLS; round++) {
        const before = stream.acked()
        await until('PUBACKs to flow', async () => (stream.acked() >= before + 300 ? true : undefined), {
          timeoutMs: 60_000,
          intervalMs: 250,
          retryErrors: true,
        })
        broker.child.kill('SIGKILL')
        expect((await broker.done).signal).toBe('SIGKILL')
        const sent = stream.sent()
        const acked = stream.ackedPacks()
        const ackedSet = new Set(acked)
        const inFlight = Array.from({ length: sent }, (_, n) => n).filter((n) => !ackedSet.has(n))
        // Half the packs in flight get the fate of a broker that died between its commit and its PUBACK:
        // their rows are in the database, yet the gateway still resends them.
        const landed = inFlight.slice(0, Math.ceil(inFlight.length / 2))
        const committedUnacked = await withDatabase(async (db) => {
          expect(await packsStored(db, stream, acked)).toBe(acked.length)
          const committed = await packsStored(db, stream, inFlight)
          await storeDirectly(db, stream, landed)
          return committed
        })
        kills.push({ sent, acked: acked.length, committedUnacked, landed: landed.length })
        // Down for a while: the gateway's window is full of unacknowledged packs, which it keeps.
        await sleep(300)
        broker = await startBrokerProcess()
      }
      await sleep(1000)
      stream.stop()
      await stream.drained(60_000)
      expect(stream.errors).toEqual([])
      expect(reconnects).toBeGreaterThanOrEqual(KILLS)

      await client.endAsync()
      broker.child.kill('SIGTERM')
      expect((await broker.done).code).toBe(0)
      const sensors = gw.sensors.map((s) => s.sensorId)
      const stored = await withDatabase((db) => storedFingerprint(db, sensors))
      expect(stored).toEqual(expectedFingerprint(stream.readings()))
      const perKill = kills.map(
        (k) =>
          `${k.acked}/${k.sent} acknowledged, ${k.sent - k.acked} in flight` +
          ` (${k.committedUnacked} committed by the broker, ${k.landed} stored by the test)`,
      )
      console.info(
        `crash (${backendName}): ${stream.sent()} packs sent, ${stored.count} readings stored = sent;` +
          ` at each kill: ${perKill.join('; ')}`,
      )
    } finally {
      stream.stop()
      await client.endAsync(true)
      if (!broker.exited()) broker.child.kill('SIGKILL')
      await broker.done
    }
  }, 180_000)
})

/** Stores these packs' readings as the broker would have, had it committed them before dying. */
async function storeDirectly(db: Database, stream: PackStream, packs: number[]): Promise<void> {
  const rows = packs.flatMap((n) =>
    stream.readings().slice(n * gw.sensors.length, (n + 1) * gw.sensors.length),
  )
  await db.query(
    `insert into readings (time, sensor_id, metric, value, quality)
     select to_timestamp(t / 1000.0), s, m, v, 0 from unnest($1::float8[], $2::text[], $3::text[], $4::float8[]) as r(t, s, m, v)
     on conflict do nothing`,
    [
      rows.map((r) => r.timeMs),
      rows.map((r) => r.sensorId),
      rows.map((r) => r.metric),
      rows.map((r) => r.value),
    ],
  )
}

/** How many of these packs are stored whole (every channel at the pack's time). */
async function packsStored(db: Database, stream: PackStream, packs: number[]): Promise<number> {
  const times = packs.map((n) => new Date(stream.readings()[n * gw.sensors.length]!.timeMs))
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from readings where sensor_id = any($1::text[]) and time = any($2::timestamptz[])`,
    [gw.sensors.map((s) => s.sensorId), times],
  )
  return (row?.n ?? 0) / gw.sensors.length
}
