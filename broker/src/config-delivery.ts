// Config set by PUT /api/v1/gateways/{id}/config reaches the gateway from here: the API stores it
// (gateway_configs), and at each heartbeat one broker node claims the versions not yet published and
// publishes them retained on zt/v1/gw/{id}/config. Clustered, aedes keeps retained messages in Redis and
// fans the publish out, so the gateway gets it on whichever node it is subscribed, now or at its next
// SUBSCRIBE. The API needs no MQTT connection of its own, and the broker's publish is the only one the ACL
// lets reach a config topic.
import { topics } from '@zonetrace/contracts'
import { publishPendingConfigs } from '@zonetrace/db'
import type { Aedes } from 'aedes'
import type { BrokerContext } from './context.ts'
import { publishRetained } from './retained.ts'
import { eachLimited } from './retained-status.ts'

export async function deliverConfigs(aedes: Aedes, ctx: BrokerContext): Promise<number> {
  if (aedes.closed) return 0
  const delivered = await publishPendingConfigs(ctx.db, (configs) =>
    // A failed publish throws, and the claim is rolled back for the next heartbeat.
    eachLimited(configs, 32, ({ gatewayId, config }) =>
      publishRetained(aedes, topics.config(gatewayId), config),
    ),
  )
  if (delivered > 0) ctx.log.info({ configs: delivered }, 'gateway configs published')
  return delivered
}
