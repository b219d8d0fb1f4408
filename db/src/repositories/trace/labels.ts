// Label serials: random GS1 AI 21 values issued per lot, and the lookup a scan starts from.
import { randomBytes } from 'node:crypto'
import type { CloneFlag } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { type Columns, selectList } from '../columns.ts'

/**
 * Crockford base32 without I, L, O, U: uppercase so the QR code stays in alphanumeric-friendly range and
 * people can read a serial aloud. 12 characters carry 60 random bits: guessing a valid serial of a lot
 * with a million labels takes about 10^12 tries.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const SERIAL_LENGTH = 12

export function randomSerial(): string {
  const bytes = randomBytes(SERIAL_LENGTH)
  let s = ''
  // 256 is a multiple of 32, so taking each byte mod 32 is uniform.
  for (const b of bytes) s += ALPHABET[b & 31]
  return s
}

/**
 * Stores count fresh serials for the lot, in label batch `batchId` when given; a collision (astronomically
 * rare) is simply drawn again.
 */
export async function issueSerials(
  db: Pick<Database, 'query'>,
  lotId: string,
  count: number,
  kid: string,
  issuedBy: string | null,
  batchId: string | null = null,
): Promise<string[]> {
  const issued: string[] = []
  while (issued.length < count) {
    const batch = Array.from({ length: Math.min(count - issued.length, 5000) }, randomSerial)
    const rows = await db.query<{ serial: string }>(
      `insert into label_serials (serial, lot_id, kid, issued_by, batch_id)
       select unnest($1::text[]), $2, $3, $4, $5
       on conflict (serial) do nothing
       returning serial`,
      [batch, lotId, kid, issuedBy, batchId],
    )
    for (const r of rows) issued.push(r.serial)
  }
  return issued
}

/** An issued serial as a scan finds it: its lot and key, and its scans so far. */
export type IssuedLabel = {
  serial: string
  lotId: string
  kid: string
  scanCount: number
  firstScannedAt: Date | null
  cloneFlag: CloneFlag | null
}

const labelColumns: Columns<IssuedLabel> = {
  serial: 'serial',
  lotId: 'lot_id',
  kid: 'kid',
  scanCount: 'scan_count',
  firstScannedAt: 'first_scanned_at',
  cloneFlag: 'clone_flag',
}

export async function findLabel(db: Pick<Database, 'query'>, serial: string): Promise<IssuedLabel | null> {
  const [row] = await db.query<IssuedLabel>(
    `select ${selectList(labelColumns)} from label_serials where serial = $1`,
    [serial],
  )
  return row ?? null
}
