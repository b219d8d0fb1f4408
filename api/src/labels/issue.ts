// Issuing labels for a lot: fresh random serials, each signed into a GS1 Digital Link. Shared by
// POST /api/v1/lots/{lotId}/labels and `zonetrace labels`.
import { signedLabelUrl } from '@zonetrace/contracts'
import {
  type Actor,
  type Database,
  getProductRow,
  issueSerials,
  RegistryError,
  requireLot,
} from '@zonetrace/db'
import type { LabelKeyring } from './keyring.ts'
import { labelLinkTooLong } from './qr.ts'

/** One request prints at most this many; more is a batch job, not a request. */
export const MAX_LABELS_PER_REQUEST = 10_000

export interface IssuedLabel {
  serial: string
  url: string
}

export interface LabelBatch {
  lotId: string
  gtin: string
  productName: string
  stars: number
  areaCodes: string[]
  labels: IssuedLabel[]
}

export async function issueLabels(
  db: Database,
  keyring: LabelKeyring,
  actor: Actor,
  opts: { lotId: string; count: number; baseUrl: string },
): Promise<LabelBatch> {
  const { lotId, count, baseUrl } = opts
  if (!Number.isInteger(count) || count < 1 || count > MAX_LABELS_PER_REQUEST) {
    throw new RegistryError(`count must be a whole number from 1 to ${MAX_LABELS_PER_REQUEST}`, 'invalid')
  }
  const lot = await requireLot(db, actor, lotId)
  if (lot.disposition === 'recalled')
    throw new RegistryError(`lot ${lotId} is recalled; no new labels`, 'invalid')
  const product = (await getProductRow(db, lot.productId))!
  // Refused before a serial exists: a code that cannot be printed must not be issued.
  const tooLong = labelLinkTooLong(baseUrl, { gtin: product.gtin, lot: lot.id })
  if (tooLong) throw new RegistryError(tooLong, 'invalid')
  const { kid, privateKey } = await keyring.signingKey()
  const serials = await issueSerials(db, lot.id, count, kid, actor.subject)
  return {
    lotId: lot.id,
    gtin: product.gtin,
    productName: product.name,
    stars: product.stars,
    areaCodes: lot.areaCodes,
    labels: serials.map((serial) => ({
      serial,
      url: signedLabelUrl(baseUrl, { gtin: product.gtin, lot: lot.id, serial }, privateKey),
    })),
  }
}
