// One batch of readings into the database. While the database cannot be reached the same batch is tried
// again with backoff, for as long as it takes: its publishes stay unacknowledged meanwhile, which is what
// pushes back on the gateways. A statement the database refuses is given up at once, since retrying it
// unchanged could never succeed.
import { type Database, type EncodedReadings, insertEncodedReadings } from '@zonetrace/db'
import type { Logger } from 'pino'
import { isDatabaseUnreachable, retryDelay } from './db-failure.ts'

export interface CommitPolicy {
  retryBaseMs: number
  retryMaxMs: number
  onCommit?: ((rows: number, ms: number) => void) | undefined
  onDbError?: (() => void) | undefined
}

export interface CommitCounts {
  batches: number
  rowsSubmitted: number
  rowsInserted: number
  commitFailures: number
  dbErrors: number
}

export interface BatchCommitter {
  /** null once committed; the error when the statement was refused or stop() was called. */
  commit(parts: EncodedReadings[]): Promise<Error | null>
  /** Ends any retrying at once; nothing is inserted afterwards. */
  stop(): void
  retrying(): boolean
  counts: CommitCounts
}

/** Marks the failure as logged already, so the client error that follows it is not logged twice. */
export class CommitError extends Error {
  readonly logged = true
}

// One warning when an outage starts, then one every dozen attempts (under a minute at a 5 s cap).
const WARN_EVERY = 12

export function createBatchCommitter(db: Database, log: Logger, policy: CommitPolicy): BatchCommitter {
  const counts: CommitCounts = {
    batches: 0,
    rowsSubmitted: 0,
    rowsInserted: 0,
    commitFailures: 0,
    dbErrors: 0,
  }
  let stopped = false
  let retrying = false
  // One per insert waiting out a backoff (several inserts can be in flight).
  const wakers = new Set<() => void>()

  function observe(call: () => void): void {
    try {
      call()
    } catch (err) {
      log.warn({ err }, 'reading writer observer failed')
    }
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wakers.delete(done)
        resolve()
      }
      wakers.add(done)
    })
  }

  async function commit(parts: EncodedReadings[]): Promise<Error | null> {
    let rows = 0
    for (const p of parts) rows += p.count
    for (let attempt = 0; !stopped; attempt++) {
      const started = performance.now()
      try {
        const inserted = await insertEncodedReadings(db, parts)
        observe(() => policy.onCommit?.(rows, performance.now() - started))
        counts.batches++
        counts.rowsSubmitted += rows
        counts.rowsInserted += inserted
        if (retrying) log.info({ attempts: attempt + 1 }, 'database reachable again: acknowledging readings')
        retrying = false
        return null
      } catch (err) {
        counts.dbErrors++
        observe(() => policy.onDbError?.())
        if (stopped) break
        if (!isDatabaseUnreachable(err)) {
          retrying = false
          counts.commitFailures++
          log.error({ err, rows }, 'reading batch commit failed')
          return new CommitError(`reading batch commit failed: ${(err as Error).message}`)
        }
        if (!retrying || attempt % WARN_EVERY === 0) {
          log.warn(
            { err, attempt: attempt + 1, rows },
            'database unreachable: holding acknowledgements and retrying',
          )
        }
        retrying = true
        await pause(retryDelay(attempt, policy.retryBaseMs, policy.retryMaxMs))
      }
    }
    return new CommitError('reading writer stopped before the database came back')
  }

  return {
    commit,
    stop() {
      stopped = true
      for (const wake of [...wakers]) wake()
    },
    retrying: () => retrying,
    counts,
  }
}
