// Gateway presence: online or offline, last seen, last status. Connects, publishes and disconnects only touch
// memory; one statement every few seconds carries every gateway that changed since the last write, so a
// thousand gateways publishing every second cost one update. Memory is the truth while the broker runs;
// the database follows within one flush interval.
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
  /** aedes unregistered that connection; true when it was the gateway's last, i.e. it is now offline. */
  disconnected(gatewayId: string, client: Client): boolean
  isConnected(gatewayId: string): boolean
  /**
   * A JSON object the gateway published on its status topic, or its will. `client` is null for the will
   * of a connection held by a broker that vanished (clustered aedes publishes those on its behalf).
   */
  status(gatewayId: string, client: Client | null, status: Record<string, unknown>): void
  /** Whether this connection's last status, its will included, already announced it offline. */
  saidOffline(client: Client): boolean
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
  const lastState = new WeakMap<Client, unknown>()

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
      if (failed.online !== undefined && u.online === undefined) u.online = failed.online
      if (failed.status !== undefined && u.status === undefined) u.status = failed.status
    }
  }

  function flush(): Promise<void> {
    // One update at a time: a slow database must not pile up statements every interval.
    flushing ??= write().finally(() => {
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
      update(gatewayId).online = true
    },
    disconnected(gatewayId, client) {
      const clients = live.get(gatewayId)
      if (!clients?.delete(client)) return false
      if (clients.size > 0) return false
      live.delete(gatewayId)
      update(gatewayId).online = false
      return true
    },
    isConnected: (gatewayId) => live.has(gatewayId),
    status(gatewayId, client, status) {
      // PGlite's stack gives out on jsonb nested near a thousand levels deep, and takes the embedded
      // database down with it: such a status is flattened before it can reach a statement.
      update(gatewayId).status =
        jsonDepth(status, SAFE_JSON_DEPTH + 1) > SAFE_JSON_DEPTH
          ? (safeJson(status) as Record<string, unknown>)
          : status
      if (client) lastState.set(client, status.state)
      else if (status.state === 'offline' && !live.has(gatewayId)) update(gatewayId).online = false
    },
    saidOffline: (client) => lastState.get(client) === 'offline',
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
