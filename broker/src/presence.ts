// last_seen per gateway. Connects and publishes only touch memory; one statement every few seconds carries
// every gateway seen since the last flush, so a thousand gateways publishing every second cost one update.
import type { Database } from '@zonetrace/db'
import { touchGateways } from '@zonetrace/db'
import type { Logger } from 'pino'

export interface Presence {
  seen(gatewayId: string, at?: Date): void
  flush(): Promise<void>
  /** Stops the timer and writes what is left. */
  close(): Promise<void>
}

export function createPresence(db: Database, log: Logger, intervalMs = 5000): Presence {
  let seen = new Map<string, Date>()
  let flushing: Promise<void> | null = null

  const timer = setInterval(() => void flush(), intervalMs)
  timer.unref()

  async function write(): Promise<void> {
    if (seen.size === 0) return
    const batch = seen
    seen = new Map()
    try {
      await touchGateways(db, batch)
    } catch (err) {
      log.warn({ err, gateways: batch.size }, 'last_seen update failed; kept for the next flush')
      for (const [id, at] of batch) remember(id, at)
    }
  }

  function flush(): Promise<void> {
    // One update at a time: a slow database must not pile up statements every interval.
    flushing ??= write().finally(() => {
      flushing = null
    })
    return flushing
  }

  function remember(id: string, at: Date): void {
    const prev = seen.get(id)
    if (!prev || prev < at) seen.set(id, at)
  }

  return {
    seen: (gatewayId, at = new Date()) => remember(gatewayId, at),
    flush,
    async close() {
      clearInterval(timer)
      await flushing
      await flush()
    },
  }
}
