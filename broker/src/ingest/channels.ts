// A reading is stored only under a channel (sensor id and metric) provisioned on the gateway that sent it.
// The rest is refused record by record: a sensor provisioned on another gateway (foreign_sensor: a wiring
// or configuration mix-up worth telling apart) or a channel provisioned nowhere (unknown_sensor).
import type { SenmlReading } from '@zonetrace/contracts'
import { sensorGateways } from '@zonetrace/db'
import type { BrokerContext } from '../context.ts'
import type { RecordRefusal } from './refusals.ts'

export type Refused = Map<number, Omit<RecordRefusal, 'index'>>

/** Adds a refusal for every reading (by position) whose channel this gateway does not own. */
export async function screenChannels(
  ctx: BrokerContext,
  gatewayId: string,
  readings: SenmlReading[],
  refused: Refused,
): Promise<void> {
  const record = await ctx.directory.lookup(gatewayId)
  let channels = record?.channels ?? new Set<string>()
  let strangers = unowned(readings, refused, channels)
  if (strangers.length === 0) return

  // Sensors provisioned after this gateway connected: reload, at most every few seconds per gateway.
  channels = await ctx.directory.refreshChannels(gatewayId)
  strangers = strangers.filter((k) => !channels.has(channelOf(readings[k]!)))
  if (strangers.length === 0) return

  ctx.counters.readingsUnknownChannel += strangers.length
  const owners = await ownersOf(ctx, gatewayId, [...new Set(strangers.map((k) => readings[k]!.sensorId))])
  for (const k of strangers) {
    const r = readings[k]!
    const others = owners?.get(r.sensorId)?.filter((g) => g !== gatewayId) ?? []
    refused.set(
      k,
      others.length > 0
        ? {
            reason: 'foreign_sensor',
            detail: `sensor "${r.sensorId}" is provisioned on gateway "${others[0]}", not on this one`,
          }
        : {
            reason: 'unknown_sensor',
            detail: `channel ${channelOf(r)} is not provisioned on this gateway${owners ? '' : ' (owner lookup failed)'}`,
          },
    )
  }
}

function unowned(readings: SenmlReading[], refused: Refused, channels: Set<string>): number[] {
  const out: number[] = []
  for (let k = 0; k < readings.length; k++) {
    if (!refused.has(k) && !channels.has(channelOf(readings[k]!))) out.push(k)
  }
  return out
}

/** Null when the lookup failed: the readings are refused either way, only the reason is less precise. */
async function ownersOf(
  ctx: BrokerContext,
  gatewayId: string,
  sensorIds: string[],
): Promise<Map<string, string[]> | null> {
  try {
    return await sensorGateways(ctx.db, sensorIds)
  } catch (err) {
    ctx.log.warn({ err, gatewayId }, 'sensor owner lookup failed')
    return null
  }
}

function channelOf(r: SenmlReading): string {
  return r.channel
}
