// Presence follows aedes' registration events ('client' after CONNACK, 'clientDisconnect' on unregister),
// which come in pairs for every connection that got as far as being registered; the authenticate hook is
// too early (a connection can still fail before CONNACK and never be unregistered). Whether the gateway is
// then online, and what its retained status says, is settled cluster-wide by node-presence.ts.
import { releaseAllGateways, unpublishAllConfigs } from '@zonetrace/db'
import type { Aedes } from 'aedes'
import { unregisterClosed } from './aedes-internals.ts'
import type { BrokerContext } from './context.ts'
import { gatewayOf } from './identity.ts'

export function watchPresence(aedes: Aedes, ctx: BrokerContext): void {
  aedes.on('client', (client) => {
    // A socket that closed while aedes was still connecting it (its connect steps wait on Redis when
    // clustered): aedes registers it anyway and never unregisters it (aedes-internals.ts, unregisterClosed).
    if (client.closed) {
      unregisterClosed(aedes, client)
      ctx.log.warn(
        { clientId: client.id },
        'connection closed before aedes registered it: dropped (aedes #928)',
      )
      return
    }
    // Closed but not noticed yet: aedes' own close() will unregister it.
    if (client.conn.destroyed) {
      client.close()
      return
    }
    const gatewayId = gatewayOf(client)
    if (gatewayId !== undefined) ctx.presence.connected(gatewayId, client)
  })
  aedes.on('clientDisconnect', (client) => {
    const gatewayId = gatewayOf(client)
    if (gatewayId !== undefined) ctx.presence.disconnected(gatewayId, client)
  })
}

/**
 * For a broker that is the only one on its database: nobody is connected before it starts listening, a
 * crash of the previous process left its gateways marked online, and the retained configs it held in memory
 * are gone. Brokers sharing a database (REDIS_URL) must skip this, or a starting node would mark the other
 * nodes' gateways offline; node-presence.ts takes over a crashed node's gateways there.
 */
export async function resetPresence(ctx: BrokerContext): Promise<void> {
  try {
    await releaseAllGateways(ctx.db)
    await unpublishAllConfigs(ctx.db)
  } catch (err) {
    ctx.log.warn(
      { err },
      'could not reset gateway presence at start; stale online flags stay until the node TTL takes them over',
    )
  }
}
