// Delivery to a gateway: only what it may subscribe to. Subscriptions are already checked, so this guards
// the other path into a session: messages queued for a persistent client id that a different gateway
// later connects with (aedes replays them through authorizeForward, lib/handlers/connect.js emptyQueue).
import type { AuthorizeForwardHook } from '../hooks.ts'
import { gatewayOf } from '../identity.ts'
import { maySubscribe } from './rules.ts'

export const authorizeForward: AuthorizeForwardHook = function authorizeGatewayForward(client, packet) {
  const gatewayId = gatewayOf(client)
  return gatewayId !== undefined && maySubscribe(gatewayId, packet.topic) ? packet : null
}
