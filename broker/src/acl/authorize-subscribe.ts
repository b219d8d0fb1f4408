// SUBSCRIBE: a gateway may follow its own config and command topics. Anything else is negated, which
// aedes answers with granted QoS 128 [MQTT-3.9.3] while keeping the connection (docs/Aedes.md,
// "To negate a subscription, set the subscription to null"). Restored sessions pass through here too.
import type { BrokerContext } from '../context.ts'
import type { AuthorizeSubscribeHook } from '../hooks.ts'
import { gatewayOf } from '../identity.ts'
import { maySubscribe, topicForLog } from './rules.ts'

export function authorizeSubscribe(ctx: BrokerContext): AuthorizeSubscribeHook {
  return function authorizeGatewaySubscribe(client, sub, done) {
    const gatewayId = gatewayOf(client)
    if (gatewayId !== undefined && maySubscribe(gatewayId, sub.topic)) return done(null, sub)
    ctx.counters.aclDenials++
    ctx.log.warn({ gatewayId, topic: topicForLog(sub.topic) }, 'subscribe refused by ACL')
    done(null, null)
  }
}
