// npm run bench:edge — an edge agent with a backlog of at least 100,000 readings reconnects; the rate at
// which the backlog reaches the database is compared, in the same run, with the rate of live readings
// flowing through the same agent when there is no backlog. Live readings keep flowing during the backfill.
// Last line: RESULT backfill_rps=… live_rps=… ratio=… lost=… duplicated=…
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningBroker, startBroker } from '@zonetrace/broker'
import type { Metric } from '@zonetrace/contracts'
import { provisionGateway, upsertGrowingArea } from '@zonetrace/db'
import { type AgentReading, resolveAgentConfig, startAgent } from '@zonetrace/edge-agent'
import pino from 'pino'
import { benchSeconds, openBenchDB, round } from './bench-db.ts'

const LIVE_SECONDS = benchSeconds(10)
const BACKLOG = Math.max(100_000, Number(process.env.BENCH_BACKLOG) || 0)
const NODES = 50 // LAN nodes pushing packs concurrently, as a busy gateway would see them
const METRICS: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
// Healthy shrimp-pond water (water-dynamics.md), so no local alarm fires and every reading is plain data.
const TYPICAL: Record<string, number> = { salinity: 15, ph: 8, dissolved_oxygen: 5.5, temperature: 29 }
const log = pino({ level: process.env.BENCH_LOG ?? 'warn' })

const bench = await openBenchDB()
const { db } = bench
await upsertGrowingArea(db, {
  code: 'BENCH-EDGE',
  name: 'Benchmark',
  crop: 'shrimp',
  kind: 'shrimp_pond',
  communeCode: '29455',
})
const sensorIds = Array.from({ length: NODES }, (_, i) => `bench-edge-n${i}`)
const gw = await provisionGateway(db, {
  id: 'bench-edge',
  zone: 'BENCH-EDGE',
  sensors: sensorIds.flatMap((sensorId) => METRICS.map((metric) => ({ sensorId, metric }))),
})
const port = await freePort()
let broker: RunningBroker = await brokerOn(port)
const dataDir = await mkdtemp(join(tmpdir(), 'zt-bench-edge-'))
const config = await resolveAgentConfig({
  gatewayId: gw.gatewayId,
  secret: gw.password,
  brokerUrl: `mqtt://127.0.0.1:${port}`,
  dataDir,
  inputs: {},
  spool: { maxMegabytes: 512, fsync: 'always' },
  uplink: { backoffMinMs: 100, backoffMaxMs: 1000 },
})
const agent = await startAgent({ config, log })
console.log(
  `database: ${bench.label}; ${NODES} nodes, live phase ${LIVE_SECONDS}s, backlog ${BACKLOG} readings`,
)

// Every reading gets its own instant per sensor, so the database can tell a lost one from a duplicate.
const produced: AgentReading[] = []
const clock = new Map<string, number>()
const base = Date.now() - 2 * 86_400_000
function pack(node: number): AgentReading[] {
  const sensorId = sensorIds[node]!
  const time = (clock.get(sensorId) ?? base) + 1000
  clock.set(sensorId, time)
  const wobble = ((time / 1000) % 20) / 100
  const readings = METRICS.map((metric) => ({
    sensorId,
    metric,
    time,
    value: TYPICAL[metric]! + wobble,
    quality: 0 as const,
  }))
  produced.push(...readings)
  return readings
}

// Live: every node pushes packs as fast as the agent sends them on. Nodes hold back while more than a few
// thousand entries wait, so this measures the uplink's live throughput rather than building a backlog.
const LIVE_QUEUE = 2000
await Promise.all(sensorIds.map((_, node) => agent.sink.accept(pack(node))))
await waitUntil(async () => (await stored()) >= produced.length)
const liveFrom = await stored()
const liveStart = performance.now()
await Promise.all(
  sensorIds.map(async (_, node) => {
    while (performance.now() - liveStart < LIVE_SECONDS * 1000) {
      if (agent.spool.stats().depth > LIVE_QUEUE) await sleep(5)
      else await agent.sink.accept(pack(node))
    }
  }),
)
const liveRps = ((await stored()) - liveFrom) / ((performance.now() - liveStart) / 1000)
await waitUntil(async () => agent.spool.stats().depth === 0 && (await stored()) >= produced.length)
console.log(`live: ${round(liveRps)} readings/s from node to database`)

// Outage: the platform goes away and the backlog builds up in the spool.
await broker.close()
const backlogStart = produced.length
while (produced.length - backlogStart < BACKLOG) {
  await Promise.all(sensorIds.map((_, node) => agent.sink.accept(pack(node))))
}
const backlog = produced.length - backlogStart
console.log(`backlog: ${backlog} readings in ${agent.spool.stats().depth} spool entries`)

// Reconnect: the backlog drains while live readings keep arriving at a field-like pace.
const beforeBackfill = await stored()
broker = await brokerOn(port)
const backfillStart = performance.now()
let flowing = true
const liveDuring = (async () => {
  for (let n = 0; flowing; n++) {
    await agent.sink.accept(pack(n % NODES))
    await sleep(20)
  }
})()
await waitUntil(async () => (await stored()) - beforeBackfill >= backlog)
const backfillRps = backlog / ((performance.now() - backfillStart) / 1000)
flowing = false
await liveDuring
await waitUntil(async () => agent.spool.stats().depth === 0 && (await stored()) >= produced.length)
console.log(`backfill: ${round(backfillRps)} readings/s while live readings kept flowing`)

const { lost, duplicated } = await reconcile()
console.log(
  `agent sent ${agent.uplink.stats().readingsSent} readings for ${produced.length} produced (resends are stored once)`,
)
await agent.close()
await broker.close()
await rm(dataDir, { recursive: true, force: true })
await bench.close()
console.log(
  `RESULT backfill_rps=${round(backfillRps)} live_rps=${round(liveRps)} ratio=${round(backfillRps / liveRps, 3)} lost=${lost} duplicated=${duplicated}`,
)
process.exit(0)

async function stored(): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `select count(*)::int as n from readings where sensor_id like 'bench-edge-%'`,
  )
  return r?.n ?? 0
}

/** Produced vs stored, by (sensor, metric, time): missing ones are lost; extra rows or values are duplicates. */
async function reconcile(): Promise<{ lost: number; duplicated: number }> {
  const rows = await db.query<{ sensor_id: string; metric: string; time: Date; value: number }>(
    `select sensor_id, metric, time, value from readings where sensor_id like 'bench-edge-%'`,
  )
  const want = new Map(produced.map((r) => [`${r.sensorId}|${r.metric}|${r.time}`, r.value]))
  let duplicated = 0
  const seen = new Set<string>()
  for (const r of rows) {
    const key = `${r.sensor_id}|${r.metric}|${r.time.getTime()}`
    if (seen.has(key) || want.get(key) !== r.value) duplicated++
    seen.add(key)
  }
  const lost = [...want.keys()].filter((k) => !seen.has(k)).length
  const digest = createHash('sha256')
    .update([...seen].sort().join('\n'))
    .digest('hex')
    .slice(0, 12)
  console.log(`reconciled ${rows.length} rows against ${want.size} produced (digest ${digest})`)
  return { lost, duplicated }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

async function waitUntil(done: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const until = performance.now() + timeoutMs
  while (!(await done())) {
    if (performance.now() > until) throw new Error('bench:edge timed out waiting for the database')
    await sleep(200)
  }
}

function brokerOn(p: number): Promise<RunningBroker> {
  return startBroker({ db, port: p, host: '127.0.0.1', logger: log })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port: p } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return p
}
