import type { DeadLetter, DeadLetterReason } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from './columns.ts'

/** A dead letter to store: the resource's stored fields, its payload as bytes already cut to the stored size. */
export type DeadLetterEntry = Omit<DeadLetter, 'id' | 'receivedAt' | 'payload' | 'payloadEncoding'> & {
  receivedAt: Date
  payload: Buffer
}

export interface DeadLetterFilter {
  gatewayId?: string
  reason?: DeadLetterReason
  since?: Date
  /** Only letters after this one in the list's order (the next page of a console listing). */
  before?: number
  limit: number
}

/**
 * One statement for a whole batch, as arrays through unnest. Payloads travel as hex text: both drivers
 * agree on text[], while bytea[] parameters are serialised differently by pg and PGlite.
 */
export async function insertDeadLetters(db: Pick<Database, 'query'>, rows: DeadLetterEntry[]): Promise<void> {
  if (rows.length === 0) return
  await db.query(
    `insert into dead_letters
            (received_at, gateway_id, topic, reason, detail, record_index, payload, payload_size, truncated)
     select r.received_at, r.gateway_id, r.topic, r.reason, r.detail, r.record_index,
            decode(r.payload, 'hex'), r.payload_size, r.truncated
       from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int4[],
                   $7::text[], $8::int4[], $9::bool[])
            as r(received_at, gateway_id, topic, reason, detail, record_index, payload, payload_size, truncated)`,
    [
      rows.map((r) => r.receivedAt.toISOString()),
      rows.map((r) => r.gatewayId),
      rows.map((r) => r.topic),
      rows.map((r) => r.reason),
      rows.map((r) => r.detail),
      rows.map((r) => r.recordIndex),
      rows.map((r) => r.payload.toString('hex')),
      rows.map((r) => r.payloadSize),
      rows.map((r) => r.truncated),
    ],
  )
}

/** Every stored field of a dead letter; the payload comes back as bytes and is shown by payloadText. */
const deadLetterColumns: Columns<Omit<DeadLetter, 'payloadEncoding'>> = {
  id: 'id',
  receivedAt: 'received_at',
  gatewayId: 'gateway_id',
  topic: 'topic',
  reason: 'reason',
  detail: 'detail',
  recordIndex: 'record_index',
  payloadSize: 'payload_size',
  truncated: 'truncated',
  payload: 'payload',
}
type StoredFields = Omit<DeadLetter, 'payload' | 'payloadEncoding'>
type DeadLetterRow = WithInstants<StoredFields, 'receivedAt'> & { payload: Uint8Array }

/** Newest first. */
export async function listDeadLetters(
  db: Pick<Database, 'query'>,
  filter: DeadLetterFilter,
): Promise<DeadLetter[]> {
  const where: string[] = []
  const params: unknown[] = []
  const add = (clause: string, value: unknown) => {
    params.push(value)
    where.push(clause.replace('?', `$${params.length}`))
  }
  if (filter.gatewayId !== undefined) add('gateway_id = ?', filter.gatewayId)
  if (filter.reason !== undefined) add('reason = ?', filter.reason)
  if (filter.since !== undefined) add('received_at >= ?', filter.since.toISOString())
  // The cursor is the last letter's own (received_at, id), read here rather than carried through a URL, where
  // its instant would lose its microseconds.
  if (filter.before !== undefined)
    add('(received_at, id) < (select received_at, id from dead_letters where id = ?)', filter.before)
  params.push(filter.limit)
  const rows = await db.query<DeadLetterRow>(
    `select ${selectList(deadLetterColumns)}
       from dead_letters ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by received_at desc, id desc
      limit $${params.length}`,
    params,
  )
  return rows.map(({ payload, ...row }) => ({
    ...withIsoInstants<StoredFields, 'receivedAt'>(row, ['receivedAt']),
    ...payloadText(payload, row.truncated),
  }))
}

/** The stored bytes as text when they are UTF-8, as base64 otherwise. */
function payloadText(
  payload: Uint8Array,
  truncated: boolean,
): Pick<DeadLetter, 'payload' | 'payloadEncoding'> {
  try {
    // A payload cut at 16 KiB may end inside a character: streaming mode leaves that tail out instead of
    // calling the whole payload binary.
    return {
      payload: new TextDecoder('utf-8', { fatal: true }).decode(payload, { stream: truncated }),
      payloadEncoding: 'utf8',
    }
  } catch {
    // pg returns bytea as Buffer, PGlite as Uint8Array.
    const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.length)
    return { payload: bytes.toString('base64'), payloadEncoding: 'base64' }
  }
}
