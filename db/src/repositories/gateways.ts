import {
  checkPoint,
  type Gateway,
  type GatewayCredentials,
  type GeoPoint,
  isGatewayId,
  isMetric,
  isSensorId,
  METRICS,
  type SensorChannel,
} from '@zonetrace/contracts'
import type { Database, Transaction } from '../database.ts'
import { RegistryError } from '../errors.ts'
import { generateSecret, hashSecret } from '../secrets.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from './columns.ts'
import { NotFoundError } from './found.ts'

export interface ProvisionRequest {
  id: string
  zone: string
  /** Metric names for one probe (`{id}-s1`), or explicit channels for several probes. */
  sensors: (string | SensorChannel)[]
  /** Where it stands: a GeoJSON Point inside the Mekong Delta (checked here, whatever the caller checked). */
  position?: unknown
}

/** The position to store, or null when none was given; a bad one is the caller's to fix (400). */
export function checkedPosition(value: unknown): GeoPoint | null {
  if (value == null) return null
  const checked = checkPoint(value)
  if (!checked.ok) throw new RegistryError(checked.problem.en, 'invalid')
  return checked.point
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
  const position = checkedPosition(req.position)
  const [zone] = await db.query('select code from growing_areas where code = $1', [req.zone])
  if (!zone) throw new NotFoundError(`unknown growing area "${req.zone}"`)

  const password = generateSecret()
  const secretHash = await hashSecret(password)
  await db.transaction(async (tx) => {
    const inserted = await tx.query(
      `insert into gateways (id, zone_code, secret_hash, position) values ($1, $2, $3, $4::jsonb)
       on conflict do nothing returning id`,
      [req.id, req.zone, secretHash, position && JSON.stringify(position)],
    )
    if (inserted.length === 0) throw new RegistryError(`gateway "${req.id}" already exists`, 'conflict')
    await insertChannels(
      tx,
      channels.map((c) => ({ ...c, gatewayId: req.id, zone: req.zone })),
    )
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

/** A channel to provision: which gateway carries it and which growing area it measures. */
export type NewChannel = SensorChannel & { gatewayId: string; zone: string }

/** Inserts the channels in one statement; any already provisioned refuses the whole request. */
export async function insertChannels(tx: Transaction, channels: NewChannel[]): Promise<void> {
  if (channels.length === 0) return
  const taken = await tx.query(
    `insert into sensors (id, metric, gateway_id, unit, zone_code)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) on conflict do nothing returning id`,
    [
      channels.map((c) => c.sensorId),
      channels.map((c) => c.metric),
      channels.map((c) => c.gatewayId),
      channels.map((c) => METRICS[c.metric].unit),
      channels.map((c) => c.zone),
    ],
  )
  if (taken.length !== channels.length)
    throw new RegistryError('a sensor id in the request is already provisioned', 'conflict')
}

/** Every field of a gateway, from `gateways g` (ADR 0009: one column list per resource). */
const gatewayColumns: Columns<Gateway> = {
  id: 'g.id',
  zone: 'g.zone_code',
  online: 'g.online',
  lastSeenAt: 'g.last_seen_at',
  status: 'g.status',
  createdAt: 'g.created_at',
  sensorCount: '(select count(*)::int from sensors s where s.gateway_id = g.id)',
  position: 'g.position',
}
const GATEWAY_INSTANTS = ['lastSeenAt', 'createdAt'] as const
type GatewayRow = WithInstants<Gateway, (typeof GATEWAY_INSTANTS)[number]>

export async function listGateways(db: Pick<Database, 'query'>): Promise<Gateway[]> {
  const rows = await db.query<GatewayRow>(
    `select ${selectList(gatewayColumns)} from gateways g order by g.id`,
  )
  return rows.map((row) => withIsoInstants(row, GATEWAY_INSTANTS))
}

/** One gateway as GET /gateways lists it, or null. */
export async function getGateway(db: Pick<Database, 'query'>, id: string): Promise<Gateway | null> {
  const [row] = await db.query<GatewayRow>(
    `select ${selectList(gatewayColumns)} from gateways g where g.id = $1`,
    [id],
  )
  return row ? withIsoInstants<Gateway, (typeof GATEWAY_INSTANTS)[number]>(row, GATEWAY_INSTANTS) : null
}

/**
 * Records where a gateway stands (null forgets it); true if the gateway exists. The open-data stations
 * layer shows it there instead of at its area's centre.
 */
export async function setGatewayPosition(
  db: Pick<Database, 'query'>,
  id: string,
  position: unknown,
): Promise<boolean> {
  const point = checkedPosition(position)
  const rows = await db.query(
    `update gateways set position = $2::jsonb,
            updated_at = case when position is distinct from $2::jsonb then now() else updated_at end
      where id = $1 returning id`,
    [id, point && JSON.stringify(point)],
  )
  return rows.length === 1
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
  db: Pick<Database, 'query'>,
  id: string,
): Promise<{ secretHash: string; channels: Set<string> } | null> {
  const [gw] = await db.query<{ secretHash: string }>(
    'select secret_hash as "secretHash" from gateways where id = $1',
    [id],
  )
  if (!gw) return null
  const rows = await db.query<{ id: string; metric: string }>(
    'select id, metric from sensors where gateway_id = $1',
    [id],
  )
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
