// Bulk provisioning for fleets and load tests: thousands of gateways in a few statements instead of a
// transaction each. Same rules and same output as provisionGateway.
import { type GatewayCredentials, isGatewayId } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { RegistryError } from '../errors.ts'
import { generateSecret, hashSecret } from '../secrets.ts'
import { NotFoundError } from './found.ts'
import { checkedPosition, insertChannels, type ProvisionRequest, toChannels } from './gateways.ts'

export async function provisionGateways(
  db: Database,
  reqs: ProvisionRequest[],
): Promise<GatewayCredentials[]> {
  const creds: GatewayCredentials[] = []
  const hashes: string[] = []
  const positions: (string | null)[] = []
  for (const req of reqs) {
    if (!isGatewayId(req.id)) throw new RegistryError(`gateway id "${req.id}" is not valid`, 'invalid')
    const password = generateSecret()
    creds.push({ gatewayId: req.id, username: req.id, password, sensors: toChannels(req.id, req.sensors) })
    const position = checkedPosition(req.position)
    positions.push(position && JSON.stringify(position))
    hashes.push(await hashSecret(password))
  }
  const zones = [...new Set(reqs.map((r) => r.zone))]
  const known = await db.query<{ code: string }>(
    'select code from growing_areas where code = any($1::text[])',
    [zones],
  )
  const missing = zones.filter((z) => !known.some((k) => k.code === z))
  if (missing.length > 0) throw new NotFoundError(`unknown growing area "${missing[0]}"`)

  const channels = creds.flatMap((c, i) =>
    c.sensors.map((s) => ({ ...s, gatewayId: c.gatewayId, zone: reqs[i]!.zone })),
  )
  await db.transaction(async (tx) => {
    const inserted = await tx.query(
      `insert into gateways (id, zone_code, secret_hash, position)
       select id, zone, hash, position::jsonb
         from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as r(id, zone, hash, position)
       on conflict do nothing returning id`,
      [creds.map((c) => c.gatewayId), reqs.map((r) => r.zone), hashes, positions],
    )
    if (inserted.length !== creds.length)
      throw new RegistryError('a gateway in the request already exists', 'conflict')
    await insertChannels(tx, channels)
  })
  return creds
}
