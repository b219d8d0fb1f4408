// npm run bench:scan — the JSON resolver path under concurrent load: parse the Digital Link, verify the
// Ed25519 signature against the JWKS, look up the lot, and write the scan log (one statement per scan).
// In the same run, a bare fastify hello route on the same machine sets the ceiling; phases alternate so a
// noisy neighbour hurts both alike. The load generator runs in a worker thread, the server on this one.
// Last line: RESULT scan_rps=… hello_rps=… ratio=…
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, issueLabels, loadOrCreateAuthKeys, openLabelKeyring } from '@zonetrace/api'
import { loadConfig } from '@zonetrace/contracts'
import { createLot, registerArea, upsertCooperative, upsertProduct } from '@zonetrace/db'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { benchSeconds, openBenchDB, round } from './bench-db.ts'

const SECONDS = benchSeconds(12)
const ROUNDS = 3
const PHASE_SECONDS = Math.max(1, SECONDS / (2 * ROUNDS))
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 32
const LABELS = 2000
const officer = { cooperativeId: null, subject: 'bench' }

const bench = await openBenchDB()
const dataDir = await mkdtemp(join(tmpdir(), 'zt-bench-scan-'))
const { db } = bench
await upsertCooperative(db, { id: 'bench-coop', name: 'HTX Benchmark', communeCode: '29335' })
await registerArea(db, officer, {
  code: 'BENCH-SCAN',
  name: 'Benchmark area',
  cooperativeId: 'bench-coop',
  crop: 'coconut',
  communeCode: '29335',
  preset: 'coconut',
})
// GS1 prefix 952 is reserved for demonstrations and examples.
await upsertProduct(db, officer, {
  id: 'bench',
  cooperativeId: 'bench-coop',
  gtin: '9520000000011',
  name: 'Benchmark',
  group: 'food',
  stars: 4,
})
const harvest = new Date(Date.now() - 86_400_000)
await createLot(db, officer, {
  id: 'BENCH1',
  productId: 'bench',
  areaCodes: ['BENCH-SCAN'],
  harvestedFrom: harvest,
  harvestedTo: harvest,
  quantity: 1000,
  unit: 'KGM',
})

const config = loadConfig({
  DATA_DIR: dataDir,
  RESOLVER_RATE_LIMIT: '100000000',
  CLONE_MAX_SCANS: '100000000',
  LOG_LEVEL: 'warn',
})
const keyring = openLabelKeyring(dataDir)
const { labels } = await issueLabels(db, keyring, officer, {
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
const scanRequests = labels.map((l) => ({
  method: 'GET' as const,
  path: new URL(l.url).pathname + new URL(l.url).search,
}))
console.log(
  `database: ${bench.label}; ${CONNECTIONS} connections, ${ROUNDS} rounds of ${PHASE_SECONDS}s per phase, ${LABELS} serials`,
)

async function load(
  url: string,
  requests?: typeof scanRequests,
): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: PHASE_SECONDS,
    workers: 1,
    headers: { accept: 'application/json' },
    ...(requests ? { requests } : {}),
  })
  const errors = result.errors + result.timeouts + result.non2xx
  return { rps: result.requests.average, p99: result.latency.p99, errors }
}

await load(`${origin(hello)}/hello`)
await load(origin(app), scanRequests)
const ratios: number[] = []
const scans: number[] = []
const hellos: number[] = []
for (let r = 0; r < ROUNDS; r++) {
  const h = await load(`${origin(hello)}/hello`)
  const s = await load(origin(app), scanRequests)
  if (s.errors > 0) throw new Error(`scan phase had ${s.errors} failed requests`)
  hellos.push(h.rps)
  scans.push(s.rps)
  ratios.push(s.rps / h.rps)
  console.log(
    `round ${r + 1}: scan ${round(s.rps)} req/s (p99 ${s.p99} ms), hello ${round(h.rps)} req/s, ratio ${round(s.rps / h.rps, 3)}`,
  )
}
const [logged] = await db.query<{ n: number }>(`select count(*)::int as n from label_scans`)
console.log(`scan log rows written: ${logged?.n}`)
await app.close()
await hello.close()
await bench.close()
await rm(dataDir, { recursive: true, force: true })

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(
  `RESULT scan_rps=${round(median(scans))} hello_rps=${round(median(hellos))} ratio=${round(median(ratios), 3)}`,
)
