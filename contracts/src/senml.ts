// SenML JSON (RFC 8428) resolution for reading packs on `zt/v1/gw/{id}/readings`.
//
// A record's full name is `bn + n` and must read `{sensorId}:{metric}`; it is split at the LAST ':' so
// metric names (which never contain ':') are unambiguous. Times are seconds since the epoch after adding
// `bt`; per RFC 8428 §4.5.3 a resolved time below 2**28 is relative to "now".
//
// Quality: the optional extension field `zq` carries a quality flag set at the source (Quality in
// metrics.ts: 2 calibrating, 3 device error, 4 clock suspect), e.g. a Circular 10 station status or a
// gateway clock that jumped. Its name does not end in `_`, so a SenML reader that does not know it may
// ignore it and still read a valid value [RFC 8428 §4.4]. A physically impossible value is flagged 1
// whatever `zq` says.
//
// Errors come in two kinds: a pack that is not a SenML array at all is rejected whole; a record that is
// wrong (bad name, unknown metric, non-finite value, wrong unit) is rejected alone and the rest of the
// pack is kept. A gateway batching eight probes should not lose seven good readings for one bad one.

import { isMetric, METRICS, type Metric, type QualityFlag, SOURCE_QUALITY_FLAGS } from './metrics.ts'
import { printable } from './text.ts'
import { isSensorId } from './topics.ts'

export interface SenmlReading {
  /** The resolved SenML name, `{sensorId}:{metric}`: the channel key, kept so nobody rebuilds it. */
  channel: string
  sensorId: string
  metric: Metric
  /** Milliseconds since the epoch. */
  time: number
  value: number
  /** Flag set at the source (`zq`); absent when the source set none. */
  sourceQuality?: QualityFlag
}

export interface SenmlRejection {
  index: number
  reason: string
}

export type SenmlParseResult =
  | { ok: true; readings: SenmlReading[]; rejected: SenmlRejection[] }
  | { ok: false; reason: string }

export const MAX_RECORDS_PER_PACK = 10_000
const RELATIVE_TIME_LIMIT = 2 ** 28
const SOURCE_FLAGS: ReadonlySet<unknown> = new Set(SOURCE_QUALITY_FLAGS)

export function parseSenmlPack(payload: Uint8Array | string, nowMs = Date.now()): SenmlParseResult {
  let pack: unknown
  try {
    pack = JSON.parse(typeof payload === 'string' ? payload : utf8(payload))
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' }
  }
  if (!Array.isArray(pack)) return { ok: false, reason: 'SenML pack must be a JSON array' }
  if (pack.length === 0) return { ok: false, reason: 'SenML pack is empty' }
  if (pack.length > MAX_RECORDS_PER_PACK) {
    return {
      ok: false,
      reason: `SenML pack has ${pack.length} records; the limit is ${MAX_RECORDS_PER_PACK}`,
    }
  }

  const readings: SenmlReading[] = []
  const rejected: SenmlRejection[] = []
  let bn = ''
  let bt = 0
  let bu: string | undefined
  let bv = 0

  for (let index = 0; index < pack.length; index++) {
    const rec = pack[index] as Record<string, unknown>
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      rejected.push({ index, reason: 'record is not an object' })
      continue
    }
    // Base fields apply to this record and every later one until changed [RFC 8428 §4.1].
    if (rec.bn !== undefined) {
      if (typeof rec.bn !== 'string') return { ok: false, reason: `record ${index}: bn must be a string` }
      bn = rec.bn
    }
    if (rec.bt !== undefined) {
      if (!isFiniteNumber(rec.bt)) return { ok: false, reason: `record ${index}: bt must be a finite number` }
      bt = rec.bt
    }
    if (rec.bu !== undefined) {
      if (typeof rec.bu !== 'string') return { ok: false, reason: `record ${index}: bu must be a string` }
      bu = rec.bu
    }
    if (rec.bv !== undefined) {
      if (!isFiniteNumber(rec.bv)) return { ok: false, reason: `record ${index}: bv must be a finite number` }
      bv = rec.bv
    }

    // A record carrying only base fields is legal and yields no reading.
    if (rec.n === undefined && rec.v === undefined && rec.t === undefined) continue

    const result = resolveRecord(rec, bn, bt, bu, bv, nowMs)
    if (typeof result === 'string') rejected.push({ index, reason: result })
    else readings.push(result)
  }
  return { ok: true, readings, rejected }
}

function resolveRecord(
  rec: Record<string, unknown>,
  bn: string,
  bt: number,
  bu: string | undefined,
  bv: number,
  nowMs: number,
): SenmlReading | string {
  if (rec.n !== undefined && typeof rec.n !== 'string') return 'n must be a string'
  const name = bn + ((rec.n as string | undefined) ?? '')
  const split = name.lastIndexOf(':')
  if (split <= 0) return `name "${truncate(name)}" is not {sensorId}:{metric}`
  const sensorId = name.slice(0, split)
  const metric = name.slice(split + 1)
  if (!isSensorId(sensorId)) return `sensor id "${truncate(sensorId)}" is not valid`
  if (!isMetric(metric)) return `unknown metric "${truncate(metric)}"`

  if (rec.v === undefined) {
    return rec.vs !== undefined || rec.vb !== undefined || rec.vd !== undefined
      ? 'only numeric values (v) are accepted'
      : 'record has no value'
  }
  if (!isFiniteNumber(rec.v)) return 'value is not a finite number'
  const value = bv + rec.v
  if (!Number.isFinite(value)) return 'value is not a finite number'

  const unit = rec.u !== undefined ? rec.u : bu
  if (unit !== undefined && unit !== METRICS[metric].unit) {
    return `unit "${truncate(String(unit))}" does not match ${metric} (${METRICS[metric].unit})`
  }

  if (rec.t !== undefined && !isFiniteNumber(rec.t)) return 't must be a finite number'
  const seconds = bt + ((rec.t as number | undefined) ?? 0)
  const time = Math.abs(seconds) < RELATIVE_TIME_LIMIT ? nowMs + seconds * 1000 : seconds * 1000
  if (!Number.isFinite(time)) return 'time is not a finite number'
  const reading: SenmlReading = { channel: name, sensorId, metric, time: Math.round(time), value }
  if (rec.zq !== undefined) {
    if (!SOURCE_FLAGS.has(rec.zq)) return `zq must be one of ${SOURCE_QUALITY_FLAGS.join(', ')}`
    reading.sourceQuality = rec.zq as QualityFlag
  }
  return reading
}

function utf8(bytes: Uint8Array): string {
  // A Buffer decodes in place; Buffer.from(Uint8Array) would copy the payload first.
  return Buffer.isBuffer(bytes)
    ? bytes.toString('utf8')
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

/** A client's text quoted in a refusal: cut short, controls escaped, so the dead letter can be stored. */
function truncate(s: string): string {
  return printable(s)
}

/** Builds a compact pack for one sensor at one instant: what the simulator and edge agent send. */
export function buildSenmlPack(
  sensorId: string,
  timeMs: number,
  values: Partial<Record<Metric, number>>,
  quality: Partial<Record<Metric, QualityFlag>> = {},
): unknown[] {
  const records: Record<string, unknown>[] = []
  for (const [metric, v] of Object.entries(values)) {
    if (v === undefined) continue
    const q = quality[metric as Metric]
    records.push(
      q
        ? { n: metric, u: METRICS[metric as Metric].unit, v, zq: q }
        : { n: metric, u: METRICS[metric as Metric].unit, v },
    )
  }
  if (records.length === 0) return []
  records[0] = { bn: `${sensorId}:`, bt: timeMs / 1000, ...records[0] }
  return records
}
