// The readings step of the publish pipeline: a pack on zt/v1/gw/{id}/readings is admitted row by row
// (admit-pack.ts), and a QoS 1 pack is acknowledged only once the writer has committed its rows
// (why that holds: the top of publish/authorize-publish.ts).
import type { ReadingBatch } from '@zonetrace/db'
import type { BrokerContext } from '../context.ts'
import type { PublishRequest } from '../publish/request.ts'
import { payloadOf } from '../publish/screen.ts'
import { admitPack } from './admit-pack.ts'

export async function ingestReadings({ ctx, packet, gatewayId }: PublishRequest): Promise<void> {
  const arrival = Date.now()
  const rows = await admitPack(ctx, gatewayId, payloadOf(packet))
  if (rows.time.length === 0) return
  ctx.alerts?.arrived(gatewayId, rows, arrival)
  if (packet.qos === 0) {
    // Best effort: wait only for room in the queue, never for the commit. A failed batch is logged by
    // the writer; there is no acknowledgement to withhold.
    await ctx.writer.room()
    ctx.writer.write(rows).then(
      () => committed(ctx, gatewayId, rows, arrival),
      () => {},
    )
    return
  }
  // Rejects with CommitError (already logged): no PUBACK, the connection closes, and the gateway resends
  // the pack after reconnecting. insertReadings skips rows already stored, so the resend is harmless.
  await ctx.writer.write(rows)
  committed(ctx, gatewayId, rows, arrival)
}

/** What follows a commit: the alert rules, and the rollups' note of late data. */
function committed(ctx: BrokerContext, gatewayId: string, rows: ReadingBatch, arrival: number): void {
  ctx.lateReadings.committed(rows, arrival)
  ctx.alerts?.committed(gatewayId, rows, arrival)
}
