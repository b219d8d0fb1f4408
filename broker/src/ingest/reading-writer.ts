// Group commit for readings from every connected gateway. Packs queue up and are written as one columnar
// batch with a single insertReadings call when maxRows are waiting or maxDelayMs after the first one.
// Only one insert is in flight; the next batch fills meanwhile, so under load batches grow toward maxRows
// to meet the database's latency instead of queueing one statement per pack.
import type { Database } from '@zonetrace/db'
import { emptyBatch, insertReadings, type ReadingBatch } from '@zonetrace/db'
import type { Logger } from 'pino'

export interface ReadingWriterOptions {
  maxRows?: number
  maxDelayMs?: number
  /** Rows accepted but not yet committed; beyond it write() waits for room (backpressure on the socket). */
  maxPendingRows?: number
}

export interface ReadingWriterStats {
  pendingRows: number
  blockedWrites: number
  batches: number
  rowsSubmitted: number
  rowsInserted: number
  commitFailures: number
}

export interface ReadingWriter {
  /** Resolves once these rows are committed; rejects with CommitError if their batch failed. */
  write(rows: ReadingBatch): Promise<void>
  /** Resolves when a write would be accepted at once: QoS 0 waits here and nowhere else. */
  room(): Promise<void>
  /** Commits everything accepted so far. */
  flush(): Promise<void>
  /** Flushes, then refuses further writes. */
  close(): Promise<void>
  stats(): ReadingWriterStats
}

/** Marks the failure as logged already, so the client error that follows it is not logged twice. */
export class CommitError extends Error {
  readonly logged = true
}

interface Pending {
  resolve(): void
  reject(err: Error): void
}

interface Pack {
  rows: ReadingBatch
  pending: Pending
}

export function createReadingWriter(
  db: Database,
  log: Logger,
  opts: ReadingWriterOptions = {},
): ReadingWriter {
  const maxRows = opts.maxRows ?? 5000
  const maxDelayMs = opts.maxDelayMs ?? 10
  const maxPendingRows = Math.max(opts.maxPendingRows ?? 100_000, maxRows)

  // Packs accepted and waiting for the next insert, oldest first.
  const queue: Pack[] = []
  let queuedRows = 0
  let inFlightRows = 0
  let inFlight: Promise<void> | null = null
  let timer: NodeJS.Timeout | null = null
  let due = false
  let closed = false
  const blocked: Pack[] = []
  let roomWaiters: (() => void)[] = []
  const counts = { batches: 0, rowsSubmitted: 0, rowsInserted: 0, commitFailures: 0 }

  const pendingRows = () => queuedRows + inFlightRows
  const hasRoom = () => blocked.length === 0 && pendingRows() < maxPendingRows

  function admit(pack: Pack): void {
    queue.push(pack)
    queuedRows += pack.rows.time.length
    if (queuedRows >= maxRows) due = true
    else if (!timer && !due) timer = setTimeout(onDeadline, maxDelayMs)
    startFlush()
  }

  function onDeadline(): void {
    timer = null
    due = true
    startFlush()
  }

  function startFlush(): void {
    if (inFlight || !due || queue.length === 0) return
    if (timer) clearTimeout(timer)
    timer = null
    // Whole packs up to maxRows (at least one): a pack is committed all at once or not at all.
    const batch = emptyBatch()
    const waiting: Pending[] = []
    while (
      queue.length > 0 &&
      (waiting.length === 0 || batch.time.length + queue[0]!.rows.time.length <= maxRows)
    ) {
      const pack = queue.shift()!
      append(batch, pack.rows)
      waiting.push(pack.pending)
    }
    queuedRows -= batch.time.length
    // What is left has waited through this insert already: it goes straight after.
    due = queue.length > 0
    inFlightRows = batch.time.length
    inFlight = commit(batch, waiting).finally(afterCommit)
  }

  async function commit(batch: ReadingBatch, waiting: Pending[]): Promise<void> {
    try {
      const inserted = await insertReadings(db, batch)
      counts.batches++
      counts.rowsSubmitted += batch.time.length
      counts.rowsInserted += inserted
      for (const p of waiting) p.resolve()
    } catch (err) {
      counts.commitFailures++
      log.error({ err, rows: batch.time.length, packs: waiting.length }, 'reading batch commit failed')
      const failure = new CommitError(`reading batch commit failed: ${(err as Error).message}`)
      for (const p of waiting) p.reject(failure)
    }
  }

  function afterCommit(): void {
    inFlight = null
    inFlightRows = 0
    while (blocked.length > 0 && pendingRows() < maxPendingRows) admit(blocked.shift()!)
    if (hasRoom()) {
      const wake = roomWaiters
      roomWaiters = []
      for (const w of wake) w()
    }
    // Packs that arrived during the insert go now if they fill a batch or their deadline passed
    // meanwhile; otherwise their deadline timer is still running.
    startFlush()
  }

  async function flush(): Promise<void> {
    while (inFlight || queue.length > 0) {
      due = true
      startFlush()
      await inFlight
    }
  }

  return {
    write(rows) {
      if (closed) return Promise.reject(new Error('reading writer is closed'))
      if (rows.time.length === 0) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const pack = { rows, pending: { resolve, reject } }
        if (hasRoom()) admit(pack)
        else blocked.push(pack)
      })
    },
    room() {
      return hasRoom() ? Promise.resolve() : new Promise<void>((resolve) => roomWaiters.push(resolve))
    },
    flush,
    async close() {
      closed = true
      await flush()
      for (const w of roomWaiters) w()
      roomWaiters = []
    },
    stats: () => ({ pendingRows: pendingRows(), blockedWrites: blocked.length, ...counts }),
  }
}

function append(into: ReadingBatch, rows: ReadingBatch): void {
  for (let i = 0; i < rows.time.length; i++) {
    into.time.push(rows.time[i]!)
    into.sensorId.push(rows.sensorId[i]!)
    into.metric.push(rows.metric[i]!)
    into.value.push(rows.value[i]!)
    into.quality.push(rows.quality[i]!)
  }
}
