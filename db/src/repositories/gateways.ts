import {
  type GatewayCredentials,
  isGatewayId,
  isMetric,
  isSensorId,
  METRICS,
  type SensorChannel,
} from '@zonetrace/contracts'
import { eq } from 'drizzle-orm'
import type { Database } from '../database.ts'
import { RegistryError } from '../errors.ts'
import { gateways, growingAreas, sensors } from '../schema/index.ts'
import { generateSecret, hashSecret } from '../secrets.ts'

export interface ProvisionRequest {
  id: string
  zone: string
  /** Metric names for one probe (`{id}-s1`), or explicit channels for several probes. */
  sensors: (string | SensorChannel)[]
}

/** Creates a gateway and its sensors; the secret is returned here once and never again. */
export async function provisionGateway(db: Database, req: ProvisionRequest): Promise<GatewayCredentials> {
  if (!isGatewayId(req.id)) {
    throw new RegistryError(
      'gateway id must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      'invalid',
    )
  }
  const channels = toChannels(req.id, req.sensors)
  const [zone] = await db.orm
    .select({ code: growingAreas.code })
    .from(growingAreas)
    .where(eq(growingAreas.code, req.zone))
  if (!zone) throw new RegistryError(`unknown growing area "${req.zone}"`, 'not_found')

  const password = generateSecret()
  const secretHash = await hashSecret(password)
  await db.orm.transaction(async (tx) => {
    const inserted = await tx
      .insert(gateways)
      .values({ id: req.id, zoneCode: req.zone, secretHash })
      .onConflictDoNothing()
      .returning({ id: gateways.id })
    if (inserted.length === 0) throw new RegistryError(`gateway "${req.id}" already exists`, 'conflict')
    if (channels.length > 0) {
      const taken = await tx
        .insert(sensors)
        .values(
          channels.map((c) => ({
            id: c.sensorId,
            metric: c.metric,
            gatewayId: req.id,
            unit: METRICS[c.metric].unit,
            zoneCode: req.zone,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: sensors.id })
      if (taken.length !== channels.length)
        throw new RegistryError('a sensor id in the request is already provisioned', 'conflict')
    }
  })
  return { gatewayId: req.id, username: req.id, password, sensors: channels }
}

export function toChannels(gatewayId: string, requested: (string | SensorChannel)[]): SensorChannel[] {
  const seen = new Set<string>()
  return requested.map((s) => {
    const channel = typeof s === 'string' ? { sensorId: `${gatewayId}-s1`, metric: s } : s
    if (!isMetric(channel.metric)) throw new RegistryError(`unknown metric "${channel.metric}"`, 'invalid')
    if (!isSensorId(channel.sensorId))
      throw new RegistryError(`sensor id "${channel.sensorId}" is not valid`, 'invalid')
    const key = `${channel.sensorId}:${channel.metric}`
    if (seen.has(key)) throw new RegistryError(`sensor channel ${key} is listed twice`, 'invalid')
    seen.add(key)
    return { sensorId: channel.sensorId, metric: channel.metric }
  })
}

export interface GatewayView {
  id: string
  zone: string
  online: boolean
  lastSeenAt: Date | null
  status: Record<string, unknown> | null
  createdAt: Date
  sensorCount: number
}

export async function listGateways(db: Database): Promise<GatewayView[]> {
  // Raw SQL: drizzle unqualifies column names inside a correlated subquery, which would count wrongly.
  return db.query<GatewayView & Record<string, unknown>>(
    `select g.id, g.zone_code as zone, g.online, g.last_seen_at as "lastSeenAt", g.status,
            g.created_at as "createdAt",
            (select count(*)::int from sensors s where s.gateway_id = g.id) as "sensorCount"
       from gateways g order by g.id`,
  )
}

/** Issues a new secret for an existing gateway (lost credentials); returns it once. Null if unknown. */
export async function rotateGatewaySecret(db: Database, id: string): Promise<string | null> {
  const password = generateSecret()
  const rows = await db.query(
    'update gateways set secret_hash = $1, updated_at = now() where id = $2 returning id',
    [await hashSecret(password), id],
  )
  return rows.length === 1 ? password : null
}

/** What the broker needs to authenticate and authorise one gateway. */
export async function loadGatewayAuth(
  db: Database,
  id: string,
): Promise<{ secretHash: string; channels: Set<string> } | null> {
  const [gw] = await db.orm
    .select({ secretHash: gateways.secretHash })
    .from(gateways)
    .where(eq(gateways.id, id))
  if (!gw) return null
  const rows = await db.orm
    .select({ id: sensors.id, metric: sensors.metric })
    .from(sensors)
    .where(eq(sensors.gatewayId, id))
  return { secretHash: gw.secretHash, channels: new Set(rows.map((r) => `${r.id}:${r.metric}`)) }
}

/** What the broker learnt about one gateway since its last presence write; absent fields stay as stored. */
export interface PresenceUpdate {
  lastSeenAt?: Date
  online?: boolean
  status?: Record<string, unknown>
}

/** Batched: one statement for every gateway whose presence changed since the last write. */
export async function writePresence(
  db: Pick<Database, 'query'>,
  updates: Map<string, PresenceUpdate>,
): Promise<void> {
  if (updates.size === 0) return
  const list = [...updates.values()]
  // greatest() ignores nulls, so a batch that carries no sighting keeps last_seen_at as it is.
  await db.query(
    `update gateways g
        set last_seen_at = greatest(g.last_seen_at, s.at),
            online = coalesce(s.online, g.online),
            status = coalesce(s.status::jsonb, g.status)
       from unnest($1::text[], $2::timestamptz[], $3::bool[], $4::text[]) as s(id, at, online, status)
      where g.id = s.id`,
    [
      [...updates.keys()],
      list.map((u) => u.lastSeenAt?.toISOString() ?? null),
      list.map((u) => u.online ?? null),
      list.map((u) => (u.status === undefined ? null : JSON.stringify(u.status))),
    ],
  )
}

/**
 * Every gateway offline. For a broker starting alone: connections do not survive a restart, and a crash
 * gave the previous process no chance to record the drops.
 */
export async function markGatewaysOffline(db: Pick<Database, 'query'>): Promise<void> {
  await db.query('update gateways set online = false where online')
}

/** The gateway each of these sensor ids is provisioned on (any of its metrics); unknown ids are absent. */
export async function sensorGateways(
  db: Pick<Database, 'query'>,
  sensorIds: string[],
): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>()
  if (sensorIds.length === 0) return owners
  const rows = await db.query<{ id: string; gatewayId: string }>(
    'select distinct id, gateway_id as "gatewayId" from sensors where id = any($1::text[])',
    [sensorIds],
  )
  for (const r of rows) {
    const list = owners.get(r.id)
    if (list) list.push(r.gatewayId)
    else owners.set(r.id, [r.gatewayId])
  }
  return owners
}
