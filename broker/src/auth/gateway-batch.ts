// Batches the registry reads of many connecting gateways into one query, as readings are batched into one
// COPY: lookups arriving within a few milliseconds share a `where id = any($1)` statement. After an outage
// thousands of gateways reconnect within a second, and one round trip per gateway would queue them all
// behind the connection pool.
import type { Database, GatewayAuth } from '@zonetrace/db'
import { loadGatewayAuths } from '@zonetrace/db'

export interface BatchOptions {
  /** How long the first lookup of a batch waits for others to join it. */
  windowMs?: number
  /** A batch this large goes at once. */
  maxBatch?: number
}

/** Loads one gateway's record (null if not provisioned); a database error rejects every lookup of its batch. */
export type BatchedLoad = (gatewayId: string) => Promise<GatewayAuth | null>

interface Waiter {
  resolve(record: GatewayAuth | null): void
  reject(err: unknown): void
}

export function createBatchedLoad(db: Pick<Database, 'query'>, opts: BatchOptions = {}): BatchedLoad {
  const windowMs = opts.windowMs ?? 2
  const maxBatch = opts.maxBatch ?? 500
  let pending = new Map<string, Waiter[]>()
  let timer: NodeJS.Timeout | undefined

  function flush(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = new Map()
    loadGatewayAuths(db, [...batch.keys()]).then(
      (found) => {
        for (const [id, waiters] of batch) for (const w of waiters) w.resolve(found.get(id) ?? null)
      },
      (err) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(err)
      },
    )
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
