// A readings pack on zt/v1/gw/{id}/readings becomes rows for the writer. What cannot be stored is logged
// and dropped record by record: a gateway batching eight probes keeps seven readings when one is bad, and a
// reading naming a sensor of another gateway is never stored under this one.
import { parseSenmlPack, qualityOf, type SenmlReading } from '@zonetrace/contracts'
import { emptyBatch, type ReadingBatch } from '@zonetrace/db'
import type { BrokerContext } from '../context.ts'

const REASONS_LOGGED = 3

/** The rows to store (possibly none), or null when the payload is not a SenML pack at all. */
export async function admitPack(
  ctx: BrokerContext,
  gatewayId: string,
  payload: Buffer,
  nowMs = Date.now(),
): Promise<ReadingBatch | null> {
  ctx.counters.packsReceived++
  const parsed = parseSenmlPack(payload, nowMs)
  if (!parsed.ok) {
    ctx.counters.packsMalformed++
    ctx.log.warn({ gatewayId, reason: parsed.reason, bytes: payload.length }, 'readings pack dropped')
    return null
  }
  if (parsed.rejected.length > 0) {
    ctx.counters.readingsRejected += parsed.rejected.length
    ctx.log.warn(
      {
        gatewayId,
        rejected: parsed.rejected.length,
        kept: parsed.readings.length,
        reasons: parsed.rejected.slice(0, REASONS_LOGGED).map((r) => `#${r.index}: ${r.reason}`),
      },
      'readings pack: records rejected',
    )
  }
  const own = await keepOwnChannels(ctx, gatewayId, parsed.readings)
  ctx.counters.readingsAccepted += own.length
  return toRows(own)
}

async function keepOwnChannels(
  ctx: BrokerContext,
  gatewayId: string,
  readings: SenmlReading[],
): Promise<SenmlReading[]> {
  const record = await ctx.directory.lookup(gatewayId)
  let channels = record?.channels ?? new Set<string>()
  let foreign = readings.filter((r) => !channels.has(channelOf(r)))
  if (foreign.length === 0) return readings

  // Sensors provisioned after this gateway connected: reload, at most every few seconds per gateway.
  channels = await ctx.directory.refreshChannels(gatewayId)
  foreign = foreign.filter((r) => !channels.has(channelOf(r)))
  if (foreign.length === 0) return readings

  ctx.counters.readingsUnknownChannel += foreign.length
  ctx.log.warn(
    {
      gatewayId,
      unknown: foreign.length,
      channels: [...new Set(foreign.map(channelOf))].slice(0, REASONS_LOGGED),
    },
    'readings pack: channels not provisioned on this gateway',
  )
  return readings.filter((r) => channels.has(channelOf(r)))
}

function channelOf(r: SenmlReading): string {
  return `${r.sensorId}:${r.metric}`
}

function toRows(readings: SenmlReading[]): ReadingBatch {
  const rows = emptyBatch()
  for (const r of readings) {
    rows.time.push(r.time)
    rows.sensorId.push(r.sensorId)
    rows.metric.push(r.metric)
    rows.value.push(r.value)
    rows.quality.push(qualityOf(r.metric, r.value))
  }
  return rows
}
