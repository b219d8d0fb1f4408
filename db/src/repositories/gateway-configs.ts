// The platform's config for each gateway (PUT /api/v1/gateways/{id}/config). The API only stores it; a
// broker node publishes it retained on the gateway's config topic (broker/src/config-delivery.ts), so the
// API needs no MQTT connection and the config reaches the gateway through whichever node holds it.
import type { Database, Transaction } from '../database.ts'

export type StoredGatewayConfig = {
  gatewayId: string
  config: Record<string, unknown>
  /** 1 for the first config, one more at every PUT. */
  version: number
  /** Whether a broker node has published this version on the config topic. */
  published: boolean
  updatedBy: string | null
  updatedAt: Date
}

const COLUMNS = `gateway_id as "gatewayId", config, version, published_version >= version as published,
                 updated_by as "updatedBy", updated_at as "updatedAt"`

/** Stores a new version of the gateway's config; null when no such gateway exists. */
export async function putGatewayConfig(
  db: Pick<Database, 'query'>,
  gatewayId: string,
  config: Record<string, unknown>,
  updatedBy: string | null,
): Promise<StoredGatewayConfig | null> {
  const [row] = await db.query<StoredGatewayConfig>(
    `insert into gateway_configs (gateway_id, config, version, updated_by)
     select id, $2::jsonb, 1, $3 from gateways where id = $1
     on conflict (gateway_id) do update
        set config = excluded.config, version = gateway_configs.version + 1,
            updated_by = excluded.updated_by, updated_at = now()
     returning ${COLUMNS}`,
    [gatewayId, JSON.stringify(config), updatedBy],
  )
  return row ?? null
}

export async function getGatewayConfig(
  db: Pick<Database, 'query'>,
  gatewayId: string,
): Promise<StoredGatewayConfig | null> {
  const [row] = await db.query<StoredGatewayConfig>(
    `select ${COLUMNS} from gateway_configs where gateway_id = $1`,
    [gatewayId],
  )
  return row ?? null
}

/**
 * Claims every config version not published yet and runs `publish` on them before committing: one node
 * publishes each version, and a failed publish rolls the claim back for the next try.
 */
export async function publishPendingConfigs(
  db: Pick<Database, 'transaction'>,
  publish: (configs: { gatewayId: string; config: Record<string, unknown> }[]) => Promise<void>,
  limit = 500,
): Promise<number> {
  return db.transaction(async (tx: Transaction) => {
    const rows = await tx.query<{ gatewayId: string; config: Record<string, unknown> }>(
      `update gateway_configs c set published_version = c.version
        where c.gateway_id in (select gateway_id from gateway_configs
                                where published_version < version
                                order by gateway_id limit $1
                                for update skip locked)
       returning c.gateway_id as "gatewayId", c.config`,
      [limit],
    )
    if (rows.length > 0) await publish(rows)
    return rows.length
  })
}

/**
 * Every stored config to publish again: a broker alone on its database keeps retained messages in memory,
 * so after its restart none is held any more.
 */
export async function unpublishAllConfigs(db: Pick<Database, 'query'>): Promise<void> {
  await db.query('update gateway_configs set published_version = 0 where published_version > 0')
}
