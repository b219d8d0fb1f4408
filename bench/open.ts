import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker } from '@zonetrace/broker'
import { type Database, dailyWaterPage, listPublicAreas, vietnamDate } from '@zonetrace/db'
import autocannon from 'autocannon'
import pino from 'pino'
import { benchSeconds, openBenchDB, percentile, round } from './bench-db.ts'
import { runLoad } from './load-run.ts'
import { startOpenApi } from './open-api.ts'
import { publicMix, timedGet, walkDailyWater } from './open-http.ts'
import { buildOpenWorld, HISTORY_DAYS, HISTORY_STEP_SECONDS, INGEST_AREA } from './open-world.ts'

const SECONDS = benchSeconds(64)
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 4
const PHASE_SECONDS = SECONDS / ROUNDS / 2
const CLIENTS = Number(process.env.BENCH_CLIENTS) || 50
const GATEWAYS = 100
const OFFERED = 10_000
const ITEM_REQUESTS = Number(process.env.BENCH_REQUESTS) || 300
const RATE_LIMIT = process.env.OPEN_RATE_LIMIT || '100000000'
const DAY_MS = 86_400_000

const bench = await openBenchDB()
const dataDir = await mkdtemp(join(tmpdir(), 'zt-bench-open-'))
const world = await buildOpenWorld(bench.db, dataDir, GATEWAYS)
console.log(
  `database: ${bench.label}; ${HISTORY_DAYS} days of demo history every ${HISTORY_STEP_SECONDS} s: ${world.readings} readings by binary COPY in ${round(world.loadSeconds, 1)} s, ${world.reportRows} daily report rows by computeCompliance in ${round(world.reportSeconds, 1)} s`,
)
if (world.reportRows === 0) throw new Error('the daily report is empty: nothing to measure')
const areas = (await listPublicAreas(bench.db)).map((a) => a.code)

const api = await startOpenApi(bench, {
  DATA_DIR: dataDir,
  JOBS: 'off',
  LOG_LEVEL: 'warn',
  OPEN_RATE_LIMIT: RATE_LIMIT,
})
const db = api.db
const broker = await startBroker({ db, port: 0, host: '127.0.0.1', logger: pino({ level: 'warn' }) })
console.log(`API: ${api.where}, ${api.origin}; OPEN_RATE_LIMIT=${RATE_LIMIT}/min; ${api.jobs.join('; ')}`)

// 1. daily-water pages, idle machine.
const today = Date.now()
const day = (daysAgo: number) => vietnamDate(today - daysAgo * DAY_MS)
// Each walk asks a window of its own (a shape below, shifted by a day per walk), so nearly every page is
// one the API computes on the spot rather than an answer it kept from an earlier walk.
const shapes = [
  (k: number) => `datetime=${day(90 + k)}/..`,
  (k: number) => `datetime=../${day(300 - k)}`,
  (k: number) => `datetime=${day(200 + k)}/${day(170 - k)}`,
  (k: number) => `datetime=${day(45 + k)}`,
  (k: number) => `datetime=${day(360 - k)}T00:00:00Z/${day(240 - k)}T00:00:00Z`,
  (k: number) => `metric=dissolved_oxygen&datetime=${day(364 - k)}/..`,
  (k: number) => `areaCode=${areas[k % areas.length]}&datetime=${day(364 - k)}/..`,
  (k: number) => `metric=salinity&datetime=${day(180 + k)}/..`,
  (k: number) => (k === 0 ? '' : `datetime=${day(365 - k)}/..`),
]
const queries = Array.from({ length: 120 }, (_, i) =>
  shapes[i % shapes.length]!(Math.floor(i / shapes.length)),
)
// The warm-up's pages count as seen: items_p95_ms is over pages the API computes on the spot (their first
// request), since a repeat within 15 s is a kept answer (api/src/ogc/answer-cache.ts), reported apart.
const seen = new Set<string>()
await walkDailyWater(api.origin, queries.slice(-5), 20, {}, seen)
const walk = await walkDailyWater(api.origin, queries, ITEM_REQUESTS, {}, seen)
const items = [...walk.latenciesMs].sort((a, b) => a - b)
const computed = [...walk.firstMs].sort((a, b) => a - b)
const itemsP50 = percentile(computed, 50)
const itemsP95 = percentile(computed, 95)
const allP95 = percentile(items, 95)
console.log(
  `daily-water items?limit=1000: ${items.length} requests over ${walk.walks.length} walks, ${walk.features} features, ${round(walk.wireBytes / items.length / 1024, 1)} KB gzip a page; ${computed.length} distinct pages computed: p50 ${round(itemsP50, 1)} ms, p95 ${round(itemsP95, 1)} ms, max ${round(computed[computed.length - 1] ?? 0, 1)} ms; every request incl. kept answers: p95 ${round(allP95, 1)} ms`,
)
console.log(`  where the time goes (p50 of 50 first pages each): ${await timeSplit(db, areas)}`)

// 2. ingest without and with the crowd.
const mix = await publicMix(
  api.origin,
  [
    '/ogc',
    '/ogc/collections',
    '/ogc/collections/growing-areas/items',
    '/ogc/collections/stations/items',
    '/ogc/collections/daily-water/items',
    `/ogc/collections/daily-water/items?limit=1000&datetime=${day(30)}/..`,
    `/ogc/collections/daily-water/items?areaCode=${areas[0]}&datetime=${day(365)}/..&limit=1000`,
    '/',
    '/ban-do',
    '/open/catalog.jsonld',
    '/open/downloads/growing-areas.geojson',
    '/open/downloads/daily-water.csv',
  ].map((path) => ({ path, headers: crowdHeaders(path) })),
)
console.log(
  `public mix, each alone (median of 5): ${mix.costs.join('; ')}${mix.missing.length ? `; left out (not 200): ${mix.missing.join(' ')}` : ''}`,
)

let lastBase = Date.now()
async function ingestPhase(crowd: boolean) {
  // Live data times, after every reading already stored, a fresh base per phase: never a duplicate key.
  const timeBase = Math.max(Date.now(), lastBase + 10_000)
  lastBase = timeBase
  const load = runLoad({
    url: `mqtt://127.0.0.1:${broker.port}`,
    gateways: world.ingestGateways,
    mode: 'rate',
    window: 1,
    readingsPerSecond: OFFERED,
    seconds: PHASE_SECONDS,
    timeBase,
  })
  const public_ = crowd ? runCrowd(api.origin, mix.paths, PHASE_SECONDS) : undefined
  const [done, crowdResult] = await Promise.all([load, public_])
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from readings where time >= $1 and sensor_id like 'bench-open-%'`,
    [new Date(timeBase)],
  )
  const committed = row?.n ?? 0
  const lat = done.latenciesMs.sort((a, b) => a - b)
  return { rps: committed / done.seconds, p99: percentile(lat, 99), crowd: crowdResult }
}

await ingestPhase(false)
await ingestPhase(true)
const ratios: number[] = []
const publicRps: number[] = []
const ingestRps: number[] = []
const p99: { off: number[]; on: number[] } = { off: [], on: [] }
let refused = 0
for (let r = 0; r < ROUNDS; r++) {
  // Which phase goes first alternates, so a trend (tables growing, the machine's speed) weighs on both.
  const first = r % 2 === 0 ? await ingestPhase(false) : await ingestPhase(true)
  const second = r % 2 === 0 ? await ingestPhase(true) : await ingestPhase(false)
  const [off, on] = r % 2 === 0 ? [first, second] : [second, first]
  ratios.push(on.rps / off.rps)
  ingestRps.push(off.rps)
  publicRps.push(on.crowd!.rps)
  p99.off.push(off.p99)
  p99.on.push(on.p99)
  refused += on.crowd!.failed
  console.log(
    `round ${r + 1}: ingest alone ${round(off.rps)} readings/s (PUBACK p99 ${round(off.p99, 1)} ms), with ${CLIENTS} public clients ${round(on.rps)}/s (p99 ${round(on.p99, 1)} ms) while they got ${round(on.crowd!.rps)} req/s (p99 ${on.crowd!.p99} ms, ${round(on.crowd!.mbps, 1)} MB/s): ratio ${round(ratios[r]!, 3)}`,
  )
}
if (refused > 0) console.log(`  ${refused} public requests failed or got no 2xx`)
await broker.close()
await api.close()
await bench.close()
await rm(dataDir, { recursive: true, force: true })

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )
const ratio = median(ratios)
console.log(
  `RESULT items_p95_ms=${round(itemsP95, 1)} public_rps=${round(median(publicRps))} ingest_slowdown_pct=${round(100 * (1 - ratio), 1)} ratio=${round(ratio, 3)} items_p50_ms=${round(itemsP50, 1)} ingest_rps=${round(median(ingestRps))} puback_p99_ms=${round(median(p99.off), 1)} puback_p99_crowd_ms=${round(median(p99.on), 1)} items_all_p95_ms=${round(allP95, 1)}`,
)
process.exit(0)

/** As a browser asks: brotli or gzip, HTML for the map page and JSON for the rest. */
function crowdHeaders(path: string): Record<string, string> {
  const html = path === '/' || path === '/ban-do'
  return {
    'accept-encoding': 'br, gzip',
    accept: html ? 'text/html' : 'application/geo+json, application/json',
  }
}

/** The crowd: `CLIENTS` keep-alive connections cycling through the mix. */
async function runCrowd(origin: string, paths: string[], seconds: number) {
  const result = await autocannon({
    url: origin,
    connections: CLIENTS,
    duration: seconds,
    workers: 1,
    headers: { 'accept-encoding': 'br, gzip' },
    requests: paths.map((path) => ({
      method: 'GET' as const,
      path,
      headers: {
        accept: path === '/' || path === '/ban-do' ? 'text/html' : 'application/geo+json, application/json',
      },
    })),
  })
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    mbps: result.throughput.average / 1e6,
    failed: result.errors + result.timeouts + result.non2xx,
  }
}

/**
 * The first page of the year three ways: the query alone through this process's driver, the route with
 * identity encoding (query, features, JSON) and with gzip; the differences are serialisation and
 * compression.
 */
async function timeSplit(db: Database, codes: string[]): Promise<string> {
  // Each request asks its own window, so the route's figures are pages it computes, not kept answers.
  const p50 = async (f: (i: number) => Promise<unknown>) => {
    const xs: number[] = []
    for (let i = 0; i < 50; i++) {
      const t = performance.now()
      await f(i)
      xs.push(performance.now() - t)
    }
    return round(
      percentile(
        xs.sort((a, b) => a - b),
        50,
      ),
      1,
    )
  }
  const url = (from: number) =>
    `${api.origin}/ogc/collections/daily-water/items?limit=1000&datetime=${day(from)}/..`
  const accept = { accept: 'application/geo+json' }
  const areas = codes.filter((c) => c !== INGEST_AREA)
  const sql = await p50((i) => dailyWaterPage(db, { areas, fromDay: day(300 - i) }, null, 1000))
  const identity = await p50((i) => timedGet(url(300 - i), { ...accept, 'accept-encoding': 'identity' }))
  const gzip = await p50((i) => timedGet(url(240 - i), accept))
  return `query ${sql} ms, route without compression ${identity} ms, with gzip ${gzip} ms`
}
