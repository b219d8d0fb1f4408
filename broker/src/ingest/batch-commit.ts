// One batch of readings into the database. While the database cannot be reached the same batch is tried
// again with backoff, for as long as it takes: its publishes stay unacknowledged meanwhile, which is what
// pushes back on the gateways. A statement the database refuses is given up at once, since retrying it
// unchanged could never succeed.
//
// A batch refused for its data (SQLSTATE class 22, 23 or 54: a reading PostgreSQL cannot hold) is not given
// up whole, or one gateway's bad reading would fail every pack that shared its batch, and again on every
// resend. It is split until the refused readings stand alone (isolateRows); the others are committed and
// acknowledged, and each refused reading is dead-lettered with its pack (pack-origin.ts) and removed from
// the pack's batch, so what follows the commit (alert rules, rollup notes) sees only stored readings.
// None of this runs unless a batch failed: the common path is one binary COPY, as before.
import {
  type Database,
  type EncodedReadings,
  emptyBatch,
  errorFacts,
  type Isolation,
  insertEncodedReadings,
  insertReadings,
  isDataRefusal,
  isolateRows,
  type ReadingBatch,
  reportIsolation,
} from '@zonetrace/db'
import type { Logger } from 'pino'
import { isDatabaseUnreachable, retryDelay } from './db-failure.ts'
import { packOrigin } from './pack-origin.ts'

interface CommitPolicy {
  retryBaseMs: number
  retryMaxMs: number
  onCommit?: ((rows: number, ms: number) => void) | undefined
  onDbError?: (() => void) | undefined
}

interface CommitCounts {
  batches: number
  rowsSubmitted: number
  rowsInserted: number
  commitFailures: number
  dbErrors: number
}

/** One pack of a batch. */
interface CommitPack {
  /** Encoded on arrival: what the batch insert sends. */
  rows: EncodedReadings
  /** The same readings as given to the writer; read only when the database refused the batch. */
  batch: ReadingBatch
}

/** A reading of a batch: its pack and its position in that pack. */
type RowRef = readonly [pack: number, row: number]

interface BatchCommitter {
  /**
   * null once committed (readings the database refused alone dead-lettered and removed from their pack's
   * batch); the error when the statement was refused for another reason or stop() was called.
   */
  commit(packs: readonly CommitPack[]): Promise<Error | null>
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

  async function commit(packs: readonly CommitPack[]): Promise<Error | null> {
    let rows = 0
    for (const p of packs) rows += p.rows.count
    let inserted = 0
    // Set once a refused batch is being isolated: the readings not written yet (an outage interrupted).
    let remaining: RowRef[] | null = null
    const refused: RowRef[] = []
    const refusedCodes: string[] = []
    const insertRefs = async (refs: readonly RowRef[]) => {
      inserted += await insertReadings(db, batchOf(packs, refs))
    }
    for (let attempt = 0; !stopped; attempt++) {
      const started = performance.now()
      try {
        if (remaining === null)
          inserted += await insertEncodedReadings(
            db,
            packs.map((p) => p.rows),
          )
        else await insertRefs(remaining)
        return committed(attempt, started)
      } catch (err) {
        counts.dbErrors++
        observe(() => policy.onDbError?.())
        if (stopped) break
        let failure = err
        if (isDataRefusal(err)) {
          const iso: Isolation<RowRef> = await isolateRows<RowRef>(remaining ?? allRows(packs), {
            cause: err,
            write: insertRefs,
          })
          refused.push(...iso.refused)
          refusedCodes.push(...iso.refusedCodes)
          if (iso.error === null) return committed(attempt, started)
          remaining = iso.left
          failure = iso.error
        }
        if (!isDatabaseUnreachable(failure)) {
          retrying = false
          counts.commitFailures++
          log.error({ err: errorFacts(failure), rows }, 'reading batch commit failed')
          return new CommitError(`reading batch commit failed: ${errorFacts(failure).message ?? 'refused'}`)
        }
        if (!retrying || attempt % WARN_EVERY === 0) {
          log.warn(
            { err: errorFacts(failure), attempt: attempt + 1, rows },
            'database unreachable: holding acknowledgements and retrying',
          )
        }
        retrying = true
        await pause(retryDelay(attempt, policy.retryBaseMs, policy.retryMaxMs))
      }
    }
    return new CommitError('reading writer stopped before the database came back')

    function committed(attempt: number, started: number): null {
      const stored = rows - refused.length
      observe(() => policy.onCommit?.(stored, performance.now() - started))
      counts.batches++
      counts.rowsSubmitted += rows
      counts.rowsInserted += inserted
      if (refused.length > 0) setAside(packs, refused, refusedCodes)
      if (retrying) log.info({ attempts: attempt + 1 }, 'database reachable again: acknowledging readings')
      retrying = false
      return null
    }
  }

  /** Dead-letters the readings refused alone with their packs, and takes them out of the packs' batches. */
  function setAside(
    packs: readonly CommitPack[],
    refused: readonly RowRef[],
    codes: readonly string[],
  ): void {
    const byPack = new Map<number, { rows: number[]; codes: Set<string> }>()
    refused.forEach(([pack, row], k) => {
      const entry = byPack.get(pack) ?? { rows: [], codes: new Set<string>() }
      entry.rows.push(row)
      entry.codes.add(codes[k] ?? 'unknown')
      byPack.set(pack, entry)
    })
    let kept = 0
    for (const [pack, { rows, codes: packCodes }] of byPack) {
      const { batch } = packs[pack]!
      const origin = packOrigin(batch)
      if (origin) {
        try {
          origin.refuse(rows, [...packCodes].join(', '))
          kept += rows.length
        } catch (err) {
          log.warn({ err: errorFacts(err) }, 'could not dead-letter readings refused by the database')
        }
      }
      removeRows(batch, rows)
    }
    const codesSeen = [...new Set(codes)]
    reportIsolation(log, 'readings', { safe: [], refused, codes: codesSeen }, { kept, packs: byPack.size })
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

function allRows(packs: readonly CommitPack[]): RowRef[] {
  const refs: RowRef[] = []
  packs.forEach((p, pack) => {
    for (let row = 0; row < p.batch.time.length; row++) refs.push([pack, row])
  })
  return refs
}

function batchOf(packs: readonly CommitPack[], refs: readonly RowRef[]): ReadingBatch {
  const out = emptyBatch()
  for (const [pack, row] of refs) {
    const b = packs[pack]!.batch
    out.time.push(b.time[row]!)
    out.sensorId.push(b.sensorId[row]!)
    out.metric.push(b.metric[row]!)
    out.value.push(b.value[row]!)
    out.quality.push(b.quality[row]!)
  }
  return out
}

/** Removes these positions from every column of the batch. */
function removeRows(b: ReadingBatch, rows: readonly number[]): void {
  for (const row of [...rows].sort((x, y) => y - x)) {
    b.time.splice(row, 1)
    b.sensorId.splice(row, 1)
    b.metric.splice(row, 1)
    b.value.splice(row, 1)
    b.quality.splice(row, 1)
  }
}
