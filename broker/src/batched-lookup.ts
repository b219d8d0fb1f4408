// Batches many lookups by id into one query, as readings are group-committed: a lookup waits a few
// milliseconds for others to join it, and while the pool is busy with earlier batches the next one keeps
// growing instead of queueing a query per id. After an outage thousands of gateways reconnect within a
// second (their registry records), and when a node is lost thousands of wills arrive at once (who holds each
// gateway now); one round trip each would queue them all behind the pool.

export interface BatchOptions {
  /** How long the first lookup of a batch waits for others to join it. */
  windowMs?: number
  /** A batch this large goes at once. */
  maxBatch?: number
  /** Batches read at the same time; more wait and grow. */
  maxInFlight?: number
}

/** Reads the values of many ids in one query; an id it does not return is looked up as null. */
export type LoadMany<T> = (ids: string[]) => Promise<ReadonlyMap<string, T>>

/** Looks one id up (null if it has no value); a database error rejects every lookup of its batch. */
export type BatchedLookup<T> = (id: string) => Promise<T | null>

interface Waiter<T> {
  resolve(value: T | null): void
  reject(err: unknown): void
}

export function createBatchedLookup<T>(loadMany: LoadMany<T>, opts: BatchOptions = {}): BatchedLookup<T> {
  const windowMs = opts.windowMs ?? 2
  const maxBatch = opts.maxBatch ?? 1000
  const maxInFlight = opts.maxInFlight ?? 2
  let pending = new Map<string, Waiter<T>[]>()
  let timer: NodeJS.Timeout | undefined
  let inFlight = 0

  function flush(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (pending.size === 0 || inFlight >= maxInFlight) return
    const batch = pending
    pending = new Map()
    inFlight++
    loadMany([...batch.keys()])
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

  return (id) =>
    new Promise((resolve, reject) => {
      const waiters = pending.get(id)
      if (waiters) waiters.push({ resolve, reject })
      else pending.set(id, [{ resolve, reject }])
      if (pending.size >= maxBatch) flush()
      else timer ??= setTimeout(flush, windowMs)
    })
}
