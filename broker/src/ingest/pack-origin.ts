// Where a pack's readings came from, for the rare reading the database refuses after the broker accepted
// it (a value its checks let through and PostgreSQL does not). The writer then dead-letters that reading
// with its pack and acknowledges the rest, as for any refused record, instead of failing the whole batch.
// Recorded per pack as it is admitted; nothing is looked up unless a batch was refused.

import type { SenmlRejection } from '@zonetrace/contracts'
import { topics } from '@zonetrace/contracts'
import type { ReadingBatch } from '@zonetrace/db'
import type { BrokerContext } from '../context.ts'
import { deadLetterRecords, type RecordRefusal, readingRecordIndices } from './refusals.ts'

interface PackOrigin {
  /** Dead-letters these rows of the batch (indices into it), refused by the database with `sqlstate`. */
  refuse(rows: readonly number[], sqlstate: string): void
}

/** A batch that carries its origin: a plain property, set once per pack, costs less than a WeakMap entry. */
type WithOrigin = ReadingBatch & { origin?: PackOrigin }

export function setPackOrigin(rows: ReadingBatch, origin: PackOrigin): void {
  ;(rows as WithOrigin).origin = origin
}

export function packOrigin(rows: ReadingBatch): PackOrigin | undefined {
  return (rows as WithOrigin).origin
}

/**
 * The origin of a pack admitted by admitPack. Holds the payload (aedes holds it until the PUBACK anyway)
 * and the positions of what was refused before the writer, never the parsed readings.
 */
export function admittedPackOrigin(
  ctx: Pick<BrokerContext, 'deadLetters'>,
  gatewayId: string,
  payload: Buffer,
  rejected: readonly SenmlRejection[],
  /** Positions in the parsed readings refused after parsing, ascending; rows are the others, in order. */
  refusedReadings: readonly number[],
): PackOrigin {
  return new AdmittedPack(ctx, gatewayId, payload, rejected, refusedReadings)
}

class AdmittedPack implements PackOrigin {
  readonly ctx: Pick<BrokerContext, 'deadLetters'>
  readonly gatewayId: string
  readonly payload: Buffer
  readonly rejected: readonly SenmlRejection[]
  readonly refusedReadings: readonly number[]

  constructor(
    ctx: Pick<BrokerContext, 'deadLetters'>,
    gatewayId: string,
    payload: Buffer,
    rejected: readonly SenmlRejection[],
    refusedReadings: readonly number[],
  ) {
    this.ctx = ctx
    this.gatewayId = gatewayId
    this.payload = payload
    this.rejected = rejected
    this.refusedReadings = refusedReadings
  }

  refuse(rows: readonly number[], sqlstate: string): void {
    const recordOf = safeRecordIndices(this.payload, this.rejected)
    const refusals: RecordRefusal[] = rows.map((row) => ({
      index: recordOf?.[readingOf(row, this.refusedReadings)] ?? null,
      reason: 'invalid_record',
      detail: `refused by the database (SQLSTATE ${sqlstate})`,
    }))
    const { gatewayId } = this
    deadLetterRecords(this.ctx, gatewayId, topics.readings(gatewayId), this.payload, refusals)
  }
}

/** The position in the parsed readings of row `row`, skipping the readings refused before the writer. */
function readingOf(row: number, refused: readonly number[]): number {
  let k = row
  for (const r of refused) {
    if (r <= k) k++
    else break
  }
  return k
}

function safeRecordIndices(payload: Buffer, rejected: readonly SenmlRejection[]): number[] | null {
  try {
    return readingRecordIndices(payload, [...rejected])
  } catch {
    return null
  }
}
