// Thirty days of readings for the demo gateways, written before the simulator goes live, so a lot's growing
// window (and its consumer page's sensor evidence) has data from the first start. The values come from the
// simulator's own pack source with the same zone kinds, seed and gateway order as the live run, so the
// history and the live stream describe the same water.
import { type GatewayCredentials, qualityOf } from '@zonetrace/contracts'
import { type Database, emptyBatch, insertReadings, type ReadingBatch } from '@zonetrace/db'
import { createPackSource, createWeather } from '@zonetrace/firmware-sim'

const DAY_MS = 86_400_000
/** Rows per insert: the whole demo history (69,120 rows) in one COPY, which measured fastest; bounded anyway. */
const FLUSH_ROWS = 100_000

interface HistoryOptions {
  /** In the order the live simulator gets them: a gateway's position seeds its probes. */
  gateways: Pick<GatewayCredentials, 'gatewayId' | 'sensors'>[]
  zoneKinds: Record<string, string>
  seed: number
  now?: Date
  days?: number
  stepSeconds?: number
}

interface HistoryResult {
  /** Sensors that got a history this time. */
  sensors: number
  readings: number
}

/**
 * Backfills only sensors without any reading older than a day: a restart, or a demo that ran for a while,
 * finds its history there and writes nothing. Readings already stored are skipped by insertReadings.
 */
export async function backfillDemoHistory(db: Database, opts: HistoryOptions): Promise<HistoryResult> {
  const now = (opts.now ?? new Date()).getTime()
  const stepMs = (opts.stepSeconds ?? 900) * 1000
  const startMs = Math.ceil((now - (opts.days ?? 30) * DAY_MS) / stepMs) * stepMs
  const sensorIds = [...new Set(opts.gateways.flatMap((g) => g.sensors.map((s) => s.sensorId)))]
  const pending = await sensorsWithoutHistory(db, sensorIds, new Date(now - DAY_MS))
  const result: HistoryResult = { sensors: pending.size, readings: 0 }
  if (pending.size === 0) return result

  const weather = createWeather({ seed: opts.seed })
  let batch = emptyBatch()
  const flush = async () => {
    result.readings += await insertReadings(db, batch)
    batch = emptyBatch()
  }
  for (const [index, gateway] of opts.gateways.entries()) {
    if (!gateway.sensors.some((s) => pending.has(s.sensorId))) continue
    const source = createPackSource({
      gateway,
      kind: opts.zoneKinds[gateway.gatewayId],
      seed: opts.seed,
      index,
      intervalSeconds: stepMs / 1000,
      startMs,
      weather,
    })
    for (let k = 0; source.timeOf(k) < now; k++) {
      const pack = source.next()
      if (!pack.powered) continue
      for (const probe of pack.probes) {
        if (probe.dropped || !pending.has(probe.sensorId)) continue
        for (const [metric, value] of Object.entries(probe.values) as [keyof typeof probe.values, number][]) {
          push(
            batch,
            pack.stampMs,
            probe.sensorId,
            metric,
            value,
            qualityOf(metric, value, probe.quality[metric]),
          )
        }
      }
      if (batch.time.length >= FLUSH_ROWS) await flush()
    }
  }
  await flush()
  return result
}

function push(
  b: ReadingBatch,
  time: number,
  sensorId: string,
  metric: string,
  value: number,
  quality: number,
) {
  b.time.push(time)
  b.sensorId.push(sensorId)
  b.metric.push(metric)
  b.value.push(value)
  b.quality.push(quality)
}

async function sensorsWithoutHistory(db: Database, sensorIds: string[], before: Date): Promise<Set<string>> {
  // One indexed probe per sensor, however much history a long-running demo has piled up.
  const rows = await db.query<{ id: string }>(
    `select s.id from unnest($1::text[]) as s(id)
      where exists (select 1 from readings r where r.sensor_id = s.id and r.time < $2)`,
    [sensorIds, before],
  )
  const known = new Set(rows.map((r) => r.id))
  return new Set(sensorIds.filter((id) => !known.has(id)))
}
