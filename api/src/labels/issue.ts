// Issuing labels for a lot: fresh random serials in a new label batch, each signed into a GS1 Digital Link.
// Shared by POST /api/v1/lots/{lotId}/labels and `zonetrace labels`.
import type { KeyObject } from 'node:crypto'
import { type Label, MAX_LABELS_PER_REQUEST, signedLabelUrl } from '@zonetrace/contracts'
import {
  type Actor,
  type Database,
  getProductRow,
  issueLabelBatch,
  RegistryError,
  requireLot,
} from '@zonetrace/db'
import type { LabelKeyring } from './keyring.ts'
import { LayoutError, resolveLayout } from './layout.ts'
import { labelLinkTooLong } from './qr.ts'

export { MAX_LABELS_PER_REQUEST }

/** One label of a batch: its serial and signed link. */
export type IssuedLabel = Label

export interface LabelBatch {
  batchId: string
  lotId: string
  gtin: string
  kid: string
  issuedAt: string
  /** The layout asked for at issue, if any: downloads default to it. */
  layout: string | null
  productName: string
  stars: number
  areaCodes: string[]
  /** Sorted by serial: the order of every download of the batch. */
  labels: IssuedLabel[]
}

export async function issueLabels(
  db: Database,
  keyring: LabelKeyring,
  actor: Actor,
  opts: { lotId: string; count: number; baseUrl: string; layout?: string },
): Promise<LabelBatch> {
  const { lotId, count, baseUrl } = opts
  if (!Number.isInteger(count) || count < 1 || count > MAX_LABELS_PER_REQUEST) {
    throw new RegistryError(`count must be a whole number from 1 to ${MAX_LABELS_PER_REQUEST}`, 'invalid')
  }
  // A layout that cannot be printed is refused before a serial exists, like a link too long to print.
  if (opts.layout !== undefined) {
    try {
      resolveLayout(opts.layout)
    } catch (err) {
      if (err instanceof LayoutError) throw new RegistryError(err.message, 'invalid')
      throw err
    }
  }
  const lot = await requireLot(db, actor, lotId)
  if (lot.disposition === 'recalled')
    throw new RegistryError(`lot ${lotId} is recalled; no new labels`, 'invalid')
  const product = (await getProductRow(db, lot.productId))!
  // Refused before a serial exists: a code that cannot be printed must not be issued.
  const tooLong = labelLinkTooLong(baseUrl, { gtin: product.gtin, lot: lot.id })
  if (tooLong) throw new RegistryError(tooLong, 'invalid')
  const { kid, privateKey } = await keyring.signingKey()
  const { batch, serials } = await issueLabelBatch(db, {
    lotId: lot.id,
    count,
    kid,
    issuedBy: actor.subject,
    layout: opts.layout ?? null,
  })
  return batchWithLinks({ batch, lot, product, serials, baseUrl, key: privateKey })
}

/** A stored batch and its serials as links signed with `key`: at issue, and again for each download. */
export function batchWithLinks(parts: {
  batch: { batchId: string; kid: string; issuedAt: string; layout: string | null }
  lot: { id: string; areaCodes: string[] }
  product: { gtin: string; name: string; stars: number }
  serials: string[]
  baseUrl: string
  key: KeyObject
}): LabelBatch {
  const { batch, lot, product, serials, baseUrl, key } = parts
  return {
    batchId: batch.batchId,
    lotId: lot.id,
    gtin: product.gtin,
    kid: batch.kid,
    issuedAt: batch.issuedAt,
    layout: batch.layout,
    productName: product.name,
    stars: product.stars,
    areaCodes: lot.areaCodes,
    labels: serials.map((serial) => ({
      serial,
      url: signedLabelUrl(baseUrl, { gtin: product.gtin, lot: lot.id, serial }, key),
    })),
  }
}
