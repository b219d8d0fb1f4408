// Readings whose rollups can be worked out by hand: values are multiples of 1/8, so every sum is exact in
// floating point whatever order the database adds them in, and rollups, series and a plain JavaScript
// aggregation must agree to the last bit.
import {
  type Database,
  emptyBatch,
  insertReadings,
  type ReadingBatch,
  type RollupRow,
  vietnamDayStart,
} from '@zonetrace/db'

export interface FixtureReading {
  time: number
  sensorId: string
  metric: string
  value: number
  quality: number
}

export const CHANNELS = [
  { sensorId: 'gw-roll-s1', metric: 'salinity' },
  { sensorId: 'gw-roll-s1', metric: 'ph' },
  { sensorId: 'gw-roll-s2', metric: 'salinity' },
] as const

const STEP_MS = 7 * 60_000 // not a divisor of an hour, so buckets hold different counts
/** An hour of pH in which every reading is flagged: its rollup row has good = 0 and no statistics. */
export const FLAGGED_HOUR = Date.parse('2025-06-02T03:00:00Z')

/** Readings every 7 minutes per channel over [from, to), every 11th flagged, one pH hour all flagged. */
export function makeReadings(from: number, to: number, seed = 0): FixtureReading[] {
  const out: FixtureReading[] = []
  CHANNELS.forEach((c, ci) => {
    let i = seed
    for (let t = from + ci * 60_000; t < to; t += STEP_MS, i++) {
      const flaggedHour = c.metric === 'ph' && t >= FLAGGED_HOUR && t < FLAGGED_HOUR + 3_600_000
      const flagged = flaggedHour || i % 11 === 0
      const value = flagged ? 999 : ((i * 37 + ci * 13) % 160) / 8
      out.push({ time: t, ...c, value, quality: flagged ? 2 : 0 })
    }
  })
  return out
}

export async function store(db: Database, readings: FixtureReading[]): Promise<void> {
  const b: ReadingBatch = emptyBatch()
  for (const r of readings) {
    b.time.push(r.time)
    b.sensorId.push(r.sensorId)
    b.metric.push(r.metric)
    b.value.push(r.value)
    b.quality.push(r.quality)
  }
  await insertReadings(db, b)
}

/** A rollup row as the hand aggregation computes it: the same shape queryRollup returns. */
export type ExpectedRow = RollupRow

const bucketOf = (grain: 'hour' | 'day', t: number) =>
  grain === 'hour' ? Math.floor(t / 3_600_000) * 3_600_000 : vietnamDayStart(t)

/** The rollup rows of one channel for buckets starting in [from, to), aggregated here in JavaScript. */
export function expectedRollup(
  readings: FixtureReading[],
  channel: { sensorId: string; metric: string },
  grain: 'hour' | 'day',
  from: number,
  to: number,
): ExpectedRow[] {
  const rows = new Map<number, ExpectedRow>()
  for (const r of readings) {
    if (r.sensorId !== channel.sensorId || r.metric !== channel.metric) continue
    const bucket = bucketOf(grain, r.time)
    if (bucket < from || bucket >= to) continue
    const row = rows.get(bucket) ?? {
      bucket: new Date(bucket),
      count: 0,
      good: 0,
      sum: null,
      avg: null,
      min: null,
      max: null,
    }
    row.count++
    if (r.quality === 0) {
      row.good++
      row.sum = (row.sum ?? 0) + r.value
      row.min = Math.min(row.min ?? r.value, r.value)
      row.max = Math.max(row.max ?? r.value, r.value)
      row.avg = row.sum / row.good
    }
    rows.set(bucket, row)
  }
  return [...rows.values()].sort((a, b) => a.bucket.getTime() - b.bucket.getTime())
}
