// PUBLISH from a gateway. In aedes 1.2.0 this hook is the only place that can hold the acknowledgement:
// handlePublish (lib/handlers/publish.js) runs its publishActions, [authorizePublish, enqueuePublish], in
// series, and for QoS 1 enqueuePublish writes the PUBACK first and calls broker.publish only in its
// callback; the `published` hook and `publish` event run inside broker.publish (aedes.js, callPublished),
// after the PUBACK is on the wire. So a QoS 1 readings pack calls back here only once the writer has
// committed it: a PUBACK means the rows are in the database.
//
// The callback has two outcomes and no third (docs/Aedes.md, "Handler: authorizePublish"): no error lets
// enqueuePublish acknowledge AND forward; an error short-circuits runSeries (lib/utils.js) into the
// client's nextBatch, which emits 'error' (lib/client.js, the Client constructor), and Client._onError
// destroys the connection without an acknowledgement [MQTT-3.3.5-2]. There is no "acknowledge but do not
// forward". A pack that is malformed or has nothing storable is therefore acknowledged and forwarded:
// gateways can subscribe only to their own config and command topics (acl/authorize-subscribe.ts,
// acl/authorize-forward.ts), so nobody receives it, and refusing it would only make the gateway resend the
// same bad pack forever. What was refused is in the dead letters.
import type { Client, PublishPacket } from 'aedes'
import { type PublishableKind, publishableKind, topicForLog } from '../acl/rules.ts'
import type { BrokerContext } from '../context.ts'
import type { AuthorizePublishHook } from '../hooks.ts'
import { gatewayOf } from '../identity.ts'
import { type LoggedError, publishRefusal } from '../refusal.ts'
import { pipelineFor, runPipeline } from './pipelines.ts'

export function authorizePublish(ctx: BrokerContext): AuthorizePublishHook {
  return function authorizeGatewayPublish(client, packet, done) {
    const target = resolveTarget(ctx, client, packet)
    if (target instanceof Error) return done(target)
    runPipeline(pipelineFor(target.kind), { ctx, client, packet, gatewayId: target.gatewayId }).then(
      () => done(null),
      (err: Error) => done(err),
    )
  }
}

function resolveTarget(
  ctx: BrokerContext,
  client: Client | null,
  packet: PublishPacket,
): { gatewayId: string; kind: PublishableKind } | LoggedError {
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
