import { readdir, readFile } from 'node:fs/promises'
import { type RunningBroker, startBroker } from '@zonetrace/broker'
import type { GatewayCredentials, Metric } from '@zonetrace/contracts'
import { type Database, provisionGateway, upsertGrowingArea } from '@zonetrace/db'
import pino from 'pino'
import { benchSeconds, openBenchDB, percentile, round } from './bench-db.ts'
import { runLoad } from './load-run.ts'

const SECONDS = benchSeconds(80)
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 8
const GATEWAYS = 100
const OFFERED = 10_000
const ZONE = 'BENCH-ALERTS'

const bench = await openBenchDB()
const { db } = bench
const gateways = await provisionGateways(db)
const rules = await createRules(db, gateways)
const logger = pino({ level: 'warn' })
const plain = await startBroker({ db, port: 0, host: '127.0.0.1', logger })
const watched = await startBroker({
  db,
  port: 0,
  host: '127.0.0.1',
  logger,
  alerts: { lateAfterSeconds: 300 },
})
const engine = watched.alerts!
console.log(
  `database: ${bench.label}; ${rules} rules on ${engine.stats().watchedChannels} channels; ${ROUNDS} rounds of ${round(SECONDS / ROUNDS / 2, 1)}s per phase at ${OFFERED} readings/s offered`,
)

// Data times just behind the clock, a fresh second per phase: live readings, never duplicates.
let phaseBase = Date.now() - 120_000
const phase = async (broker: RunningBroker, seconds: number) => {
  phaseBase += 1000
  const before = await countReadings(db)
  const cpu0 = await ingestCpuMicros()
  const load = await runLoad({
    url: `mqtt://127.0.0.1:${broker.port}`,
    gateways,
    mode: 'rate',
    window: 1,
    readingsPerSecond: OFFERED,
    seconds,
    timeBase: phaseBase,
  })
  if (broker.alerts) await broker.alerts.flush()
  const cpu = (await ingestCpuMicros()) - cpu0
  const committed = (await countReadings(db)) - before
  return { committed, seconds: load.seconds, cpu }
}

await phase(plain, 2)
await phase(watched, 2)
const overheads: number[] = []
const withRules = { committed: 0, seconds: 0 }
for (let r = 0; r < ROUNDS; r++) {
  // Which phase goes first alternates, so a trend in the database (tables growing, autovacuum) or in the
  // machine weighs on both sides alike.
  const seconds = SECONDS / ROUNDS / 2
  const off = r % 2 === 0 ? await phase(plain, seconds) : undefined
  const on = await phase(watched, seconds)
  const offAfter = off ?? (await phase(plain, seconds))
  const perOff = offAfter.cpu / offAfter.committed
  const perOn = on.cpu / on.committed
  overheads.push((100 * (perOn - perOff)) / perOff)
  withRules.committed += on.committed
  withRules.seconds += on.seconds
  console.log(
    `round ${r + 1}: without rules ${round(perOff, 1)} µs CPU/reading (${round(offAfter.committed / offAfter.seconds)}/s), with ${rules} rules ${round(perOn, 1)} µs (${round(on.committed / on.seconds)}/s): ${round(overheads[r]!, 1)}%`,
  )
}
const stats = engine.stats()
const [alerts] = await db.query<{ active: number; total: number }>(
  `select count(*) filter (where state = 'active')::int as active, count(*)::int as total from alerts`,
)
console.log(
  `engine: ${stats.readingsEvaluated} readings evaluated in ${round((1000 * stats.evaluateMs) / stats.readingsEvaluated, 2)} µs each, ${stats.writes} writes, ${alerts?.total} alerts (${alerts?.active} active)`,
)
await watched.close()
await plain.close()
await bench.close()
const overhead = percentile(
  [...overheads].sort((a, b) => a - b),
  50,
)
console.log(
  `RESULT overhead_pct=${round(overhead, 1)} rules=${rules} rps=${round(withRules.committed / withRules.seconds)}`,
)
process.exit(0)

async function provisionGateways(db: Database): Promise<GatewayCredentials[]> {
  await upsertGrowingArea(db, {
    code: ZONE,
    name: 'Benchmark',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    communeCode: '29455',
  })
  const metrics = ['salinity', 'ph', 'dissolved_oxygen', 'temperature'] as Metric[]
  const out: GatewayCredentials[] = []
  for (let i = 0; i < GATEWAYS; i++) {
    const id = `bench-alerts-${i}`
    const sensors = [1, 2].flatMap((p) => metrics.map((metric) => ({ sensorId: `${id}-s${p}`, metric })))
    out.push(await provisionGateway(db, { id, zone: ZONE, sensors }))
  }
  return out
}

/**
 * 1,000 rules, as a province's ponds would carry them: every channel its QCVN 02-19:2014 shrimp-pond limit
 * (800), a 10-minute low-oxygen duration rule on each second probe (100, pending: the generator's 4.9 mg/L
 * sits under 5), and a pH ceiling of 7.95 on each second probe (100, in alarm: it reads 8.0), so the run
 * carries open alerts whose latest values are kept up to date.
 */
async function createRules(db: Database, gws: GatewayCredentials[]): Promise<number> {
  const limits: Record<string, [number | null, number | null]> = {
    salinity: [5, 35],
    ph: [7, 9],
    dissolved_oxygen: [3.5, null],
    temperature: [18, 33],
  }
  const rows: [string, string, number | null, number | null, number][] = []
  for (const g of gws) {
    for (const s of g.sensors) rows.push([s.sensorId, s.metric, ...limits[s.metric]!, 0])
    const second = g.sensors.filter((s) => s.sensorId.endsWith('-s2'))
    rows.push([
      second.find((s) => s.metric === 'dissolved_oxygen')!.sensorId,
      'dissolved_oxygen',
      5,
      null,
      600,
    ])
    rows.push([second.find((s) => s.metric === 'ph')!.sensorId, 'ph', null, 7.95, 0])
  }
  await db.query(
    `insert into alert_rules (sensor_id, metric, kind, min, max, for_seconds, severity)
     select s, m, 'threshold', lo, hi, f, 'major'
       from unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::int[]) as t(s, m, lo, hi, f)`,
    [
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
      rows.map((r) => r[3]),
      rows.map((r) => r[4]),
    ],
  )
  return rows.length
}

async function countReadings(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from readings')
  return row?.n ?? 0
}

/**
 * This process's CPU, plus the local postgres server's when the database is a server (µs). Each postgres
 * process counts its own time and its reaped children's (cutime, cstime), so a backend that exits between
 * two samples moves its time to the postmaster instead of vanishing from the sum.
 */
async function ingestCpuMicros(): Promise<number> {
  const own = process.cpuUsage()
  let server = 0
  if (process.env.DATABASE_URL) {
    const ticks = 10_000 // µs per clock tick at the usual USER_HZ of 100
    for (const pid of await readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(pid)) continue
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
      const close = stat.lastIndexOf(')')
      if (!stat.slice(0, close).includes('(postgres')) continue
      const fields = stat.slice(close + 2).split(' ')
      // After the ')': state is field 3, so utime, stime, cutime, cstime (fields 14–17) are at 11–14.
      server += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * ticks
    }
  }
  return own.user + own.system + server
}
