// A well-behaved gateway for the fault-injection tests (outage, crash, fuzz): it publishes numbered QoS 1
// packs through mqtt.js with a bounded window of unacknowledged ones, remembers every reading it sent, and
// fingerprints what the database holds, so a test can say "every reading sent is stored exactly once".
import { createHash } from 'node:crypto'
import { type GatewayCredentials, topics } from '@zonetrace/contracts'
import type { Database } from '@zonetrace/db'
import type { MqttClient } from 'mqtt'

export interface SentReading {
  sensorId: string
  metric: string
  timeMs: number
  value: number
}

export interface Fingerprint {
  count: number
  md5: string
}

export interface PackStreamOptions {
  /** Packs published but not yet acknowledged, at most. */
  window?: number
  /** Pause between publishing rounds. */
  tickMs?: number
  /** Packs published per round at most, so pack times (one second apart) stay in the past. */
  perTick?: number
}

export interface PackStream {
  /** Number of packs published so far (pack numbers are 0 … sent-1). */
  sent(): number
  acked(): number
  /** Numbers of the packs acknowledged so far. */
  ackedPacks(): number[]
  /** ms timestamps of every PUBACK received. */
  ackTimes: number[]
  errors: Error[]
  /** Stops publishing new packs; those sent stay tracked. */
  stop(): void
  /** Resolves once every pack sent has been acknowledged. */
  drained(timeoutMs: number): Promise<void>
  readings(): SentReading[]
}

/** One instant of a gateway's probes: every channel once, at second `baseSec + n`, values derived from n. */
export function numberedPack(gw: GatewayCredentials, n: number, baseSec: number) {
  const readings: SentReading[] = gw.sensors.map((s, k) => ({
    sensorId: s.sensorId,
    metric: s.metric,
    timeMs: (baseSec + n) * 1000,
    value: Math.round(((n * 7 + k * 13) % 1000) + 100) / 100,
  }))
  const records = readings.map((r) => ({ n: `${r.sensorId}:${r.metric}`, v: r.value }))
  const payload = JSON.stringify([{ bt: baseSec + n, ...records[0] }, ...records.slice(1)])
  return { payload, readings }
}

/**
 * Starts publishing at once and keeps going until stop(). Pack n is stamped baseSec + n: start far enough
 * in the past (the broker refuses readings from the future) and within INGEST_MAX_AGE_DAYS.
 */
export function streamPacks(
  client: MqttClient,
  gw: GatewayCredentials,
  baseSec: number,
  opts: PackStreamOptions = {},
): PackStream {
  const window = opts.window ?? 20
  const topic = topics.readings(gw.gatewayId)
  const sent: SentReading[] = []
  const ackTimes: number[] = []
  const errors: Error[] = []
  const ackedPacks: number[] = []
  let next = 0
  let acked = 0
  let running = true
  let onAck: (() => void) | null = null

  const perTick = opts.perTick ?? 1
  const publishRound = () => {
    for (let k = 0; k < perTick && running && next - acked < window; k++) {
      const n = next++
      const { payload, readings } = numberedPack(gw, n, baseSec)
      sent.push(...readings)
      client.publish(topic, payload, { qos: 1 }, (err) => {
        if (err) errors.push(err)
        else {
          acked++
          ackedPacks.push(n)
          ackTimes.push(Date.now())
        }
        onAck?.()
      })
    }
  }
  const timer = setInterval(publishRound, opts.tickMs ?? 5)

  return {
    sent: () => next,
    acked: () => acked,
    ackedPacks: () => [...ackedPacks],
    ackTimes,
    errors,
    stop() {
      running = false
      clearInterval(timer)
    },
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (acked + errors.length < next) {
        if (Date.now() > deadline) throw new Error(`${next - acked} of ${next} packs still unacknowledged`)
        await new Promise<void>((resolve) => {
          onAck = resolve
          setTimeout(resolve, 200)
        })
      }
    },
    readings: () => sent,
  }
}

const FINGERPRINT_ROW = `sensor_id || '|' || metric || '|' || (extract(epoch from time) * 1000)::bigint || '|' || value::text`

/** Count and md5 over (sensor, metric, time, value) of every reading stored for these sensors. */
export async function storedFingerprint(db: Database, sensorIds: string[]): Promise<Fingerprint> {
  const [row] = await db.query<{ count: number; md5: string }>(
    `select count(*)::int as count,
            md5(coalesce(string_agg(${FINGERPRINT_ROW}, ',' order by sensor_id collate "C", metric collate "C", time), ''))
              as md5
       from readings where sensor_id = any($1::text[])`,
    [sensorIds],
  )
  return { count: row?.count ?? 0, md5: row?.md5 ?? '' }
}

/** The same fingerprint computed from what a gateway sent; a reading sent twice counts once. */
export function expectedFingerprint(readings: SentReading[]): Fingerprint {
  const rows = new Map<string, SentReading>()
  for (const r of readings) rows.set(`${r.sensorId}|${r.metric}|${r.timeMs}`, r)
  const ordered = [...rows.values()].sort(
    (a, b) => cmp(a.sensorId, b.sensorId) || cmp(a.metric, b.metric) || a.timeMs - b.timeMs,
  )
  const text = ordered.map((r) => `${r.sensorId}|${r.metric}|${r.timeMs}|${r.value}`).join(',')
  return { count: ordered.length, md5: createHash('md5').update(text).digest('hex') }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
