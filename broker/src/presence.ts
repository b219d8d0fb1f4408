// Gateway presence: online or offline, last seen, last status. Connects, publishes and disconnects only touch
// memory; one statement every few seconds carries every gateway that changed since the last write, so a
// thousand gateways publishing every second cost one update. Memory is the truth while the broker runs;
// the database follows within one flush interval.
import type { Database, PresenceUpdate } from '@zonetrace/db'
import { writePresence } from '@zonetrace/db'
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
      log.warn({ err, gateways: batch.size }, 'presence update failed; kept for the next flush')
      // What changed meanwhile is newer than the failed batch and wins.
      for (const [id, failed] of batch) {
        const u = update(id)
        if (failed.lastSeenAt && !(u.lastSeenAt && u.lastSeenAt >= failed.lastSeenAt))
          u.lastSeenAt = failed.lastSeenAt
        if (failed.online !== undefined && u.online === undefined) u.online = failed.online
        if (failed.status !== undefined && u.status === undefined) u.status = failed.status
      }
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
      update(gatewayId).status = status
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
