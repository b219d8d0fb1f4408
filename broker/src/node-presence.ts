// This broker node's part in the cluster's presence (docs/scale-out.md, "Presence"). After every presence
// write it turns what the node holds into claims and releases on the gateways row (db/src/repositories/
// broker-nodes.ts); every heartbeat interval it refreshes its own heartbeat, takes over nodes whose
// heartbeat expired, and delivers config changes. The retained status follows each change of the row:
//   - a gateway released here (gone, and not held elsewhere) gets a retained offline, unless its own will
//     or goodbye said so already;
//   - a gateway of a lost node gets a retained offline with reason `node-lost`, once;
//   - a gateway claimed here while the retained status says offline (the node it left, a lost node or a
//     stale will said so) gets its own last status again, or {"state":"online"}.
// A release or takeover announces before it commits, with the rows locked, so a node claiming one of those
// gateways reads the retained status only after the announcement and corrects it.
import {
  claimGateways,
  errorFacts,
  heartbeatNode,
  leaveCluster,
  releaseGateways,
  takeOverLostNodes,
} from '@zonetrace/db'
import type { Aedes, Client } from 'aedes'
import { liveSessions, unregisterClosed } from './aedes-internals.ts'
import { deliverConfigs } from './config-delivery.ts'
import type { BrokerContext } from './context.ts'
import { eachLimited, offlineStatus, publishStatus, retainedState } from './retained-status.ts'

export interface NodePresenceOptions {
  /** How often the node heartbeats, takes over lost nodes and delivers configs (default 5 s). */
  heartbeatMs?: number
  /** A node silent this long is lost (default 3 heartbeats). */
  ttlMs?: number
}

export interface NodePresence {
  readonly nodeId: string
  /** Heartbeat, lost-node takeover and config delivery now (the timer does it every heartbeatMs). */
  tick(): Promise<void>
  /** After presence wrote its last updates: leaves the cluster. */
  close(): Promise<void>
}

/** How long an announcement may hold its transaction when Redis does not answer. */
const ANNOUNCE_TIMEOUT_MS = 3000
const ANNOUNCE_CONCURRENCY = 32
/** Every this many presence writes, a node claims all it holds again, not only what changed. */
const FULL_CLAIM_EVERY = 12

export async function startNodePresence(
  aedes: Aedes,
  ctx: BrokerContext,
  opts: NodePresenceOptions = {},
): Promise<NodePresence> {
  const heartbeatMs = opts.heartbeatMs ?? 5000
  const ttlMs = opts.ttlMs ?? 3 * heartbeatMs
  const nodeId = ctx.nodeId
  const { db, log, presence } = ctx
  const sessions = liveSessions(aedes)
  let held = new Set<string>()
  /** The connection time each held gateway was last claimed with. */
  const claimedSince = new Map<string, Date>()
  let syncs = 0

  const isOpen = (client: Client) =>
    !client.closed && !client.conn.destroyed && sessions[client.id] === client

  async function sync(): Promise<void> {
    const holdings = presence.holdings(isOpen)
    const left = presence.takeLeft()
    const candidates = new Set([...held, ...left.keys()].filter((id) => !holdings.has(id)))
    if (candidates.size > 0) {
      await releaseGateways(db, nodeId, [...candidates], (released) =>
        announce(released, async (gatewayId) => {
          const last = left.get(gatewayId)
          if ((last && presence.saidOffline(last)) || presence.isConnected(gatewayId)) return
          await publishStatus(aedes, gatewayId, offlineStatus())
        }),
      ).catch((err: unknown) => {
        // Tried again next time: those that left are still not held.
        for (const [id, client] of left) if (!holdings.has(id)) presence.keepLeft(id, client)
        throw err
      })
    }
    held = new Set(holdings.keys())
    for (const id of claimedSince.keys()) if (!holdings.has(id)) claimedSince.delete(id)
    // New or reopened connections every time; every holding now and then, which re-takes a gateway whose
    // newer connection on another node has gone while this node still holds an older one. Sending all of
    // them every time costs ~0.1 s on a server and ~1 s embedded per 10,000 gateways.
    const full = ++syncs % FULL_CLAIM_EVERY === 0
    const holds = [...holdings]
      .filter(([id, since]) => full || claimedSince.get(id)?.getTime() !== since.getTime())
      .map(([gatewayId, since]) => ({ gatewayId, since }))
    const claimed = await claimGateways(db, nodeId, holds)
    for (const h of holds) claimedSince.set(h.gatewayId, h.since)
    if (claimed.length > 0) await announce(claimed, (gatewayId) => sayOnlineAgain(gatewayId))
  }

  /** A gateway held here while the retained status says offline: someone else said it, not the gateway. */
  async function sayOnlineAgain(gatewayId: string): Promise<void> {
    const clients = presence.clientsOf(gatewayId).filter(isOpen)
    if (clients.length === 0 || clients.some((c) => presence.saidOffline(c))) return
    if ((await retainedState(aedes, gatewayId)) !== 'offline') return
    const own = clients.map((c) => presence.lastStatusOf(c)).find((s) => s !== undefined)
    const status = own ?? { state: 'online', at: new Date().toISOString() }
    await publishStatus(aedes, gatewayId, status)
    // gateways.status follows, over whatever offline (a will) was stored meanwhile.
    presence.status(gatewayId, clients[0]!, status)
  }

  /** Runs one announcement per gateway; a Redis that does not answer must not hold the rows for long. */
  async function announce(gatewayIds: string[], one: (gatewayId: string) => Promise<void>): Promise<void> {
    if (aedes.closed) return
    const all = eachLimited(gatewayIds, ANNOUNCE_CONCURRENCY, (id) =>
      one(id).catch((err: unknown) =>
        log.warn({ gatewayId: id, err: errorFacts(err) }, 'status not published'),
      ),
    )
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn(
          { gateways: gatewayIds.length },
          'status announcements still waiting for redis; committed anyway',
        )
        resolve()
      }, ANNOUNCE_TIMEOUT_MS)
    })
    await Promise.race([all, late])
    clearTimeout(timer)
  }

  async function takeOver(): Promise<void> {
    const { nodes, gateways } = await takeOverLostNodes(db, ttlMs, (lost) =>
      announce(
        lost.map((l) => l.gatewayId),
        (gatewayId) => publishStatus(aedes, gatewayId, offlineStatus('node-lost')),
      ),
    )
    if (nodes.length > 0 || gateways.length > 0) {
      log.warn({ nodes, gateways: gateways.length }, 'broker nodes lost: their gateways marked offline')
    }
  }

  /** aedes clients registered after their socket closed (aedes-internals.ts, unregisterClosed). */
  function dropPhantoms(): void {
    for (const client of Object.values(sessions)) {
      if (client.closed && unregisterClosed(aedes, client)) {
        log.warn({ clientId: client.id }, 'closed connection was still registered: dropped')
      }
    }
  }

  let ticking: Promise<void> | null = null
  function tick(): Promise<void> {
    ticking ??= (async () => {
      dropPhantoms()
      try {
        // (Re)inserted: this node was taken over as lost meanwhile, or its first heartbeat failed.
        if (await heartbeatNode(db, nodeId)) syncs = FULL_CLAIM_EVERY - 1
        await takeOver()
        await deliverConfigs(aedes, ctx)
      } catch (err) {
        log.warn({ err: errorFacts(err) }, 'node heartbeat failed; retried next interval')
      }
    })().finally(() => {
      ticking = null
    })
    return ticking
  }

  // Before listening: a claim needs this node's heartbeat row.
  await heartbeatNode(db, nodeId).catch((err: unknown) =>
    log.warn({ err: errorFacts(err) }, 'first node heartbeat failed; presence waits for the database'),
  )
  presence.afterWrite(sync)
  const timer = setInterval(() => void tick(), heartbeatMs)
  timer.unref()
  log.info({ nodeId, heartbeatMs, ttlMs }, 'broker node joined presence')

  return {
    nodeId,
    tick,
    async close() {
      clearInterval(timer)
      await ticking
      await leaveCluster(db, nodeId).catch((err: unknown) =>
        log.warn({ err: errorFacts(err) }, 'could not leave the cluster; the node expires after its TTL'),
      )
    },
  }
}
