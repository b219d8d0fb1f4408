// The demo's traceability records: area presets and certifications, OCOP products, lots with their events
// and a split, and signed labels for the flagship lot. Idempotent, so every start re-applies it: a lot that
// exists is kept as it is and only what it lacks (an event, the split) is added.
import { join } from 'node:path'
import { issueLabels, type LabelKeyring } from '@zonetrace/api'
import { verifyLabelUrl } from '@zonetrace/contracts'
import {
  addLotEvent,
  createLot,
  type Database,
  findLabel,
  getLot,
  lotEvents,
  RegistryError,
  registerArea,
  splitLot,
  upsertProduct,
} from '@zonetrace/db'
import { readJsonIfExists, writePrivateJson } from './files.ts'
import { DEMO_AREAS } from './seed-data.ts'
import { atLocal, DEMO_ACTOR, DEMO_LOTS, DEMO_PRODUCTS, type DemoLot, FLAGSHIP_LOT } from './trace-data.ts'

export const DEMO_LABELS_FILE = 'demo-labels.json'
const DEMO_LABEL_COUNT = 5
/** The evidence window opens this long before the seeding; the demo's sensor history reaches back as far. */
export const DEMO_GROWING_DAYS = 30

export interface DemoTraceSummary {
  products: number
  lots: string[]
}

/** Registry part (no labels, no files): what `zonetrace seed` also runs. */
export async function seedDemoTrace(db: Database, now = new Date()): Promise<DemoTraceSummary> {
  // registerArea sets what upsertGrowingArea does not: the threshold preset and certifications.
  for (const area of DEMO_AREAS) await registerArea(db, DEMO_ACTOR, area)
  for (const { areaCode: _area, ...product } of DEMO_PRODUCTS) await upsertProduct(db, DEMO_ACTOR, product)
  const lots: string[] = []
  for (const lot of DEMO_LOTS) lots.push(...(await ensureLot(db, lot, now)))
  return { products: DEMO_PRODUCTS.length, lots }
}

async function ensureLot(db: Database, plan: DemoLot, now: Date): Promise<string[]> {
  const product = DEMO_PRODUCTS.find((p) => p.id === plan.productId)
  if (!product?.areaCode) throw new Error(`demo lot ${plan.id} names a product without a demo area`)
  try {
    await createLot(db, DEMO_ACTOR, {
      id: plan.id,
      productId: plan.productId,
      areaCodes: [product.areaCode],
      // Not a planting date (coconut palms bear for decades): the start of the window whose water the
      // consumer page shows, as far back as the demo's sensor history goes.
      grownFrom: new Date(now.getTime() - DEMO_GROWING_DAYS * 86_400_000),
      harvestedFrom: atLocal(now, plan.harvest[0]),
      harvestedTo: atLocal(now, plan.harvest[1]),
      quantity: plan.quantity,
      unit: plan.unit,
    })
  } catch (err) {
    if (!(err instanceof RegistryError && err.code === 'conflict')) throw err
  }
  // A start interrupted half-way left the lot without some of its events: add only what is missing.
  const recorded = new Set((await lotEvents(db, plan.id)).map((e) => e.bizStep))
  for (const { daysAgo, hour, ...event } of plan.events) {
    if (recorded.has(event.bizStep)) continue
    await addLotEvent(db, DEMO_ACTOR, plan.id, { ...event, time: atLocal(now, { daysAgo, hour }) })
  }
  if (!plan.split) return [plan.id]
  const lot = await getLot(db, DEMO_ACTOR, plan.id)
  if (lot && lot.children.length === 0) {
    await splitLot(db, DEMO_ACTOR, plan.id, {
      parts: plan.split.parts,
      time: atLocal(now, plan.split),
      place: plan.split.place,
    })
  }
  return [plan.id, ...plan.split.parts.map((p) => p.id)]
}

interface DemoLabels {
  lotId: string
  /** The PUBLIC_BASE_URL the labels were signed under (the host is not signed: docs/label-signature.md). */
  baseUrl: string
  labels: { serial: string; url: string }[]
}

/**
 * Labels for the flagship lot, issued once and kept in DATA_DIR/demo-labels.json (0600, like demo.json).
 * Issued again when the database no longer knows them (a new DATABASE_URL, a wiped database), or when
 * they no longer verify with today's keys (their key was revoked with `zonetrace keys revoke`): the banner
 * and demo.json must never point at a label that reads "unknown or revoked key".
 */
export async function ensureDemoLabels(
  db: Database,
  keyring: LabelKeyring,
  dataDir: string,
  baseUrl: string,
): Promise<DemoLabels> {
  const file = join(dataDir, DEMO_LABELS_FILE)
  const saved = savedLabels(await readJsonIfExists(file))
  const first = saved?.labels[0]
  if (saved && first && (await findLabel(db, first.serial))?.lotId === saved.lotId) {
    const jwks = await keyring.jwks()
    if (saved.labels.every((l) => verifyLabelUrl(l.url, jwks).authentic)) return saved
  }
  const batch = await issueLabels(db, keyring, DEMO_ACTOR, {
    lotId: FLAGSHIP_LOT,
    count: DEMO_LABEL_COUNT,
    baseUrl,
  })
  const labels: DemoLabels = { lotId: batch.lotId, baseUrl, labels: batch.labels }
  await writePrivateJson(file, labels)
  return labels
}

function savedLabels(json: unknown): DemoLabels | undefined {
  const j = json as Partial<DemoLabels> | undefined
  const ok =
    j?.lotId === FLAGSHIP_LOT &&
    typeof j.baseUrl === 'string' &&
    Array.isArray(j.labels) &&
    j.labels.every((l) => typeof l?.serial === 'string' && typeof l?.url === 'string')
  return ok ? (j as DemoLabels) : undefined
}
