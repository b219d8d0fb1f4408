// Everything a scan or an export shows about a lot, read once and kept briefly: a label page is hit far
// more often than a lot changes. Writes to lots in this process clear the cache at once; another process
// (a second API node) sees changes within the time-to-live.

import type { AreaView, LotEvent, PublicLot, PublicProduct, SensorEvidence } from '@zonetrace/contracts'
import { publicLot } from '@zonetrace/contracts'
import {
  ANY_COOPERATIVE,
  areaViews,
  type Database,
  getLot,
  getProductRow,
  lotEvents,
  lotEvidence,
  toView,
} from '@zonetrace/db'

export interface LotFacts {
  /** Without the cooperative's note: these facts are what a scan shows. */
  lot: PublicLot
  product: PublicProduct
  cooperative: { id: string; name: string }
  areas: AreaView[]
  events: LotEvent[]
  evidence: SensorEvidence | null
  /** It has at least one issued label: what a label shows is public from then on. */
  published: boolean
  /**
   * The lot-level part of a scan's JSON answer, serialised once per cache entry: it is most of the bytes,
   * and the same for every label of the lot.
   */
  json: string
}

/** Without a planting date, the evidence window opens this long before the harvest. */
const DEFAULT_GROWING_DAYS = 90
const TTL_MS = 10_000
const MAX_ENTRIES = 5_000

export class LotFactsCache {
  readonly #db: Database
  readonly #evidenceDb: Database
  readonly #entries = new Map<string, { at: number; facts: Promise<LotFacts | null> }>()

  /** `db` must see lot writes at once; `evidenceDb` may lag (readings: api/src/plugins/app/read-db.ts). */
  constructor(db: Database, evidenceDb: Database = db) {
    this.#db = db
    this.#evidenceDb = evidenceDb
  }

  get(lotId: string): Promise<LotFacts | null> {
    const hit = this.#entries.get(lotId)
    if (hit && Date.now() - hit.at < TTL_MS) return hit.facts
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear()
    const facts = loadLotFacts(this.#db, this.#evidenceDb, lotId)
    this.#entries.set(lotId, { at: Date.now(), facts })
    // A failed read must not be served from the cache.
    facts.catch(() => this.#entries.delete(lotId))
    return facts
  }

  /** After any lot write: recalls and splits reach other lots, so everything goes. */
  clear(): void {
    this.#entries.clear()
  }
}

async function loadLotFacts(db: Database, evidenceDb: Database, lotId: string): Promise<LotFacts | null> {
  const stored = await getLot(db, ANY_COOPERATIVE, lotId)
  if (!stored) return null
  const lot = publicLot(stored)
  const [productRow, coopRows, areas, events, labelled] = await Promise.all([
    getProductRow(db, lot.productId),
    db.query<{ id: string; name: string }>(`select id, name from cooperatives where id = $1`, [
      lot.cooperativeId,
    ]),
    areaViews(db, lot.areaCodes),
    lotEvents(db, lot.id),
    db.query<{ published: boolean }>(
      `select exists (select 1 from label_serials where lot_id = $1) as published`,
      [lot.id],
    ),
  ])
  const to = new Date(lot.harvestedTo)
  const from = lot.grownFrom
    ? new Date(lot.grownFrom)
    : new Date(Date.parse(lot.harvestedFrom) - DEFAULT_GROWING_DAYS * 86_400_000)
  const evidence = await lotEvidence(evidenceDb, {
    areas: areas.map((a) => ({ code: a.code, preset: a.preset })),
    from,
    to,
  })
  const facts = {
    lot,
    product: toView(productRow!),
    cooperative: coopRows[0] ?? { id: lot.cooperativeId, name: lot.cooperativeId },
    areas,
    events,
    evidence: evidence.metrics.length > 0 ? evidence : null,
    published: labelled[0]?.published === true,
  }
  const { product, cooperative } = facts
  const json = JSON.stringify({
    product,
    cooperative,
    lotInfo: lot,
    areas,
    timeline: events,
    evidence: facts.evidence,
  })
  return { ...facts, json }
}
