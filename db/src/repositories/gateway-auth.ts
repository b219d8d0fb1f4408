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
  // One statement for both: on the embedded engine every statement costs the broker's own thread.
  const rows = await db.query<{ id: string; secretHash: string; channels: string[] }>(
    `select g.id, g.secret_hash as "secretHash",
            coalesce(array_agg(s.id || ':' || s.metric) filter (where s.id is not null), '{}') as channels
       from gateways g left join sensors s on s.gateway_id = g.id
      where g.id = any($1::text[])
      group by g.id`,
    [ids],
  )
  for (const r of rows) found.set(r.id, { secretHash: r.secretHash, channels: new Set(r.channels) })
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
