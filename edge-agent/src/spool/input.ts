// Argument checks shared by every store: a caller's mistake gets a TypeError naming it, and the spool is
// left exactly as it was.
import { recordBytes } from './segment-format.ts'
import { type FullPolicy, SpoolFullError, type SpoolStats } from './store.ts'

function checkRecords(records: unknown): readonly Uint8Array[] {
  if (!Array.isArray(records)) throw new TypeError('spool append: records must be an array of Buffers')
  for (const [i, r] of records.entries()) {
    if (!(r instanceof Uint8Array)) throw new TypeError(`spool append: record ${i} is not a Buffer`)
  }
  return records as Uint8Array[]
}

export function checkRead(from: unknown, max: unknown): void {
  if (typeof from !== 'number' || Number.isNaN(from)) throw new TypeError('spool read: from must be a number')
  if (typeof max !== 'number' || !(max >= 0)) throw new TypeError('spool read: max must be a number >= 0')
}

export function checkLimits(maxBytes: unknown, whenFull: unknown): void {
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new TypeError('spool: maxBytes must be a positive integer')
  }
  if (whenFull !== 'reject_new' && whenFull !== 'drop_oldest') {
    throw new TypeError("spool: whenFull must be 'reject_new' or 'drop_oldest'")
  }
}

/** Bytes the records take against maxBytes. */
function costOfRecords(records: readonly Uint8Array[]): number {
  let total = 0
  for (const r of records) total += recordBytes(r.length)
  return total
}

/**
 * Why these records are refused before anything is appended, or undefined when they may go in. A record
 * bigger than the whole spool never fits; under reject_new the call must fit beside what is unacked.
 */
function refusal(
  records: readonly Uint8Array[],
  cost: number,
  usedBytes: number,
  maxBytes: number,
  whenFull: FullPolicy,
): SpoolFullError | undefined {
  for (const r of records) {
    if (recordBytes(r.length) > maxBytes) {
      return new SpoolFullError(
        `spool record of ${r.length} bytes is larger than the spool (${maxBytes} bytes)`,
      )
    }
  }
  if (whenFull === 'reject_new' && usedBytes + cost > maxBytes) {
    return new SpoolFullError(
      `spool full: ${usedBytes} of ${maxBytes} bytes unacked, ${records.length} record(s) of ${cost} bytes refused`,
    )
  }
  return undefined
}

export function checkSeqs(seqs: unknown): readonly unknown[] {
  if (!Array.isArray(seqs)) throw new TypeError('spool ack: seqs must be an array of numbers')
  return seqs
}

export function isSeq(seq: unknown): seq is number {
  return typeof seq === 'number' && Number.isSafeInteger(seq)
}

/**
 * What every store does before an append: check the records and refuse (counted, nothing appended) what
 * does not fit under the policy. Returns the records and the bytes they will take.
 */
export function admitRecords(
  records: unknown,
  counts: SpoolStats,
  maxBytes: number,
  whenFull: FullPolicy,
): { list: readonly Uint8Array[]; cost: number } {
  const list = checkRecords(records)
  const cost = costOfRecords(list)
  const refused = refusal(list, cost, counts.bytes, maxBytes, whenFull)
  if (refused) {
    counts.rejectedFull += list.length
    throw refused
  }
  return { list, cost }
}
