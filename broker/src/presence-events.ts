// Presence follows aedes' registration events ('client' after CONNACK, 'clientDisconnect' on unregister),
// which come in pairs for every connection that got as far as being registered; the authenticate hook is
// too early (a connection can still fail before CONNACK and never be unregistered).
//
// The status topic is retained, so it must not keep saying "online" for a gateway that is gone. A gateway
// that announced its own offline (a status before a clean DISCONNECT, or a will) keeps its own message;
// for one that dropped without either, the broker publishes a retained {"state":"offline","at":…}.
import { type GatewayStatus, topics } from '@zonetrace/contracts'
import { markGatewaysOffline } from '@zonetrace/db'
import type { Aedes, Client } from 'aedes'
import type { BrokerContext } from './context.ts'
import { gatewayOf } from './identity.ts'

export function watchPresence(aedes: Aedes, ctx: BrokerContext): void {
  aedes.on('client', (client) => {
    const gatewayId = gatewayOf(client)
    if (gatewayId !== undefined) ctx.presence.connected(gatewayId, client)
  })
  aedes.on('clientDisconnect', (client) => {
    const gatewayId = gatewayOf(client)
    if (gatewayId === undefined || !ctx.presence.disconnected(gatewayId, client)) return
    // lib/client.js close() → finish(): the will goes into authorizePublish before this event, but our
    // hook records it a few microtasks later. setImmediate runs after those, and after a takeover by the
    // same client id has registered the new connection (aedes.js registerClient).
    setImmediate(() => announceOffline(aedes, ctx, gatewayId, client))
  })
}

function announceOffline(aedes: Aedes, ctx: BrokerContext, gatewayId: string, client: Client): void {
  // On shutdown the gateways will find the broker gone themselves; their wills say the rest.
  if (aedes.closed || ctx.presence.isConnected(gatewayId) || ctx.presence.saidOffline(client)) return
  const status: GatewayStatus = { state: 'offline', at: new Date().toISOString() }
  aedes.publish(
    {
      cmd: 'publish',
      topic: topics.status(gatewayId),
      payload: Buffer.from(JSON.stringify(status)),
      qos: 1,
      retain: true,
      dup: false,
    },
    (err) => {
      if (err) ctx.log.warn({ gatewayId, err }, 'offline status not published')
    },
  )
}

/**
 * For a broker that is the only one on its database: nobody is connected before it starts listening, and a
 * crash of the previous process left its gateways marked online. Brokers sharing a database (REDIS_URL)
 * must skip this, or a starting node would mark the other nodes' gateways offline.
 */
export async function resetPresence(ctx: BrokerContext): Promise<void> {
  try {
    await markGatewaysOffline(ctx.db)
  } catch (err) {
    ctx.log.warn(
      { err },
      'could not reset gateway presence at start; stale online flags stay until reconnect',
    )
  }
}
