// What the broker reads and writes to authenticate gateways in bulk: after an outage thousands connect
// within a second, so lookups and hash upgrades travel as one statement per batch, not one per gateway.
import type { Database } from '../database.ts'

export interface GatewayAuth {
  secretHash: string
  /** `sensorId:metric` channels provisioned on this gateway. */
  channels: Set<string>
}

/** The gateways found among `ids`; an id that is not provisioned is absent from the map. */
export async function loadGatewayAuths(
  db: Pick<Database, 'query'>,
  ids: string[],
): Promise<Map<string, GatewayAuth>> {
  const found = new Map<string, GatewayAuth>()
  if (ids.length === 0) return found
  const gateways = await db.query<{ id: string; secretHash: string }>(
    'select id, secret_hash as "secretHash" from gateways where id = any($1::text[])',
    [ids],
  )
  for (const g of gateways) found.set(g.id, { secretHash: g.secretHash, channels: new Set() })
  if (found.size === 0) return found
  const sensors = await db.query<{ gatewayId: string; id: string; metric: string }>(
    'select gateway_id as "gatewayId", id, metric from sensors where gateway_id = any($1::text[])',
    [[...found.keys()]],
  )
  for (const s of sensors) found.get(s.gatewayId)?.channels.add(`${s.id}:${s.metric}`)
  return found
}

export interface SecretHashUpgrade {
  gatewayId: string
  /** The hash the secret was verified against: a rotation since then wins over the upgrade. */
  from: string
  to: string
}

/** Replaces old-scheme hashes; returns the gateway ids changed. Not an edit by a person: updated_at stays. */
export async function upgradeSecretHashes(
  db: Pick<Database, 'query'>,
  upgrades: SecretHashUpgrade[],
): Promise<string[]> {
  if (upgrades.length === 0) return []
  const rows = await db.query<{ id: string }>(
    `update gateways g set secret_hash = u.to_hash
       from unnest($1::text[], $2::text[], $3::text[]) as u(id, from_hash, to_hash)
      where g.id = u.id and g.secret_hash = u.from_hash
      returning g.id`,
    [upgrades.map((u) => u.gatewayId), upgrades.map((u) => u.from), upgrades.map((u) => u.to)],
  )
  return rows.map((r) => r.id)
}
