// Group commit for readings from every connected gateway. Packs queue up and are written as one columnar
// batch with a single insertReadings call when maxRows are waiting or maxDelayMs after the first one.
// Only one insert is in flight; the next batch fills meanwhile, so under load batches grow toward maxRows
// to meet the database's latency instead of queueing one statement per pack.
//
// While the database cannot be reached, the batch in flight is kept and retried with backoff and nobody is
// acknowledged: held writes hold aedes' authorizePublish callbacks, so PUBACKs wait, aedes stops reading
// those sockets and TCP pushes back on the gateways, which keep their connections and their spools. Memory
// stays bounded by maxPendingRows (queued rows) and maxWaitingWrites (publishes waiting for room).
import type { Database } from '@zonetrace/db'
import { emptyBatch, type ReadingBatch } from '@zonetrace/db'
import type { Logger } from 'pino'
import { CommitError, createBatchCommitter } from './batch-commit.ts'

export { CommitError } from './batch-commit.ts'

export interface ReadingWriterOptions {
  maxRows?: number
  maxDelayMs?: number
  /** Rows accepted but not yet committed; beyond it write() waits for room (backpressure on the socket). */
  maxPendingRows?: number
  /** Writes and room() calls waiting for room (default 10,000); beyond it they are refused, unacknowledged. */
  maxWaitingWrites?: number
  /** First retry delay while the database is unreachable (100 ms); doubles up to retryMaxMs (5 s), jittered. */
  retryBaseMs?: number
  retryMaxMs?: number
  /** How long close() waits for pending commits (15 s) before leaving the rest unacknowledged. */
  closeTimeoutMs?: number
  /** Observers for metrics, never decisions: a committed batch (rows, duration of its insert). */
  onCommit?: (rows: number, ms: number) => void
  /** Every failed insert attempt, retried or not. */
  onDbError?: () => void
}

export interface ReadingWriterStats {
  pendingRows: number
  blockedWrites: number
  batches: number
  rowsSubmitted: number
  rowsInserted: number
  /** Batches given up because the statement was refused; their gateways were disconnected to resend. */
  commitFailures: number
  /** Failed insert attempts, retries included. */
  dbErrors: number
  /** The database is unreachable and the batch in flight is being retried. */
  retrying: boolean
}

export interface ReadingWriter {
  /** Resolves once these rows are committed; rejects with CommitError if they will not be. */
  write(rows: ReadingBatch): Promise<void>
  /** Resolves when a write would be accepted at once: QoS 0 waits here and nowhere else. */
  room(): Promise<void>
  /** Commits everything accepted so far, waiting through a database outage. */
  flush(): Promise<void>
  /** Refuses further writes and commits what was accepted, waiting at most closeTimeoutMs for it. */
  close(): Promise<void>
  stats(): ReadingWriterStats
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
  const maxWaitingWrites = opts.maxWaitingWrites ?? 10_000
  const closeTimeoutMs = opts.closeTimeoutMs ?? 15_000

  // Packs accepted and waiting for the next insert, oldest first.
  const queue: Pack[] = []
  let queuedRows = 0
  let inFlight: Promise<void> | null = null
  let inFlightPacks: Pack[] = []
  let inFlightRows = 0
  let timer: NodeJS.Timeout | null = null
  let due = false
  let closed = false
  let closing: Promise<void> | null = null
  // Set when close() stops waiting for the database: the retry loop ends and nothing more is inserted.
  let abandoned = false
  let backlogLogged = false
  const blocked: Pack[] = []
  let roomWaiters: (() => void)[] = []
  const committer = createBatchCommitter(db, log, {
    retryBaseMs: opts.retryBaseMs ?? 100,
    retryMaxMs: opts.retryMaxMs ?? 5000,
    onCommit: opts.onCommit,
    onDbError: opts.onDbError,
  })

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
    if (inFlight || !due || queue.length === 0 || abandoned) return
    if (timer) clearTimeout(timer)
    timer = null
    // Whole packs up to maxRows (at least one): a pack is committed all at once or not at all.
    const packs: Pack[] = []
    let rows = 0
    while (queue.length > 0 && (packs.length === 0 || rows + queue[0]!.rows.time.length <= maxRows)) {
      const pack = queue.shift()!
      rows += pack.rows.time.length
      packs.push(pack)
    }
    queuedRows -= rows
    // What is left has waited through this insert already: it goes straight after.
    due = queue.length > 0
    inFlightPacks = packs
    inFlightRows = rows
    inFlight = commit(packs).finally(afterCommit)
  }

  async function commit(packs: Pack[]): Promise<void> {
    const batch = emptyBatch()
    for (const p of packs) append(batch, p.rows)
    const failure = await committer.commit(batch)
    for (const p of packs) {
      if (failure) p.pending.reject(failure)
      else p.pending.resolve()
    }
  }

  function afterCommit(): void {
    inFlight = null
    inFlightPacks = []
    inFlightRows = 0
    while (blocked.length > 0 && pendingRows() < maxPendingRows) admit(blocked.shift()!)
    if (hasRoom()) {
      backlogLogged = false
      const wake = roomWaiters
      roomWaiters = []
      for (const w of wake) w()
    }
    // Packs that arrived during the insert go now if they fill a batch or their deadline passed
    // meanwhile; otherwise their deadline timer is still running.
    startFlush()
  }

  async function flush(): Promise<void> {
    while ((inFlight || queue.length > 0) && !abandoned) {
      due = true
      startFlush()
      await inFlight
    }
  }

  /** Refuses a publish that would wait beyond the bound: no PUBACK, so its gateway resends it later. */
  function backlogFull(): CommitError | null {
    if (blocked.length + roomWaiters.length < maxWaitingWrites) return null
    if (!backlogLogged) {
      backlogLogged = true
      log.warn(
        { waiting: maxWaitingWrites, retrying: committer.retrying() },
        'ingest backlog full: refusing publishes until it drains',
      )
    }
    return new CommitError('ingest backlog full')
  }

  /** close() stopped waiting: whatever is not committed is refused, and its gateways resend it. */
  function abandon(): void {
    abandoned = true
    if (timer) clearTimeout(timer)
    timer = null
    committer.stop()
    const left = [...inFlightPacks, ...queue.splice(0), ...blocked.splice(0)]
    queuedRows = 0
    inFlightRows = 0
    log.warn(
      { readings: rowCount(left), packs: left.length, waitedMs: closeTimeoutMs },
      'closing with readings not committed: they stay unacknowledged and their gateways will resend them',
    )
    const failure = new CommitError('broker closing before the database came back')
    for (const p of left) p.pending.reject(failure)
  }

  async function drainOrGiveUp(): Promise<void> {
    closed = true
    let giveUp: NodeJS.Timeout | undefined
    const drained = await Promise.race([
      flush().then(() => true),
      new Promise<boolean>((resolve) => {
        giveUp = setTimeout(() => resolve(false), closeTimeoutMs)
      }),
    ])
    clearTimeout(giveUp)
    if (!drained) abandon()
    for (const w of roomWaiters) w()
    roomWaiters = []
  }

  return {
    write(rows) {
      if (closed) return Promise.reject(new Error('reading writer is closed'))
      if (rows.time.length === 0) return Promise.resolve()
      if (!hasRoom()) {
        const full = backlogFull()
        if (full) return Promise.reject(full)
      }
      return new Promise<void>((resolve, reject) => {
        const pack = { rows, pending: { resolve, reject } }
        if (hasRoom()) admit(pack)
        else blocked.push(pack)
      })
    },
    room() {
      if (hasRoom() || closed) return Promise.resolve()
      const full = backlogFull()
      if (full) return Promise.reject(full)
      return new Promise<void>((resolve) => roomWaiters.push(resolve))
    },
    flush,
    close() {
      closing ??= drainOrGiveUp()
      return closing
    },
    stats: () => ({
      pendingRows: pendingRows(),
      blockedWrites: blocked.length,
      ...committer.counts,
      retrying: committer.retrying(),
    }),
  }
}

function rowCount(packs: Pack[]): number {
  let n = 0
  for (const p of packs) n += p.rows.time.length
  return n
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
