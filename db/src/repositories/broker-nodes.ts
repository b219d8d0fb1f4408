// Which broker node holds which gateway, decided in one place: the gateways row (connected_node,
// connected_since, online) and the broker_nodes heartbeats, both in the database every node shares.
// Memory on one node only says what that node holds; these statements turn it into the cluster's truth
// with conditions a stale node cannot get around:
//   - a node claims a gateway only while its own heartbeat row exists, and only over a holder whose
//     connection is older than its own (the newest connection is the gateway's real one);
//   - a node releases a gateway only while it is still the holder (where connected_node = me), so the
//     node a gateway left cannot mark it offline after it moved;
//   - a node whose heartbeat is older than the TTL is deleted by whichever live node sees it first (the
//     delete is the claim), and its gateways go offline once, in that same transaction.
// Times are the database's own clock (now()), so nodes on machines with skewed clocks agree.
import type { Database, Transaction } from '../database.ts'

export interface GatewayHold {
  gatewayId: string
  /** When the connection this node holds was opened. */
  since: Date
}

/**
 * Inserts or refreshes this node's heartbeat. True when the row had to be inserted: at the first
 * heartbeat, or after another node took this one over as lost (its claims then need making again).
 */
export async function heartbeatNode(db: Pick<Database, 'query'>, nodeId: string): Promise<boolean> {
  const [row] = await db.query<{ inserted: boolean }>(
    `insert into broker_nodes (node_id) values ($1)
     on conflict (node_id) do update set heartbeat_at = now()
     returning (xmax = 0) as inserted`,
    [nodeId],
  )
  return row?.inserted === true
}

/** A node stopping cleanly: it has released its gateways already; its row goes with it. */
export async function leaveCluster(db: Pick<Database, 'query'>, nodeId: string): Promise<void> {
  await db.query('delete from broker_nodes where node_id = $1', [nodeId])
}

/**
 * Marks online on this node every gateway it holds, unless another node holds a newer connection of it.
 * Rows already right are not touched. Returns the gateways whose row changed (offline before, held
 * elsewhere by an older connection, or held here by an earlier connection): the caller checks their
 * retained status.
 */
export async function claimGateways(
  db: Pick<Database, 'query'>,
  nodeId: string,
  holds: GatewayHold[],
): Promise<string[]> {
  if (holds.length === 0) return []
  const rows = await db.query<{ id: string }>(
    `update gateways g
        set online = true, connected_node = $1, connected_since = s.since
       from unnest($2::text[], $3::timestamptz[]) as s(id, since)
      where g.id = s.id
        and exists (select 1 from broker_nodes where node_id = $1)
        and not (g.online and g.connected_node = $1 and g.connected_since = s.since)
        and (g.connected_node is null or g.connected_node = $1 or g.connected_since is null
             or g.connected_since <= s.since)
     returning g.id`,
    [nodeId, holds.map((h) => h.gatewayId), holds.map((h) => h.since.toISOString())],
  )
  return rows.map((r) => r.id)
}

/**
 * Offline for the gateways this node no longer holds, where it still is the holder or nobody is (one that
 * came and went between two writes was never claimed, yet its retained status may say online). Runs
 * `announce` on the ones it released before committing: their rows stay locked meanwhile, so a node claiming one of them
 * waits, and its view of the retained status comes after this node's announcement.
 */
export async function releaseGateways(
  db: Pick<Database, 'transaction'>,
  nodeId: string,
  gatewayIds: string[],
  announce: (released: string[]) => Promise<void>,
): Promise<string[]> {
  if (gatewayIds.length === 0) return []
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update gateways set online = false, connected_node = null, connected_since = null
        where id = any($2::text[]) and (connected_node = $1 or connected_node is null)
       returning id`,
      [nodeId, gatewayIds],
    )
    const released = rows.map((r) => r.id)
    if (released.length > 0) await announce(released)
    return released
  })
}

/**
 * Takes over every node whose heartbeat is older than `ttlMs`, and every holder with no heartbeat row at
 * all: their gateways go offline, last seen when their node was last alive (it held them until then), and
 * `announce` runs on them before the commit. Two live nodes may run this at once; the delete claims each
 * dead node for one of them.
 */
export async function takeOverLostNodes(
  db: Pick<Database, 'transaction'>,
  ttlMs: number,
  announce: (lost: { gatewayId: string; nodeId: string }[]) => Promise<void>,
): Promise<{ nodes: string[]; gateways: { gatewayId: string; nodeId: string }[] }> {
  return db.transaction(async (tx: Transaction) => {
    const nodes = await tx.query<{ nodeId: string; heartbeatAt: Date }>(
      `delete from broker_nodes where heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)
       returning node_id as "nodeId", heartbeat_at as "heartbeatAt"`,
      [ttlMs],
    )
    const gateways = await tx.query<{ gatewayId: string; nodeId: string }>(
      `update gateways g
          set online = false, connected_node = null, connected_since = null,
              last_seen_at = greatest(g.last_seen_at, lost.heartbeat_at)
         from (select g2.id, g2.connected_node as node_id, l.heartbeat_at
                 from gateways g2
                 left join unnest($1::text[], $2::timestamptz[]) as l(node_id, heartbeat_at)
                   on l.node_id = g2.connected_node
                where g2.connected_node is not null
                  and not exists (select 1 from broker_nodes n where n.node_id = g2.connected_node)
              ) as lost
        -- Checked again on the row as it is when locked: a gateway claimed meanwhile by a live node stays.
        where g.id = lost.id and g.connected_node = lost.node_id
       returning g.id as "gatewayId", lost.node_id as "nodeId"`,
      [nodes.map((n) => n.nodeId), nodes.map((n) => n.heartbeatAt.toISOString())],
    )
    if (gateways.length > 0) await announce(gateways)
    return { nodes: nodes.map((n) => n.nodeId), gateways }
  })
}

/** Every gateway offline and held by nobody: a broker alone on its database, at start. */
export async function releaseAllGateways(db: Pick<Database, 'query'>): Promise<void> {
  await db.query(
    `update gateways set online = false, connected_node = null, connected_since = null
      where online or connected_node is not null`,
  )
}

/** The node holding each gateway's connection; a gateway held by none (or no such gateway) is left out. */
export async function gatewayHolders(
  db: Pick<Database, 'query'>,
  gatewayIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; node: string }>(
    'select id, connected_node as node from gateways where id = any($1::text[]) and connected_node is not null',
    [gatewayIds],
  )
  return new Map(rows.map((r) => [r.id, r.node]))
}
