// A batch of labels again, for its downloads: the same serials, signed again with the key that signed them.
// Ed25519 signatures are deterministic (RFC 8032), so the links come out exactly as they were issued, as
// long as that key still has its private part and PUBLIC_BASE_URL is unchanged.
import { type Actor, type Database, getProductRow, labelBatchSerials, requireLabelBatch } from '@zonetrace/db'
import { batchWithLinks, type LabelBatch } from './issue.ts'
import type { LabelKeyring } from './keyring.ts'

/** The batch's key is revoked or gone: its labels cannot be signed again (HTTP 410). */
export class LabelKeyGoneError extends Error {}

export async function loadLabelBatch(
  db: Database,
  keyring: LabelKeyring,
  actor: Actor,
  opts: { lotId: string; batchId: string; baseUrl: string },
): Promise<LabelBatch> {
  const { batch, lot } = await requireLabelBatch(db, actor, opts.lotId, opts.batchId)
  const key = (await keyring.privateKeyOf?.(batch.kid)) ?? null
  if (key === null || key === 'revoked') {
    const why =
      key === null
        ? 'is no longer in the label keyring'
        : 'was revoked, so its labels now read as not authentic when scanned'
    throw new LabelKeyGoneError(
      `label batch ${batch.batchId} of lot ${lot.id} cannot be printed again: its signing key ${batch.kid} ${why}; issue a new batch instead`,
    )
  }
  const product = (await getProductRow(db, lot.productId))!
  const serials = await labelBatchSerials(db, batch.batchId)
  return batchWithLinks({ batch, lot, product, serials, baseUrl: opts.baseUrl, key })
}
