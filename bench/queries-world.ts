// What `npm run bench:queries` reads: a province's worth of channels with a year of history, built the way
// the product would hold it. Areas and gateways are provisioned through the registry, readings arrive by
// the ingest path's own binary COPY (insertEncodedReadings), then the rollups, compression and compliance
// jobs' own functions run over them, as their schedules would have after a year.
import type { Metric } from '@zonetrace/contracts'
import {
  type Capabilities,
  compressOldChunks,
  computeCompliance,
  type Database,
  emptyBatch,
  encodeReadingTuples,
  insertEncodedReadings,
  maintainRollupTables,
  provisionGateways,
  refreshReadingsRollup,
  setZoneThresholds,
  upsertGrowingArea,
  vietnamDate,
} from '@zonetrace/db'

const DAY_MS = 86_400_000
export const METRICS: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']
/** Four-metric probes, five gateways an area: 20 channels an area, 25 areas at the default 500 channels. */
const GATEWAYS_PER_AREA = 5
/** The compliance job's compression age (settings.compressAfterDays' default). */
const COMPRESS_AFTER_DAYS = 7

export interface WorldShape {
  channels: number
  days: number
  stepSeconds: number
}

export interface Channel {
  sensorId: string
  metric: Metric
  zone: string
}

export interface QueryWorld {
  areas: string[]
  channels: Channel[]
  readings: number
  now: Date
  /** Vietnamese days [from, to] of the last whole month, the span whose compliance is reported. */
  month: { from: string; to: string }
  timings: Record<string, number>
  notes: string[]
}

const BASE: Record<string, [mean: number, swing: number]> = {
  salinity: [12, 4],
  ph: [7.8, 0.3],
  dissolved_oxygen: [5.5, 1.5],
  temperature: [29, 2],
}

export async function buildQueryWorld(
  db: Database,
  caps: Capabilities,
  shape: WorldShape,
  log: (line: string) => void,
): Promise<QueryWorld> {
  const timings: Record<string, number> = {}
  const notes: string[] = []
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now()
    const out = await fn()
    timings[name] = (performance.now() - t) / 1000
    return out
  }
  const gateways = Math.ceil(shape.channels / METRICS.length)
  const areaCount = Math.ceil(gateways / GATEWAYS_PER_AREA)
  const areas = Array.from({ length: areaCount }, (_, i) => `BENCH-Q${String(i).padStart(3, '0')}`)
  const channels: Channel[] = []
  await timed('provision_s', async () => {
    for (const code of areas) {
      await upsertGrowingArea(db, {
        code,
        name: `Benchmark area ${code}`,
        crop: 'shrimp',
        kind: 'shrimp_pond',
        communeCode: '29455',
      })
      await setZoneThresholds(db, { cooperativeId: null, subject: 'bench' }, code, {
        preset: 'shrimp_pond',
        overrides: [],
      })
    }
    const reqs = Array.from({ length: gateways }, (_, g) => ({
      id: `bench-q-${g}`,
      zone: areas[Math.floor(g / GATEWAYS_PER_AREA)]!,
      sensors: METRICS.map((metric) => ({ sensorId: `bench-q-${g}-s1`, metric })),
    }))
    for (const creds of await provisionGateways(db, reqs)) {
      const zone = reqs.find((r) => r.id === creds.gatewayId)!.zone
      for (const s of creds.sensors) channels.push({ sensorId: s.sensorId, metric: s.metric as Metric, zone })
    }
  })
  channels.splice(shape.channels)

  const stepMs = shape.stepSeconds * 1000
  const now = new Date()
  const end = Math.floor(now.getTime() / stepMs) * stepMs
  const start = end - shape.days * DAY_MS
  let readings = 0
  await timed('load_s', async () => {
    // A day of every channel per COPY, oldest first, as a year of ingest would have filled the chunks.
    let lastLog = performance.now()
    for (let dayStart = start; dayStart < end; dayStart += DAY_MS) {
      const batch = emptyBatch()
      for (let t = dayStart; t < Math.min(dayStart + DAY_MS, end); t += stepMs) {
        channels.forEach((c, i) => {
          const [mean, swing] = BASE[c.metric]!
          const phase = (t / DAY_MS) * 2 * Math.PI + i
          batch.time.push(t)
          batch.sensorId.push(c.sensorId)
          batch.metric.push(c.metric)
          batch.value.push(mean + swing * Math.sin(phase) + (swing / 4) * Math.sin(t / 7e8 + i))
          // One reading in 500 flagged, so the good-only aggregates have something to leave out.
          batch.quality.push((t / stepMs + i) % 500 === 0 ? 1 : 0)
        })
      }
      readings += await insertEncodedReadings(db, [encodeReadingTuples(batch)])
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now()
        log(`  loaded ${readings} readings, ${vietnamDate(dayStart)}`)
      }
    }
  })

  // What the rollups job does on its schedule (api/src/jobs/rollups.ts): refresh the continuous aggregates
  // where the licence has them, else bring the job's own tables up to date.
  await timed('rollups_s', async () => {
    if (await refreshReadingsRollup(db, now)) notes.push('rollups: continuous aggregates refreshed')
    else {
      const r = await maintainRollupTables(db, { now })
      notes.push(`rollups: tables (${r.hour.buckets} hourly, ${r.day.buckets} daily buckets written)`)
    }
  })
  await timed('compress_s', async () => {
    const olderThan = new Date(now.getTime() - COMPRESS_AFTER_DAYS * DAY_MS)
    const r = await compressOldChunks(db, caps, olderThan)
    notes.push(
      r.available ? `compression: ${r.compressed.length} chunks compressed` : `compression: ${r.reason}`,
    )
  })
  // The compliance job's report for the last month, which the monthly report and daily-water read.
  const monthDays = Array.from({ length: 30 }, (_, i) => vietnamDate(now.getTime() - (30 - i) * DAY_MS))
  let reportRows = 0
  await timed('compliance_s', async () => {
    for (const zone of areas) reportRows += await computeCompliance(db, zone, monthDays)
  })
  notes.push(`compliance: ${reportRows} daily report rows for ${monthDays[0]}..${monthDays[29]}`)
  await db.query('analyze')
  return {
    areas,
    channels,
    readings,
    now,
    month: { from: monthDays[0]!, to: monthDays[monthDays.length - 1]! },
    timings,
    notes,
  }
}
