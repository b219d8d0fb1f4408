// channel_latest: each channel's latest good reading, kept beside readings so the console's "latest value
// of every channel" reads one small table instead of probing every chunk of a year (ADR 0012). The batch
// writer (readings.ts) upserts it in the transaction that stores the readings; migration 0013's row trigger
// covers every other writer and stays quiet while the flag below is set.
import type { Transaction } from '../database.ts'

/** Per channel, the newest good reading of some readings: parallel columns, one entry per channel. */
export interface LatestReadings {
  sensorId: string[]
  metric: string[]
  time: number[] // ms since epoch
  value: number[]
}

/** Quality 0: the only readings the platform shows as a channel's value. */
const GOOD = 0

/** The newest good reading of each channel among these rows (an earlier row wins a tie). */
export function latestOf(b: {
  time: readonly number[]
  sensorId: readonly string[]
  metric: readonly string[]
  value: readonly number[]
  quality: readonly number[]
}): LatestReadings {
  const at = new Map<string, number>()
  for (let i = 0; i < b.time.length; i++) {
    if (b.quality[i] !== GOOD) continue
    const key = `${b.sensorId[i]}\u0000${b.metric[i]}`
    const j = at.get(key)
    if (j === undefined || b.time[i]! > b.time[j]!) at.set(key, i)
  }
  const out: LatestReadings = { sensorId: [], metric: [], time: [], value: [] }
  for (const i of at.values()) {
    out.sensorId.push(b.sensorId[i]!)
    out.metric.push(b.metric[i]!)
    out.time.push(b.time[i]!)
    out.value.push(b.value[i]!)
  }
  return out
}

/** The newest of several parts' latest readings, channel by channel (an earlier part wins a tie). */
export function mergeLatest(parts: readonly LatestReadings[]): LatestReadings {
  if (parts.length === 1) return parts[0]!
  const all = {
    time: [] as number[],
    sensorId: [] as string[],
    metric: [] as string[],
    value: [] as number[],
  }
  for (const p of parts) {
    all.time.push(...p.time)
    all.sensorId.push(...p.sensorId)
    all.metric.push(...p.metric)
    all.value.push(...p.value)
  }
  return latestOf({ ...all, quality: new Array<number>(all.time.length).fill(GOOD) })
}

/**
 * Upserts these latest readings and sets, for the rest of the transaction, the flag that silences the row
 * trigger: the caller's readings that follow in the same transaction are accounted for here. An older reading
 * never replaces a newer one, nor one at the same time (as readings keeps the first of two). Rows go in key
 * order, so two batches sharing channels wait for each other instead of deadlocking.
 */
export async function keepLatest(tx: Pick<Transaction, 'query'>, l: LatestReadings): Promise<void> {
  await tx.query(
    `with flag as materialized (select set_config('zonetrace.channel_latest', 'batch', true))
     insert into channel_latest (sensor_id, metric, time, value)
     select l.sensor_id, l.metric, l.time, l.value
       from flag, unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[]) as l(sensor_id, metric, time, value)
      order by l.sensor_id, l.metric
     on conflict (sensor_id, metric) do update set time = excluded.time, value = excluded.value
      where excluded.time > channel_latest.time`,
    [l.sensorId, l.metric, l.time.map((t) => new Date(t).toISOString()), l.value],
  )
}

/** The flag alone, for a writer that upserts channel_latest from the rows it inserted (see readings.ts). */
export const QUIET_TRIGGER = `select set_config('zonetrace.channel_latest', 'batch', true)`

/**
 * The `insert … returning sensor_id, metric, time, value, quality` CTE named `ins` turned into channel_latest
 * upserts: a data-modifying WITH item to add after it.
 */
export const KEEP_LATEST_OF_INSERTED = `kept as (
   insert into channel_latest (sensor_id, metric, time, value)
   select sensor_id, metric, time, value from (
     select distinct on (sensor_id, metric) sensor_id, metric, time, value from ins
      where quality = ${GOOD} order by sensor_id, metric, time desc) l
    order by sensor_id, metric
   on conflict (sensor_id, metric) do update set time = excluded.time, value = excluded.value
    where excluded.time > channel_latest.time)`
