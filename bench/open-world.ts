// What `npm run bench:open` measures against: the demo's areas and gateways with a year of sensor history,
// loaded by binary COPY (backfillDemoHistory → insertReadings) and turned into the daily report the
// daily-water collection reads by the compliance job's own computeCompliance — no report row is written
// by hand. Plus 100 gateways of the bench's own on a private area, which carry the ingest load and so never
// show in the public collections.
import { backfillDemoHistory, demoZoneKinds, ensureDemoGateways, seedDemoRegistry } from '@zonetrace/cli'
import type { GatewayCredentials, Metric } from '@zonetrace/contracts'
import {
  computeCompliance,
  type Database,
  listZoneCodes,
  provisionGateways,
  upsertGrowingArea,
  vietnamDate,
} from '@zonetrace/db'
import pino from 'pino'

export const HISTORY_DAYS = 365
/**
 * The demo simulator publishes every 10 s, which for a year is 76 million readings: about 13 minutes of
 * COPY on the server and far more embedded. The demo's own backfill steps 15 minutes, and the daily report
 * has one row per area, metric and day at any density, so the collection measured is the same size.
 */
export const HISTORY_STEP_SECONDS = Number(process.env.BENCH_HISTORY_STEP) || 900
export const INGEST_AREA = 'BENCH-OPEN'
const DAY_MS = 86_400_000

export interface OpenWorld {
  ingestGateways: GatewayCredentials[]
  readings: number
  reportRows: number
  loadSeconds: number
  reportSeconds: number
}

export async function buildOpenWorld(
  db: Database,
  dataDir: string,
  ingestGateways: number,
): Promise<OpenWorld> {
  const logger = pino({ level: 'warn' })
  await seedDemoRegistry(db)
  const gateways = (await ensureDemoGateways(db, dataDir, logger)).filter((g) => g.sensors.length > 0)
  const now = new Date()
  let t = performance.now()
  const history = await backfillDemoHistory(db, {
    gateways,
    zoneKinds: demoZoneKinds(),
    seed: 1,
    days: HISTORY_DAYS,
    stepSeconds: HISTORY_STEP_SECONDS,
    now,
  })
  const loadSeconds = (performance.now() - t) / 1000
  t = performance.now()
  // The compliance job's catch-up over the whole year, a month per statement so no single one holds the
  // embedded database for minutes.
  const today = now.getTime()
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) =>
    vietnamDate(today - (HISTORY_DAYS - i) * DAY_MS),
  )
  let reportRows = 0
  for (const zone of await listZoneCodes(db)) {
    for (let i = 0; i < days.length; i += 31)
      reportRows += await computeCompliance(db, zone, days.slice(i, i + 31))
  }
  const reportSeconds = (performance.now() - t) / 1000

  await upsertGrowingArea(db, {
    code: INGEST_AREA,
    name: 'Benchmark (private)',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    communeCode: '29455',
  })
  await db.query('update growing_areas set public = false where code = $1', [INGEST_AREA])
  const metrics: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
  const ids = Array.from({ length: ingestGateways }, (_, i) => `bench-open-${i}`)
  // Two four-metric probes per gateway, the shape the load generator publishes.
  const ingest = await provisionGateways(
    db,
    ids.map((id) => ({
      id,
      zone: INGEST_AREA,
      sensors: [1, 2].flatMap((p) => metrics.map((metric) => ({ sensorId: `${id}-s${p}`, metric }))),
    })),
  )
  return { ingestGateways: ingest, readings: history.readings, reportRows, loadSeconds, reportSeconds }
}
