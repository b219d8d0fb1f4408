// npm run bench:ingest — committed readings per second through MQTT (QoS 1, PUBACK after commit) against
// the fastest raw load of the same rows into the same table (binary COPY, no MQTT), in one run, plus the
// publish→PUBACK latency at an offered 10k readings/s.
// Last line: RESULT ingest_rps=… raw_rps=… ratio=… p50_ms=… p99_ms=…
import { Worker } from 'node:worker_threads'
import { startBroker } from '@zonetrace/broker'
import type { GatewayCredentials, Metric } from '@zonetrace/contracts'
import { type Database, emptyBatch, insertReadings, provisionGateway, upsertGrowingArea } from '@zonetrace/db'
import pino from 'pino'
import { benchSeconds, openBenchDB, percentile, round } from './bench-db.ts'
import type { LoadRequest, LoadResult } from './ingest-load.ts'

const SECONDS = benchSeconds(15)
const GATEWAYS = Number(process.env.BENCH_GATEWAYS) || 100
const WINDOW = Number(process.env.BENCH_WINDOW) || 8
const OFFERED = 10_000

const bench = await openBenchDB()
const { db } = bench
console.log(`database: ${bench.label}; ${SECONDS}s per phase, ${GATEWAYS} gateways`)

const gateways = await provisionBenchGateways(db, GATEWAYS)
const broker = await startBroker({
  db,
  port: 0,
  host: '127.0.0.1',
  logger: pino({ level: 'warn' }),
  batch: { maxRows: Number(process.env.BENCH_MAX_ROWS) || undefined },
})
const url = `mqtt://127.0.0.1:${broker.port}`

const T = Date.UTC(2026, 2, 1)
await runLoad({
  url,
  gateways,
  mode: 'max',
  window: WINDOW,
  readingsPerSecond: 0,
  seconds: 2,
  timeBase: T - 86_400_000,
})
const before = await countReadings(db)
const max = await runLoad({
  url,
  gateways,
  mode: 'max',
  window: WINDOW,
  readingsPerSecond: 0,
  seconds: SECONDS,
  timeBase: T,
})
const ingestRps = ((await countReadings(db)) - before) / max.seconds
console.log(
  `mqtt ingest: ${round(ingestRps)} readings/s committed (${max.packs} packs in ${round(max.seconds, 1)} s)`,
)

const rate = await runLoad({
  url,
  gateways,
  mode: 'rate',
  window: 1,
  readingsPerSecond: OFFERED,
  seconds: SECONDS,
  timeBase: T + 86_400_000,
})
const sorted = rate.latenciesMs.sort((a, b) => a - b)
const p50 = percentile(sorted, 50)
const p99 = percentile(sorted, 99)
console.log(
  `at ${OFFERED} readings/s offered: ${round(rate.readings / rate.seconds)} acknowledged/s, p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms`,
)
await broker.close()

const rawRps = await rawLoad(db, gateways, T + 2 * 86_400_000, SECONDS)
console.log(`raw binary COPY: ${round(rawRps)} rows/s`)
await bench.close()

console.log(
  `RESULT ingest_rps=${round(ingestRps)} raw_rps=${round(rawRps)} ratio=${round(ingestRps / rawRps, 3)} p50_ms=${round(p50, 2)} p99_ms=${round(p99, 2)}`,
)
process.exit(0)

async function provisionBenchGateways(db: Database, n: number): Promise<GatewayCredentials[]> {
  await upsertGrowingArea(db, {
    code: 'BENCH-ZONE',
    name: 'Benchmark',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    communeCode: '29455',
  })
  const metrics = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
  const out: GatewayCredentials[] = []
  for (let i = 0; i < n; i++) {
    const id = `bench-${i}`
    const sensors = [1, 2].flatMap((p) =>
      metrics.map((metric) => ({ sensorId: `${id}-s${p}`, metric: metric as Metric })),
    )
    out.push(await provisionGateway(db, { id, zone: 'BENCH-ZONE', sensors }))
  }
  return out
}

function runLoad(req: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { ...req, entry: new URL('./ingest-load.ts', import.meta.url).href },
    })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

async function countReadings(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from readings')
  return row?.n ?? 0
}

/** The same rows, prepared up front, loaded with binary COPY in the broker's batch size, one client. */
async function rawLoad(
  db: Database,
  gws: GatewayCredentials[],
  timeBase: number,
  seconds: number,
): Promise<number> {
  const batchRows = 5000
  const batches = []
  const total = Math.max(200_000, Math.round(seconds * 100_000))
  for (let start = 0; start < total; start += batchRows) {
    const b = emptyBatch()
    for (let k = start; k < start + batchRows; k++) {
      const g = gws[k % gws.length]!
      const c = g.sensors[Math.floor(k / gws.length) % 8]!
      b.time.push(timeBase + Math.floor(k / gws.length / 8))
      b.sensorId.push(c.sensorId)
      b.metric.push(c.metric)
      b.value.push(12 + Math.random())
      b.quality.push(0)
    }
    batches.push(b)
  }
  const started = performance.now()
  let rows = 0
  for (const b of batches) {
    rows += await insertReadings(db, b)
    if (performance.now() - started > seconds * 1000) break
  }
  return rows / ((performance.now() - started) / 1000)
}
