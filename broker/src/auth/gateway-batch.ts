// Batches the registry reads of many connecting gateways into one query, as readings are group-committed:
// a lookup waits a few milliseconds for others to join it, and while the pool is busy with earlier
// batches the next one keeps growing instead of queueing a query per gateway. After an outage thousands
// of gateways reconnect within a second; one round trip each would queue them all behind the pool.
import type { Database, GatewayAuth } from '@zonetrace/db'
import { loadGatewayAuths } from '@zonetrace/db'

export interface BatchOptions {
  /** How long the first lookup of a batch waits for others to join it. */
  windowMs?: number
  /** A batch this large goes at once. */
  maxBatch?: number
  /** Batches read at the same time; more wait and grow. */
  maxInFlight?: number
}

/** Loads one gateway's record (null if not provisioned); a database error rejects every lookup of its batch. */
export type BatchedLoad = (gatewayId: string) => Promise<GatewayAuth | null>

interface Waiter {
  resolve(record: GatewayAuth | null): void
  reject(err: unknown): void
}

export function createBatchedLoad(db: Pick<Database, 'query'>, opts: BatchOptions = {}): BatchedLoad {
  const windowMs = opts.windowMs ?? 2
  const maxBatch = opts.maxBatch ?? 1000
  const maxInFlight = opts.maxInFlight ?? 2
  let pending = new Map<string, Waiter[]>()
  let timer: NodeJS.Timeout | undefined
  let inFlight = 0

  function flush(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (pending.size === 0 || inFlight >= maxInFlight) return
    const batch = pending
    pending = new Map()
    inFlight++
    loadGatewayAuths(db, [...batch.keys()])
      .then(
        (found) => {
          for (const [id, waiters] of batch) for (const w of waiters) w.resolve(found.get(id) ?? null)
        },
        (err) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(err)
        },
      )
      .finally(() => {
        inFlight--
        // What gathered meanwhile goes now: it has waited at least as long as the window.
        if (pending.size >= maxBatch || (pending.size > 0 && !timer)) flush()
      })
  }

  return (gatewayId) =>
    new Promise((resolve, reject) => {
      const waiters = pending.get(gatewayId)
      if (waiters) waiters.push({ resolve, reject })
      else pending.set(gatewayId, [{ resolve, reject }])
      if (pending.size >= maxBatch) flush()
      else timer ??= setTimeout(flush, windowMs)
    })
}
