// `npm run bench:queries`: the console's and the open-data interface's reads after a year of data. Loads
// BENCH_CHANNELS channels (500; 100 embedded) × BENCH_DAYS days (365) of readings every 15 minutes by
// binary COPY, runs the rollups, compression and compliance jobs' own functions over them, then times each
// read the product makes (p50 and p95 over BENCH_RUNS runs, each on another channel, area or page)
// against the same answer computed from raw readings.
import { openBenchDB, percentile, round } from './bench-db.ts'
import { queryCases } from './queries-cases.ts'
import { buildQueryWorld } from './queries-world.ts'

const embedded = !process.env.DATABASE_URL
/**
 * PGlite loads about 20,000 readings a second and refreshes and compresses on one thread, so 17.5 million
 * take most of an hour there. It keeps the year, and so the 365 chunks a query must not plan over, with a
 * fifth of the channels.
 */
const CHANNELS = Number(process.env.BENCH_CHANNELS) || (embedded ? 100 : 500)
const DAYS = Number(process.env.BENCH_DAYS) || 365
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS) || 900
const RUNS = Number(process.env.BENCH_RUNS) || 50
/** Raw answers over a year take seconds each: fewer runs of them say as much. */
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS) || Math.min(RUNS, 10)
/** Loading a year takes minutes, so each run of the bench times the reads more than once on the same data. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 2)

const bench = await openBenchDB()
try {
  console.log(`database: ${bench.label}`)
  const world = await buildQueryWorld(
    bench.db,
    bench.capabilities,
    { channels: CHANNELS, days: DAYS, stepSeconds: STEP_SECONDS },
    (line) => console.log(line),
  )
  const t = world.timings
  console.log(
    `world: ${world.areas.length} areas, ${world.channels.length} channels, ${world.readings} readings over ${DAYS} days every ${STEP_SECONDS} s` +
      ` (${embedded ? 'embedded' : 'server'}); provision ${round(t.provision_s!, 1)} s, binary COPY ${round(t.load_s!, 1)} s` +
      ` (${round(world.readings / t.load_s!)} rows/s), rollups ${round(t.rollups_s!, 1)} s, compression ${round(t.compress_s!, 1)} s,` +
      ` compliance ${round(t.compliance_s!, 1)} s`,
  )
  for (const note of world.notes) console.log(`  ${note}`)

  type Row = { name: string; p50: number; p95: number; rawP50: number; rawP95: number }
  let rows: Row[] = []
  const worstByRound: number[] = []
  for (let r = 1; r <= ROUNDS; r++) {
    console.log(`\nround ${r} of ${ROUNDS}`)
    rows = await measureRound()
    worstByRound.push(round(Math.max(...rows.map((x) => x.p95)), 1))
  }
  console.log(`worst p95 by round: ${worstByRound.join(' ms, ')} ms; the RESULT line gives the last round`)

  async function measureRound(): Promise<Row[]> {
    const rows: Row[] = []
    console.log(
      `\n${'query'.padEnd(14)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'raw p50'.padStart(9)} ${'raw p95'.padStart(9)} ${'speed-up'.padStart(9)}  what`,
    )
    for (const c of queryCases(bench.db, world)) {
      // Two warm-up runs: the first query of a shape pays for planning caches and reading pages into memory.
      for (let i = 0; i < 2; i++) await c.product(RUNS + i)
      const product = await timeRuns(RUNS, c.product)
      await c.raw(RAW_RUNS)
      const raw = await timeRuns(RAW_RUNS, c.raw)
      const row = {
        name: c.name,
        p50: percentile(product, 50),
        p95: percentile(product, 95),
        rawP50: percentile(raw, 50),
        rawP95: percentile(raw, 95),
      }
      rows.push(row)
      console.log(
        `${c.name.padEnd(14)} ${fmt(row.p50, 8)} ${fmt(row.p95, 8)} ${fmt(row.rawP50, 9)} ${fmt(row.rawP95, 9)} ${`${round(row.rawP50 / row.p50, 1)}×`.padStart(9)}  ${c.what}`,
      )
    }
    return rows
  }
  const p95 = (name: string) => round(rows.find((r) => r.name === name)!.p95, 1)
  const speedup = (name: string) => {
    const r = rows.find((x) => x.name === name)!
    return round(r.rawP50 / r.p50, 1)
  }
  const latest = Math.max(p95('latest'), p95('area_latest'))
  const worst = round(Math.max(...rows.map((r) => r.p95)), 1)
  console.log(
    `\nlatest_p95_ms is the slower of the map's and an area page's latest values; worst_p95_ms the slowest query. ` +
      `${world.readings} readings (${embedded ? 'embedded' : 'server'}).`,
  )
  const [year, month, day, compliance, water] = [
    'year_1d',
    'month_1h',
    'day_1m',
    'compliance',
    'daily_water',
  ].map(p95)
  const [mapLatest, areaLatest] = [p95('latest'), p95('area_latest')]
  const [latestX, yearX, monthX, dayX, complianceX, waterX] = [
    'latest',
    'year_1d',
    'month_1h',
    'day_1m',
    'compliance',
    'daily_water',
  ].map(speedup)
  console.log(
    `RESULT latest_p95_ms=${latest} year_1d_p95_ms=${year} month_1h_p95_ms=${month} day_1m_p95_ms=${day} compliance_p95_ms=${compliance} worst_p95_ms=${worst} daily_water_p95_ms=${water} map_latest_p95_ms=${mapLatest} area_latest_p95_ms=${areaLatest} latest_speedup=${latestX} year_1d_speedup=${yearX} month_1h_speedup=${monthX} day_1m_speedup=${dayX} compliance_speedup=${complianceX} daily_water_speedup=${waterX} readings=${world.readings}`,
  )
} finally {
  await bench.close()
}

async function timeRuns(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await run(i)
    ms.push(performance.now() - t)
  }
  return ms.sort((a, b) => a - b)
}

function fmt(ms: number, width: number): string {
  return round(ms, 1).toString().padStart(width)
}
