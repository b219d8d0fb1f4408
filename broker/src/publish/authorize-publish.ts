// PUBLISH from a gateway. In aedes 1.2.0 this hook is the only place that can hold the acknowledgement:
// lib/handlers/publish.js runs [authorizePublish, enqueuePublish] in series (lines 18-21 and 43), and for
// QoS 1 enqueuePublish writes the PUBACK first and calls broker.publish only in its callback (lines 92-96);
// the `published` hook and `publish` event run inside broker.publish (aedes.js lines 374-389), after the
// PUBACK is on the wire. So a QoS 1 readings pack calls back here only once the writer has committed it:
// a PUBACK means the rows are in the database.
//
// The callback has two outcomes and no third (docs/Aedes.md, "Handler: authorizePublish"): no error lets
// enqueuePublish acknowledge AND forward; an error short-circuits runSeries (lib/utils.js lines 85-94) into
// the client's nextBatch, which emits 'error' (lib/client.js lines 66-70) and _onError destroys the
// connection without an acknowledgement (lib/client.js lines 172-184) [MQTT-3.3.5-2]. There is no
// "acknowledge but do not forward". A pack that is malformed or has nothing storable is therefore
// acknowledged and forwarded: gateways can subscribe only to their own config and command topics
// (acl/authorize-subscribe.ts, acl/authorize-forward.ts), so nobody receives it, and refusing it would
// only make the gateway resend the same bad pack forever. What was refused is in the dead letters.
import type { GatewayTopicKind } from '@zonetrace/contracts'
import type { ReadingBatch } from '@zonetrace/db'
import type { Client, PublishPacket } from 'aedes'
import { publishableKind, topicForLog } from '../acl/rules.ts'
import type { BrokerContext } from '../context.ts'
import type { AuthorizePublishHook } from '../hooks.ts'
import { gatewayOf } from '../identity.ts'
import { admitPack } from '../ingest/admit-pack.ts'
import { ingestAlarmReport } from '../ingest/alarm-reports.ts'
import { type LoggedError, publishRefusal } from '../refusal.ts'
import { payloadOf, recordStatus, screenPayloadSize } from './screen.ts'

export interface PublishRequest {
  ctx: BrokerContext
  client: Client | null
  packet: PublishPacket
  gatewayId: string
  kind: GatewayTopicKind
  /** Set by a step that dead-lettered the payload: later steps leave it alone. */
  deadLettered?: boolean
}

type PublishStep = (req: PublishRequest) => void | Promise<void>

const publishSteps: PublishStep[] = [
  markSeen,
  screenPayloadSize,
  keepReadingsUnretained,
  recordStatus,
  ingestReadings,
  ingestAlarmReport,
]

export function authorizePublish(ctx: BrokerContext): AuthorizePublishHook {
  return function authorizeGatewayPublish(client, packet, done) {
    const target = resolveTarget(ctx, client, packet)
    if (target instanceof Error) return done(target)
    runSteps({ ctx, client, packet, ...target }).then(
      () => done(null),
      (err: Error) => done(err),
    )
  }
}

async function runSteps(req: PublishRequest): Promise<void> {
  for (const step of publishSteps) await step(req)
}

function resolveTarget(
  ctx: BrokerContext,
  client: Client | null,
  packet: PublishPacket,
): { gatewayId: string; kind: GatewayTopicKind } | LoggedError {
  // client is null only for the will of a client whose broker vanished (aedes.js _clearWills): its
  // owner is unknown, so it may only announce a status, which is what gateway wills are for.
  const gatewayId = client ? gatewayOf(client) : packet.topic.split('/')[3]
  const kind = gatewayId === undefined ? null : publishableKind(gatewayId, packet.topic)
  if (gatewayId !== undefined && kind !== null && (client !== null || kind === 'status')) {
    return { gatewayId, kind }
  }
  ctx.counters.aclDenials++
  ctx.log.warn({ gatewayId, topic: topicForLog(packet.topic) }, 'publish refused by ACL')
  return publishRefusal('publish not allowed on this topic')
}

function markSeen({ ctx, client, gatewayId }: PublishRequest): void {
  // A closing client publishing its will is not a sign of life.
  if (client && !client.closed) {
    ctx.presence.seen(gatewayId)
    ctx.alerts?.seen(gatewayId, Date.now())
  }
}

function keepReadingsUnretained({ packet, kind }: PublishRequest): void {
  // The database is the record of readings; a retained copy per gateway would only hold packs in memory.
  if (kind === 'readings') packet.retain = false
}

async function ingestReadings(req: PublishRequest): Promise<void> {
  const { ctx, packet, gatewayId, kind } = req
  if (kind !== 'readings' || req.deadLettered) return
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
