// The spool: every reading the gateway has received and the platform has not yet committed, in order.
// A small interface with more than one implementation (on disk for the field, in memory for tests and
// throwaway runs), all held to one contract suite (tests/edge/spool-contract.ts), in the way MQTT.js holds
// its stores to abstractStoreTest.
//
// Delivery is at least once: an entry is gone only after ack(), and after a crash an entry acked just
// before it may come back once more. The broker stores a reading once whatever the resends (issue 3), so
// at least once here is exactly once in the database.

export interface SpoolEntry {
  /** Position in the spool: strictly increasing in append order, never reused. */
  seq: number
  data: Buffer
}

/** When a full spool meets new data: refuse it (the source keeps it) or make room by dropping the oldest. */
export type FullPolicy = 'reject_new' | 'drop_oldest'

/**
 * Every count here is of entries, not readings: an entry is one accept() (a node's pack, a station file)
 * or one alarm report. The agent's status and logs report `depth` as `spool`/`spoolEntries`.
 */
export interface SpoolStats {
  /** Entries appended and not acked (nor dropped). */
  depth: number
  /** Bytes those entries take, as counted against maxBytes. */
  bytes: number
  appended: number
  acked: number
  /** Appends refused under reject_new, in entries. */
  rejectedFull: number
  /** Entries dropped unsent under drop_oldest. */
  droppedOldest: number
  /** Damaged records skipped when the spool was opened (a torn tail after power loss). */
  tornRecords: number
}

/** The counts of a store just opened, before anything is appended, acked or found torn. */
export function zeroStats(): SpoolStats {
  return { depth: 0, bytes: 0, appended: 0, acked: 0, rejectedFull: 0, droppedOldest: 0, tornRecords: 0 }
}

export class SpoolFullError extends Error {
  readonly code = 'SPOOL_FULL'
}

export interface SpoolStore {
  /**
   * Appends the records in order and resolves with their seqs once they are durable under the store's
   * fsync policy. Under reject_new, records that do not fit reject the whole call with SpoolFullError and
   * nothing is appended; a single record larger than the spool is always refused that way.
   */
  append(records: readonly Buffer[]): Promise<number[]>
  /** Up to `max` entries not yet acked with seq >= from, oldest first. */
  read(from: number, max: number): Promise<SpoolEntry[]>
  /** Marks entries delivered, in any order; unknown and repeated seqs are ignored. */
  ack(seqs: readonly number[]): Promise<void>
  /** The oldest seq not yet acked, or tail() when the spool is empty. */
  head(): number
  /** The seq the next appended record will get. */
  tail(): number
  stats(): SpoolStats
  /** Flushes what is pending and releases files; the store is unusable afterwards. */
  close(): Promise<void>
}
