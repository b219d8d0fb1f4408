// Group commit for readings from every connected gateway. Packs queue up and are written as one columnar
// batch with a single insertReadings call when maxRows are waiting or maxDelayMs after the first one.
// Up to maxInFlight inserts run at once (two on a server: the broker parses and encodes the next batch
// while the database writes the last, and a second backend can use an idle core); further batches fill
// meanwhile, so under load batches grow toward maxRows to meet the database's latency instead of queueing
// one statement per pack. Acknowledgements are released in batch order whatever order the inserts finish
// in, so a gateway gets its PUBACKs in the order it published (MQTT 3.1.1 §4.6).
//
// While the database cannot be reached, the batches in flight are kept and retried with backoff and nobody
// is acknowledged: held writes hold aedes' authorizePublish callbacks, so PUBACKs wait, aedes stops reading
// those sockets and TCP pushes back on the gateways, which keep their connections and their spools. Memory
// stays bounded by maxPendingRows (queued rows) and maxWaitingWrites (publishes waiting for room).
//
// A batch the database refuses for its data does not fail its packs: batch-commit.ts writes around the
// refused readings, dead-letters them and acknowledges the rest.
import type { Database } from '@zonetrace/db'
import { type EncodedReadings, encodeReadingTuples, type ReadingBatch } from '@zonetrace/db'
import type { Logger } from 'pino'
import { withDefaults } from '../defaults.ts'
import { noteWriterLog } from '../writer-log.ts'
import { CommitError, createBatchCommitter } from './batch-commit.ts'

export { CommitError } from './batch-commit.ts'

export interface ReadingWriterOptions {
  maxRows?: number
  maxDelayMs?: number
  /** Inserts running at once: 2 on a server, 1 on the embedded engine (it has a single connection). */
  maxInFlight?: number
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
  /**
   * Resolves once these rows are committed; rejects with CommitError if they will not be. A reading the
   * database refuses alone (its data, not an outage) is dead-lettered with its pack and removed from
   * `rows` before this resolves, so `rows` then holds exactly what was stored.
   */
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
  // Encoded on arrival: a pack waiting for its commit holds one buffer (see db/src/copy-binary.ts).
  rows: EncodedReadings
  // The caller's own batch, which its publish holds until the commit anyway: read only if the database
  // refuses the batch, to write around the refused readings (batch-commit.ts).
  batch: ReadingBatch
  pending: Pending
}

const DEFAULT_OPTIONS = {
  maxRows: 5000,
  maxDelayMs: 10,
  maxPendingRows: 100_000,
  maxWaitingWrites: 10_000,
  retryBaseMs: 100,
  retryMaxMs: 5000,
  closeTimeoutMs: 15_000,
}

interface Insert {
  packs: Pack[]
  rows: number
}

export function createReadingWriter(
  db: Database,
  log: Logger,
  opts: ReadingWriterOptions = {},
): ReadingWriter {
  const options = withDefaults(opts, DEFAULT_OPTIONS)
  const { maxRows, maxDelayMs, maxWaitingWrites, closeTimeoutMs, retryBaseMs, retryMaxMs } = options
  const maxInFlight = Math.max(1, opts.maxInFlight ?? (db.kind === 'server' ? 2 : 1))
  const maxPendingRows = Math.max(options.maxPendingRows, maxRows)
  noteWriterLog(db, log)

  // Packs accepted and waiting for the next insert, oldest first.
  const queue: Pack[] = []
  let queuedRows = 0
  const inFlight = new Set<Insert>()
  let inFlightRows = 0
  // The acknowledgements of the last insert started; each insert settles after the one before it.
  let settled: Promise<void> = Promise.resolve()
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
    retryBaseMs,
    retryMaxMs,
    onCommit: opts.onCommit,
    onDbError: opts.onDbError,
  })

  const pendingRows = () => queuedRows + inFlightRows
  const hasRoom = () => blocked.length === 0 && pendingRows() < maxPendingRows

  function admit(pack: Pack): void {
    queue.push(pack)
    queuedRows += pack.rows.count
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
    while (inFlight.size < maxInFlight && due && queue.length > 0 && !abandoned) startInsert()
  }

  function startInsert(): void {
    if (timer) clearTimeout(timer)
    timer = null
    // Whole packs up to maxRows (at least one): a pack is committed all at once or not at all.
    const insert: Insert = { packs: [], rows: 0 }
    while (queue.length > 0 && (insert.packs.length === 0 || insert.rows + queue[0]!.rows.count <= maxRows)) {
      const pack = queue.shift()!
      insert.rows += pack.rows.count
      insert.packs.push(pack)
    }
    queuedRows -= insert.rows
    inFlightRows += insert.rows
    inFlight.add(insert)
    // A full batch left over goes next; a partial one gets its own deadline, so a second insert does not
    // start with a handful of rows that could have joined the next batch.
    due = queuedRows >= maxRows
    if (!due && queue.length > 0) timer = setTimeout(onDeadline, maxDelayMs)
    const failure = commit(insert.packs)
    settled = Promise.all([failure, settled]).then(([f]) => settle(insert, f))
  }

  function commit(packs: Pack[]): Promise<Error | null> {
    return committer.commit(packs)
  }

  function settle(insert: Insert, failure: Error | null): void {
    if (!inFlight.delete(insert)) return // abandoned: its writes were rejected already
    inFlightRows -= insert.rows
    for (const p of insert.packs) {
      if (failure) p.pending.reject(failure)
      else p.pending.resolve()
    }
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
    while ((inFlight.size > 0 || queue.length > 0) && !abandoned) {
      due = true
      startFlush()
      await settled
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
    const left = [...inFlight].flatMap((insert) => insert.packs)
    left.push(...queue.splice(0), ...blocked.splice(0))
    inFlight.clear()
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
        const pack = { rows: encodeReadingTuples(rows), batch: rows, pending: { resolve, reject } }
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
  for (const p of packs) n += p.rows.count
  return n
}
