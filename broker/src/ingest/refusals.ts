// Records refused one by one become dead letters: one per reason per pack, not one per record, so a pack
// of ten thousand bad records costs a handful of rows (each holding the pack's first 16 KiB), and the
// detail names the first few records with what was wrong with each.
import type { DeadLetterReason, SenmlRejection } from '@zonetrace/contracts'
import type { BrokerContext } from '../context.ts'

export interface RecordRefusal {
  /** Index of the record in the pack; null if it could not be placed. */
  index: number | null
  reason: DeadLetterReason
  detail: string
}

const DETAIL_RECORDS = 10

// parseSenmlPack reports its record rejections in words; these two are about numbers that are not finite.
const NON_FINITE_VALUE = 'value is not a finite number'
const NON_FINITE_TIME = 'time is not a finite number'

export function fromParser(r: SenmlRejection): RecordRefusal {
  const reason: DeadLetterReason =
    r.reason === NON_FINITE_VALUE
      ? 'non_finite_value'
      : r.reason === NON_FINITE_TIME
        ? 'time_out_of_bounds'
        : 'invalid_record'
  return { index: r.index, reason, detail: r.reason }
}

/**
 * The record index of each reading, for readings refused after parsing. parseSenmlPack returns readings in
 * record order without their indices; every record yields one reading except those it rejected and those
 * carrying base fields only (n, v and t all absent: its rule, contracts/src/senml.ts). Parsed again only
 * on this path, which a well-behaved gateway never takes.
 */
export function readingRecordIndices(payload: Buffer, rejected: SenmlRejection[]): number[] {
  const pack = JSON.parse(payload.toString('utf8')) as Record<string, unknown>[]
  const skip = new Set(rejected.map((r) => r.index))
  const indices: number[] = []
  for (let i = 0; i < pack.length; i++) {
    const rec = pack[i]!
    if (skip.has(i) || (rec.n === undefined && rec.v === undefined && rec.t === undefined)) continue
    indices.push(i)
  }
  return indices
}

export function deadLetterRecords(
  ctx: Pick<BrokerContext, 'deadLetters'>,
  gatewayId: string,
  topic: string,
  payload: Buffer,
  refusals: RecordRefusal[],
): void {
  const byReason = new Map<DeadLetterReason, RecordRefusal[]>()
  for (const r of refusals) {
    const list = byReason.get(r.reason)
    if (list) list.push(r)
    else byReason.set(r.reason, [r])
  }
  for (const [reason, list] of byReason) {
    list.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER))
    ctx.deadLetters.add({
      gatewayId,
      topic,
      reason,
      detail: describe(list),
      recordIndex: list[0]!.index,
      payload,
    })
  }
}

function describe(list: RecordRefusal[]): string {
  const at = (r: RecordRefusal) => `record ${r.index ?? '?'}: ${r.detail}`
  if (list.length === 1) return at(list[0]!)
  const shown = list.slice(0, DETAIL_RECORDS).map(at).join('; ')
  const more = list.length > DETAIL_RECORDS ? `; and ${list.length - DETAIL_RECORDS} more` : ''
  return `${list.length} records refused. ${shown}${more}`
}
