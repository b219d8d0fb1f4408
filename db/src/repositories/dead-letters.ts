import type { DeadLetterReason } from '@zonetrace/contracts'
import type { Database } from '../database.ts'

export interface DeadLetterEntry {
  receivedAt: Date
  gatewayId: string
  topic: string
  reason: DeadLetterReason
  detail: string
  recordIndex: number | null
  /** Already cut to the stored size by the caller. */
  payload: Buffer
  payloadSize: number
  truncated: boolean
}

export interface DeadLetterView extends DeadLetterEntry {
  id: number
}

export interface DeadLetterFilter {
  gatewayId?: string
  reason?: DeadLetterReason
  since?: Date
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

/** Newest first. */
export async function listDeadLetters(
  db: Pick<Database, 'query'>,
  filter: DeadLetterFilter,
): Promise<DeadLetterView[]> {
  const where: string[] = []
  const params: unknown[] = []
  const add = (clause: string, value: unknown) => {
    params.push(value)
    where.push(clause.replace('?', `$${params.length}`))
  }
  if (filter.gatewayId !== undefined) add('gateway_id = ?', filter.gatewayId)
  if (filter.reason !== undefined) add('reason = ?', filter.reason)
  if (filter.since !== undefined) add('received_at >= ?', filter.since.toISOString())
  params.push(filter.limit)
  const rows = await db.query<Omit<DeadLetterView, 'payload'> & { payload: Uint8Array }>(
    `select id, received_at as "receivedAt", gateway_id as "gatewayId", topic, reason, detail,
            record_index as "recordIndex", payload, payload_size as "payloadSize", truncated
       from dead_letters ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by received_at desc, id desc
      limit $${params.length}`,
    params,
  )
  // pg returns bytea as Buffer, PGlite as Uint8Array.
  return rows.map((r) => ({
    ...r,
    payload: Buffer.from(r.payload.buffer, r.payload.byteOffset, r.payload.length),
  }))
}
