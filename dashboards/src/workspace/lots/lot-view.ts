// Everything a lot's page shows, read with the session's Actor first: a lot of another cooperative is
// null here, exactly like a missing one, before anything else about it is read.
import type { LabelBatch, Lot, LotEvent, Product, SensorEvidence } from '@zonetrace/contracts'
import { signedLabelUrl } from '@zonetrace/contracts'
import { getLot, labelBatchSerials, listLabelBatches, listLots, listProducts, lotEvents } from '@zonetrace/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'

export interface LotView {
  lot: Lot
  product: Product | undefined
  events: LotEvent[]
  batches: LabelBatch[]
  /** Other lots it may be merged with: same product and unit, not recalled. */
  mergeable: Lot[]
  evidence: SensorEvidence | null
  /** The path of one label's public page, signed like the printed label, or null without labels. */
  previewPath: string | null
}

export async function loadLotView(
  fastify: FastifyInstance,
  request: FastifyRequest,
  lotId: string,
): Promise<LotView | null> {
  const { db } = fastify
  const actor = request.actor
  const lot = await getLot(db, actor, lotId)
  if (!lot) return null
  const [products, events, batches, siblings, facts] = await Promise.all([
    listProducts(db, actor),
    lotEvents(db, lot.id),
    listLabelBatches(db, actor, lot.id),
    listLots(db, actor, { productId: lot.productId }),
    fastify.lotFacts.get(lot.id),
  ])
  const product = products.find((p) => p.id === lot.productId)
  return {
    lot,
    product,
    events,
    batches,
    mergeable: siblings.filter((l) => l.id !== lot.id && l.unit === lot.unit && l.disposition !== 'recalled'),
    evidence: facts?.evidence ?? null,
    previewPath: product ? await previewPath(fastify, batches, product.gtin, lot.id) : null,
  }
}

/**
 * One serial of the newest batch whose key can still sign, signed again (Ed25519 is deterministic, so it
 * is the printed link). Only the path and query: the page is served by this same platform.
 */
async function previewPath(
  fastify: FastifyInstance,
  batches: LabelBatch[],
  gtin: string,
  lotId: string,
): Promise<string | null> {
  for (const batch of batches) {
    const key = await fastify.labelKeys.privateKeyOf?.(batch.kid)
    if (!key || key === 'revoked') continue
    const [serial] = await labelBatchSerials(fastify.db, batch.batchId)
    if (!serial) continue
    const url = new URL(signedLabelUrl(fastify.config.publicBaseUrl, { gtin, lot: lotId, serial }, key))
    return `${url.pathname}${url.search}`
  }
  return null
}

/** The kids of the keys revoked so far (the keyring's own list, as the console's label-keys page shows it). */
export async function revokedKids(fastify: FastifyInstance): Promise<Set<string>> {
  const keys = await fastify.labelKeys.list()
  return new Set(keys.filter((k) => k.revokedAt).map((k) => k.kid))
}
