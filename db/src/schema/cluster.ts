import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'
import { gateways } from './gateways.ts'

/**
 * One live broker process. Its id is the aedes id of that process, new at every start; a row whose
 * heartbeat is older than the node TTL is taken over by any live node (db/src/repositories/broker-nodes.ts).
 */
export const brokerNodes = pgTable('broker_nodes', {
  nodeId: text('node_id').primaryKey(),
  startedAt: timestamptz('started_at').notNull().defaultNow(),
  heartbeatAt: timestamptz('heartbeat_at').notNull().defaultNow(),
})

/**
 * The platform's config for one gateway, as PUT /api/v1/gateways/{id}/config stored it. A broker node
 * publishes it retained on zt/v1/gw/{id}/config once per version (published_version catches up).
 */
export const gatewayConfigs = pgTable('gateway_configs', {
  gatewayId: text('gateway_id')
    .primaryKey()
    .references(() => gateways.id, { onDelete: 'cascade' }),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull(),
  publishedVersion: integer('published_version').notNull().default(0),
  updatedBy: text('updated_by'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
