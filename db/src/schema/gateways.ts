import { boolean, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamps, timestamptz } from './_helpers.ts'
import { growingAreas } from './growing-areas.ts'

/** A field gateway. Its MQTT username is its id; only a scrypt hash of its secret is stored. */
export const gateways = pgTable(
  'gateways',
  {
    id: text('id').primaryKey(),
    zoneCode: text('zone_code')
      .notNull()
      .references(() => growingAreas.code),
    secretHash: text('secret_hash').notNull(),
    lastSeenAt: timestamptz('last_seen_at'),
    /** Holds an authenticated MQTT connection to the broker; written in batches by the broker's presence. */
    online: boolean('online').notNull().default(false),
    /** The last JSON object the gateway published on its status topic (or its will), e.g. spool depth. */
    status: jsonb('status').$type<Record<string, unknown>>(),
    /** The broker node (broker_nodes.node_id) holding its connection; null while offline (docs/scale-out.md). */
    connectedNode: text('connected_node'),
    /** When the connection that node holds was opened: the newest connection wins a claim. */
    connectedSince: timestamptz('connected_since'),
    /** Where the gateway stands, as a GeoJSON Point (WGS 84); null when nobody recorded it. */
    position: jsonb('position').$type<{ type: 'Point'; coordinates: [number, number] }>(),
    ...timestamps,
  },
  (t) => [
    index('gateways_zone_code_idx').on(t.zoneCode),
    index('gateways_connected_node_idx').on(t.connectedNode),
  ],
)

/**
 * One measuring channel: a probe (`sensorId`) and one metric it reports. A multi-parameter sonde is one
 * sensor id with several rows, which is what a SenML pack with one base name and several `n` describes.
 */
export const sensors = pgTable(
  'sensors',
  {
    id: text('id').notNull(),
    metric: text('metric').notNull(),
    gatewayId: text('gateway_id')
      .notNull()
      .references(() => gateways.id, { onDelete: 'cascade' }),
    unit: text('unit').notNull(),
    zoneCode: text('zone_code')
      .notNull()
      .references(() => growingAreas.code),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.id, t.metric] }), index('sensors_gateway_id_idx').on(t.gatewayId)],
)
