// A readings pack on zt/v1/gw/{id}/readings becomes rows for the writer. The ingest rules (README § Ingest
// rules):
// - A payload that is not a SenML pack at all (not JSON, not an array, empty, too many records, a bad base
//   field) is dead-lettered whole as malformed_senml: nothing in it can be trusted.
// - Otherwise each record stands alone. A bad record (invalid_record, non_finite_value, time_out_of_bounds,
//   unknown_sensor, foreign_sensor) is dead-lettered and the rest of its pack is stored: a gateway batching
//   eight probes keeps seven readings when one is bad, and a reading naming a sensor of another gateway is
//   never stored under this one.
// - A value outside the metric's physical range is stored with a quality flag, not refused.
// - Whatever was refused, the pack is acknowledged once its good readings are committed, so the gateway
//   does not resend it forever. That holds for a reading the database itself refuses too: the writer
//   dead-letters it (pack-origin.ts) and commits the rest.
import { parseSenmlPack, qualityOf, type SenmlReading, topics } from '@zonetrace/contracts'
import { emptyBatch, type ReadingBatch } from '@zonetrace/db'
import type { BrokerContext } from '../context.ts'
import { type Refused, screenChannels } from './channels.ts'
import { admittedPackOrigin, setPackOrigin } from './pack-origin.ts'
import { deadLetterRecords, fromParser, type RecordRefusal, readingRecordIndices } from './refusals.ts'

const REASONS_LOGGED = 3
const DAY_MS = 86_400_000

/** The rows to store, possibly none. Refusals are dead-lettered on the way; nothing here throws for input. */
export async function admitPack(
  ctx: BrokerContext,
  gatewayId: string,
  payload: Buffer,
  nowMs = Date.now(),
): Promise<ReadingBatch> {
  ctx.counters.packsReceived++
  const topic = topics.readings(gatewayId)
  const parsed = parseSenmlPack(payload, nowMs)
  if (!parsed.ok) {
    ctx.counters.packsMalformed++
    ctx.log.warn({ gatewayId, reason: parsed.reason, bytes: payload.length }, 'readings pack dead-lettered')
    ctx.deadLetters.add({
      gatewayId,
      topic,
      reason: 'malformed_senml',
      detail: parsed.reason,
      recordIndex: null,
      payload,
    })
    return emptyBatch()
  }

  // Readings refused after parsing, by their position in parsed.readings.
  const late: Refused = new Map()
  screenTimes(ctx, parsed.readings, nowMs, late)
  await screenChannels(ctx, gatewayId, parsed.readings, late)
  const kept = late.size === 0 ? parsed.readings : parsed.readings.filter((_, k) => !late.has(k))

  const refusals = parsed.rejected.map(fromParser)
  if (late.size > 0) {
    const indices = readingRecordIndices(payload, parsed.rejected)
    for (const [k, r] of late) refusals.push({ index: indices[k] ?? null, ...r })
  }
  if (refusals.length > 0) {
    ctx.counters.readingsRejected += refusals.length
    logRefusals(ctx, gatewayId, refusals, kept.length)
    deadLetterRecords(ctx, gatewayId, topic, payload, refusals)
  }
  ctx.counters.readingsAccepted += kept.length
  const rows = toRows(kept)
  // For a reading the database would refuse after all: the writer dead-letters it with this pack.
  if (kept.length > 0) {
    const refusedReadings = late.size === 0 ? NONE : [...late.keys()].sort((a, b) => a - b)
    setPackOrigin(rows, admittedPackOrigin(ctx, gatewayId, payload, parsed.rejected, refusedReadings))
  }
  return rows
}

const NONE: readonly number[] = []

/** Times the gateway clock cannot have meant: configurable, since backfills of days are normal. */
function screenTimes(ctx: BrokerContext, readings: SenmlReading[], nowMs: number, refused: Refused): void {
  const { maxFutureSeconds, maxAgeDays } = ctx.ingest
  const latest = nowMs + maxFutureSeconds * 1000
  const earliest = nowMs - maxAgeDays * DAY_MS
  for (let k = 0; k < readings.length; k++) {
    const time = readings[k]!.time
    if (time > latest) {
      refused.set(k, {
        reason: 'time_out_of_bounds',
        detail: `time ${iso(time)} is more than ${maxFutureSeconds} s ahead of the broker clock`,
      })
    } else if (time < earliest) {
      refused.set(k, {
        reason: 'time_out_of_bounds',
        detail: `time ${iso(time)} is more than ${maxAgeDays} days old`,
      })
    }
  }
}

function iso(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? `${ms} ms` : d.toISOString()
}

function logRefusals(ctx: BrokerContext, gatewayId: string, refusals: RecordRefusal[], kept: number): void {
  const reasons: Record<string, number> = {}
  for (const r of refusals) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1
  ctx.log.warn(
    {
      gatewayId,
      refused: refusals.length,
      kept,
      reasons,
      first: refusals.slice(0, REASONS_LOGGED).map((r) => `#${r.index ?? '?'}: ${r.detail}`),
    },
    'readings pack: records dead-lettered',
  )
}

function toRows(readings: SenmlReading[]): ReadingBatch {
  const rows = emptyBatch()
  for (const r of readings) {
    rows.time.push(r.time)
    rows.sensorId.push(r.sensorId)
    rows.metric.push(r.metric)
    rows.value.push(r.value)
    rows.quality.push(qualityOf(r.metric, r.value, r.sourceQuality))
  }
  return rows
}
