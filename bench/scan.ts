// npm run bench:scan — the JSON resolver path: parse the Digital Link, verify the Ed25519 signature against
// the JWKS, look up the lot, and write the scan log (the answer waits for its row).
// 1. Open loop (the province-scale target): BENCH_SCAN_RATE (500) scans/s offered at fixed intervals for
//    BENCH_SECONDS (20), over 10,000 distinct signed labels, from a worker thread; latency from each scan's
//    due time (scan-open-load.ts). The scan log's new rows must equal the authentic 200 answers.
// 2. Closed loop, as before: autocannon (32 connections, worker thread) against the resolver and against a
//    bare fastify hello route, alternating in three rounds, for scan_rps, hello_rps and their ratio.
// Last line: RESULT scan_rps=… hello_rps=… ratio=… offered_rps=… p50_ms=… p99_ms=… errors=…
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { buildApp, issueLabels, loadOrCreateAuthKeys } from '@zonetrace/api'
import { loadConfig } from '@zonetrace/contracts'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { benchSeconds, openBenchDB, percentile, round } from './bench-db.ts'
import { benchOfficer, labelWorld } from './label-world.ts'
import type { OpenLoopRequest, OpenLoopResult } from './scan-open-load.ts'

const SECONDS = benchSeconds(20)
const RATE = Number(process.env.BENCH_SCAN_RATE) || 500
const ROUNDS = 3
const PHASE_SECONDS = Math.max(1, SECONDS / 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 32
const LABELS = 10_000

const bench = await openBenchDB()
const dataDir = await mkdtemp(join(tmpdir(), 'zt-bench-scan-'))
const { db } = bench
const { keyring } = await labelWorld(db, dataDir, 'BENCH1')
const config = loadConfig({
  DATA_DIR: dataDir,
  RESOLVER_RATE_LIMIT: '100000000',
  CLONE_MAX_SCANS: '100000000',
  LOG_LEVEL: 'warn',
})
const { labels } = await issueLabels(db, keyring, benchOfficer, {
  lotId: 'BENCH1',
  count: LABELS,
  baseUrl: config.publicBaseUrl,
})
const app = await buildApp({
  db,
  capabilities: bench.capabilities,
  config,
  keys: await loadOrCreateAuthKeys(dataDir),
  labelKeys: keyring,
})
await app.listen({ port: 0, host: '127.0.0.1' })
const hello = Fastify()
hello.get('/hello', async () => ({ hello: 'world' }))
await hello.listen({ port: 0, host: '127.0.0.1' })

const origin = (f: typeof app) => `http://127.0.0.1:${(f.server.address() as { port: number }).port}`
const paths = labels.map((l) => new URL(l.url).pathname + new URL(l.url).search)
const scanRequests = paths.map((path) => ({ method: 'GET' as const, path }))
console.log(
  `database: ${bench.label}; ${LABELS} signed labels; open loop ${RATE} scans/s for ${SECONDS}s; closed loop ${CONNECTIONS} connections, ${ROUNDS} rounds of ${PHASE_SECONDS}s per phase`,
)

async function load(
  url: string,
  requests?: typeof scanRequests,
  seconds = PHASE_SECONDS,
): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
    headers: { accept: 'application/json' },
    ...(requests ? { requests } : {}),
  })
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx`)
  // Timeouts and socket errors are the machine's load, not a wrong answer: counted and shown, not fatal.
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts }
}

function offerScans(req: OpenLoopRequest): Promise<OpenLoopResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { ...req, entry: new URL('./scan-open-load.ts', import.meta.url).href },
    })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

const countRows = async () =>
  (await db.query<{ n: number }>(`select count(*)::int as n from label_scans`))[0]!.n
/** The scan log's row count once it stops moving: autocannon hangs up on scans the server still logs. */
async function scanRows(): Promise<number> {
  let last = await countRows()
  for (;;) {
    await new Promise((r) => setTimeout(r, 200))
    const now = await countRows()
    if (now === last) return now
    last = now
  }
}

// Warm-up: both routes, closed loop, a second each (JIT, pools, the JWKS cache).
await load(`${origin(hello)}/hello`, undefined, 1)
await load(origin(app), scanRequests, 1)

// 1. Open loop at the target rate. Paths start past the warm-up's so most serials are scanned once.
const before = await scanRows()
const open = await offerScans({
  origin: origin(app),
  paths: paths.toReversed(),
  rate: RATE,
  seconds: SECONDS,
})
const logged = (await scanRows()) - before
const latencies = [...open.latenciesMs].sort((a, b) => a - b)
const p50 = percentile(latencies, 50)
const p99 = percentile(latencies, 99)
const offeredRps = open.offered / SECONDS
console.log(
  `open loop: ${open.offered} scans offered at ${round(offeredRps)}/s (generator ${round(open.lagMs, 1)} ms behind at the end), ${open.ok} authentic 200s, ${open.errors} errors${open.errors ? ` ${JSON.stringify(open.errorKinds)}` : ''}; latency from due time p50 ${round(p50, 2)} ms, p90 ${round(percentile(latencies, 90), 2)} ms, p99 ${round(p99, 2)} ms, max ${round(latencies.at(-1) ?? 0, 1)} ms`,
)
console.log(`scan log rows written in the open loop: ${logged} (authentic 200 answers: ${open.ok})`)
// A scan whose client gave up may still be served and logged later, so with errors the log may hold more.
if (logged < open.ok || (open.errors === 0 && logged !== open.ok))
  throw new Error(`the scan log has ${logged} new rows for ${open.ok} answered scans`)

// 2. Closed loop, for the older figures.
const ratios: number[] = []
const scans: number[] = []
const hellos: number[] = []
for (let r = 0; r < ROUNDS; r++) {
  const h = await load(`${origin(hello)}/hello`)
  const s = await load(origin(app), scanRequests)
  hellos.push(h.rps)
  scans.push(s.rps)
  ratios.push(s.rps / h.rps)
  console.log(
    `closed loop round ${r + 1}: scan ${round(s.rps)} req/s (p99 ${s.p99} ms, ${s.errors} timeouts or socket errors), hello ${round(h.rps)} req/s, ratio ${round(s.rps / h.rps, 3)}`,
  )
}
await app.close()
await hello.close()
await bench.close()
await rm(dataDir, { recursive: true, force: true })

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(
  `RESULT scan_rps=${round(median(scans))} hello_rps=${round(median(hellos))} ratio=${round(median(ratios), 3)} offered_rps=${round(offeredRps)} p50_ms=${round(p50, 2)} p99_ms=${round(p99, 2)} errors=${open.errors}`,
)
