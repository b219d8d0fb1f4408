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

import type { Static } from 'typebox'
import { isMetric, METRICS, type Metric, type QualityFlag, SOURCE_QUALITY_FLAGS } from './metrics.ts'
import type { SenmlRecordSchema } from './mqtt-schemas.ts'
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

/** One record as SenmlRecordSchema (mqtt-schemas.ts) describes it; docs/asyncapi.yaml shows that schema. */
export type SenmlRecord = Static<typeof SenmlRecordSchema>
/** Every field either kind of record names: a union's keyof would keep only those both name. */
type FieldOf<R> = R extends unknown ? keyof R : never
/**
 * A record as it arrives: the schema's fields, none checked yet, and the other SenML values (string, boolean,
 * data), named only to say they are not read.
 */
type ArrivingRecord = { readonly [K in FieldOf<SenmlRecord> | 'vs' | 'vb' | 'vd']?: unknown }
/** A pack as it arrives, once known to be an array: its items may be anything. */
type ArrivingPack = readonly (ArrivingRecord | null)[]
/** The base fields in force for the next record, checked; `bu` stays unset until a record sets it. */
type BaseFields = { [K in 'bn' | 'bt' | 'bv']-?: Exclude<SenmlRecord[K], undefined> } & Pick<
  SenmlRecord,
  'bu'
>

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

  const records = pack as ArrivingPack
  const readings: SenmlReading[] = []
  const rejected: SenmlRejection[] = []
  const base: BaseFields = { bn: '', bt: 0, bu: undefined, bv: 0 }

  for (let index = 0; index < records.length; index++) {
    const rec = records[index]!
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      rejected.push({ index, reason: 'record is not an object' })
      continue
    }
    // Base fields apply to this record and every later one until changed [RFC 8428 §4.1]. Most records
    // carry none, so they cost four reads here.
    if (rec.bn !== undefined || rec.bt !== undefined || rec.bu !== undefined || rec.bv !== undefined) {
      const wrong = applyBaseFields(base, rec)
      if (wrong !== null) return { ok: false, reason: `record ${index}: ${wrong}` }
    }

    // A record carrying only base fields is legal and yields no reading.
    if (rec.n === undefined && rec.v === undefined && rec.t === undefined) continue

    const result = resolveRecord(rec, base, nowMs)
    if (typeof result === 'string') rejected.push({ index, reason: result })
    else readings.push(result)
  }
  return { ok: true, readings, rejected }
}

/** Each base field with the type it must have, in the order they are checked. */
const BASE_FIELD_TYPES = [
  ['bn', isString, 'a string'],
  ['bt', isFiniteNumber, 'a finite number'],
  ['bu', isString, 'a string'],
  ['bv', isFiniteNumber, 'a finite number'],
] as const

/** Sets the record's base fields on `base`; what is wrong with the first bad one, or null. */
function applyBaseFields(base: BaseFields, rec: ArrivingRecord): string | null {
  for (const [key, valid, type] of BASE_FIELD_TYPES) {
    const value = rec[key]
    if (value === undefined) continue
    if (!valid(value))
      return `${key} must be ${type}`
      // The check above is the one the key's type asks for.
    ;(base as Record<typeof key, unknown>)[key] = value
  }
  return null
}

function resolveRecord(rec: ArrivingRecord, base: BaseFields, nowMs: number): SenmlReading | string {
  const { bn, bt, bu, bv } = base
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

function isString(x: unknown): x is string {
  return typeof x === 'string'
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
