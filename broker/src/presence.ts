// Gateway presence on this node: which gateways it holds, last seen, last status. Connects, publishes and
// disconnects only touch memory; one statement every few seconds carries every gateway that changed since
// the last write, so a thousand gateways publishing every second cost one update. Whether a gateway is
// online is not decided here: after each write, `afterWrite` (node-presence.ts) turns what this node holds
// into claims and releases on the gateways row, the cluster's one truth (docs/scale-out.md, "Presence").
//
// A status the database refuses (a NUL in a string, a lone surrogate, which jsonb cannot hold) must not
// freeze everyone else's presence: a refused write is split until the refused gateway stands alone, whose
// status is then stored with those characters escaped. Only an unreachable database keeps the batch.
import type { Database, PresenceUpdate } from '@zonetrace/db'
import {
  errorFacts,
  isDataRefusal,
  isolateRows,
  jsonDepth,
  reportIsolation,
  SAFE_JSON_DEPTH,
  safeJson,
  safeText,
  writePresence,
} from '@zonetrace/db'
import type { Client } from 'aedes'
import type { Logger } from 'pino'

export interface Presence {
  /** A sign of life (a connect or a publish). */
  seen(gatewayId: string, at?: Date): void
  /** aedes registered an authenticated connection of this gateway. */
  connected(gatewayId: string, client: Client): void
  /** aedes unregistered that connection; true when it was the gateway's last here. */
  disconnected(gatewayId: string, client: Client): boolean
  isConnected(gatewayId: string): boolean
  /** A JSON object the gateway published on its status topic over this connection, or its will. */
  status(gatewayId: string, client: Client | null, status: Record<string, unknown>): void
  /** Whether this connection's last status, its will included, already announced it offline. */
  saidOffline(client: Client): boolean
  /**
   * What this node holds now: each gateway with at least one connection whose socket is still open, and
   * when its newest one opened. Connections found closed are dropped here (see `isOpen`).
   */
  holdings(isOpen: (client: Client) => boolean): Map<string, Date>
  /** The gateway's connections here, open or not yet noticed closed. */
  clientsOf(gatewayId: string): readonly Client[]
  /**
   * The gateways whose last connection here closed since the last call, each with that connection (its will
   * is recorded a little after it closes: ask saidOffline at announcement time). Drains the list.
   */
  takeLeft(): Map<string, Client>
  /** Puts one back, when its release could not be written. */
  keepLeft(gatewayId: string, client: Client): void
  /** The gateway's own last status over that connection, to say again after another node said offline. */
  lastStatusOf(client: Client): Record<string, unknown> | undefined
  /** Runs after every write of the pending updates (node-presence.ts syncs the claims there). */
  afterWrite(step: () => Promise<void>): void
  flush(): Promise<void>
  /** Stops the timer and writes what is left. */
  close(): Promise<void>
}

type Entry = [gatewayId: string, update: PresenceUpdate]

export function createPresence(db: Database, log: Logger, intervalMs = 5000): Presence {
  let pending = new Map<string, PresenceUpdate>()
  let flushing: Promise<void> | null = null
  // A gateway may hold several connections under different client ids; it is online while any is open.
  const live = new Map<string, Set<Client>>()
  const openedAt = new WeakMap<Client, Date>()
  const lastStatus = new WeakMap<Client, Record<string, unknown>>()
  const gone = new Map<string, Client>()
  let syncStep: (() => Promise<void>) | null = null

  const timer = setInterval(() => void flush(), intervalMs)
  timer.unref()

  function update(gatewayId: string): PresenceUpdate {
    let u = pending.get(gatewayId)
    if (!u) {
      u = {}
      pending.set(gatewayId, u)
    }
    return u
  }

  async function write(): Promise<void> {
    if (pending.size === 0) return
    const batch = pending
    pending = new Map()
    try {
      await writePresence(db, batch)
    } catch (err) {
      if (!isDataRefusal(err)) return keep(batch, err)
      const iso = await isolateRows([...batch], {
        cause: err,
        write: (entries: Entry[]) => writePresence(db, new Map(entries)),
        safeForm: safeEntry,
      })
      reportIsolation(log, 'presence', iso)
      if (iso.left.length > 0) keep(new Map(iso.left), iso.error)
    }
  }

  /** Puts a batch the database did not take back in front, under what changed meanwhile. */
  function keep(batch: Map<string, PresenceUpdate>, err: unknown): void {
    log.warn(
      { err: errorFacts(err), gateways: batch.size },
      'presence update failed; kept for the next flush',
    )
    // What changed meanwhile is newer than the failed batch and wins.
    for (const [id, failed] of batch) {
      const u = update(id)
      if (failed.lastSeenAt && !(u.lastSeenAt && u.lastSeenAt >= failed.lastSeenAt))
        u.lastSeenAt = failed.lastSeenAt
      if (failed.status !== undefined && u.status === undefined) u.status = failed.status
    }
  }

  function flush(): Promise<void> {
    // One update at a time: a slow database must not pile up statements every interval.
    flushing ??= write()
      .then(() => syncStep?.())
      .catch((err: unknown) => log.warn({ err: errorFacts(err) }, 'presence sync failed; retried next flush'))
      .finally(() => {
        flushing = null
      })
    return flushing
  }

  return {
    seen(gatewayId, at = new Date()) {
      const u = update(gatewayId)
      if (!u.lastSeenAt || u.lastSeenAt < at) u.lastSeenAt = at
    },
    connected(gatewayId, client) {
      const clients = live.get(gatewayId) ?? new Set<Client>()
      clients.add(client)
      live.set(gatewayId, clients)
      openedAt.set(client, new Date())
      gone.delete(gatewayId)
    },
    disconnected(gatewayId, client) {
      const clients = live.get(gatewayId)
      if (!clients?.delete(client)) return false
      if (clients.size > 0) return false
      live.delete(gatewayId)
      gone.set(gatewayId, client)
      return true
    },
    isConnected: (gatewayId) => live.has(gatewayId),
    status(gatewayId, client, status) {
      // PGlite's stack gives out on jsonb nested near a thousand levels deep, and takes the embedded
      // database down with it: such a status is flattened before it can reach a statement.
      const stored =
        jsonDepth(status, SAFE_JSON_DEPTH + 1) > SAFE_JSON_DEPTH
          ? (safeJson(status) as Record<string, unknown>)
          : status
      update(gatewayId).status = stored
      if (client) lastStatus.set(client, stored)
    },
    saidOffline: (client) => lastStatus.get(client)?.state === 'offline',
    holdings(isOpen) {
      const held = new Map<string, Date>()
      for (const [gatewayId, clients] of live) {
        for (const client of clients) {
          if (!isOpen(client)) {
            clients.delete(client)
            continue
          }
          const since = openedAt.get(client) ?? new Date(0)
          const newest = held.get(gatewayId)
          if (!newest || since > newest) held.set(gatewayId, since)
        }
        if (clients.size === 0) live.delete(gatewayId)
      }
      return held
    },
    clientsOf: (gatewayId) => [...(live.get(gatewayId) ?? [])],
    takeLeft() {
      const left = new Map(gone)
      gone.clear()
      return left
    },
    keepLeft(gatewayId, client) {
      if (!live.has(gatewayId) && !gone.has(gatewayId)) gone.set(gatewayId, client)
    },
    lastStatusOf: (client) => lastStatus.get(client),
    afterWrite(step) {
      syncStep = step
    },
    flush,
    async close() {
      clearInterval(timer)
      await flushing
      await flush()
    },
  }
}

/** The gateway's update with its status escaped for jsonb; its id too, though an escaped id matches nobody. */
function safeEntry([id, u]: Entry): Entry | null {
  const safe: PresenceUpdate = { ...u }
  if (u.status !== undefined) safe.status = safeJson(u.status) as Record<string, unknown>
  return [safeText(id), safe]
}
