// Wills that would say offline about a gateway that is not offline. Node loss and moves are decided in one
// place (node-presence.ts, on the gateways row), so a will is only the gateway's word when the node that
// publishes it still holds the gateway:
//   - a will aedes publishes for a broker that vanished (client null, aedes.js _clearWills) comes 4 to 7
//     minutes after the crash (its sweep runs every 4 heartbeats of 60 s); by then the lost node's gateways
//     were taken offline with reason node-lost, or have moved to a live node. It is always stale.
//   - a will of a connection closing here is stale when another node took its client id over (takeovers.ts)
//     or holds the gateway already: it moved, and this node only now noticed the old link was dead.
// A stale will is still acknowledged (aedes has no "drop" outcome, and refusing a vanished broker's will
// would keep it in Redis to be retried forever): it goes on unretained, to nobody, since no client may
// subscribe to status topics, and it is not recorded as the gateway's status.
import { type PublishRequest, STOP } from './request.ts'

export async function dropStaleWill({
  ctx,
  client,
  packet,
  gatewayId,
}: PublishRequest): Promise<typeof STOP | undefined> {
  // A publish over an open connection is the gateway speaking, not a will.
  if (client !== null && !client.closed) return
  let stale = client === null || ctx.takeovers.elsewhere(client.id)
  if (!stale) {
    const holder = await ctx.holderOf(gatewayId).catch(() => null)
    stale = holder !== null && holder !== ctx.nodeId
  }
  if (!stale) return
  packet.retain = false
  ctx.log.info(
    { gatewayId, clientId: client?.id, vanishedBroker: client === null },
    'stale will dropped: the gateway is held elsewhere or its node was already taken over',
  )
  return STOP
}
