// The demo's traceability data as `zonetrace demo` seeds it, run twice on one database (a restart): OCOP
// products, lots with their events and a split, 30 days of sensor history and signed labels, none of it
// duplicated by the second run. Then the printed consumer URL goes through the real resolver and must come
// back authentic, with sensor evidence over the lot's growing window.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, loadOrCreateAuthKeys, openLabelKeyring } from '@zonetrace/api'
import {
  backfillDemoHistory,
  DEMO_LABELS_FILE,
  DEMO_PRODUCTS,
  demoZoneKinds,
  ensureDemoGateways,
  ensureDemoLabels,
  FLAGSHIP_LOT,
  openableUrl,
  seedDemoRegistry,
  seedDemoTrace,
} from '@zonetrace/cli'
import { type ConsumerView, isValidGtin, loadConfig } from '@zonetrace/contracts'
import { ANY_COOPERATIVE, areaViews, listLots, listProducts, lotEvents } from '@zonetrace/db'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const DAY_MS = 86_400_000
const STEPS_30_DAYS = (30 * DAY_MS) / (15 * 60_000)

const testDb = sharedFixture(getTestDB)
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-demo-trace-'))
})
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** What runDemo does before the broker, API and simulator start. */
async function seedLikeTheDemo(now: Date) {
  const config = loadConfig({ DATA_DIR: dataDir })
  await seedDemoRegistry(testDb.db)
  const gateways = (await ensureDemoGateways(testDb.db, dataDir, pino({ level: 'silent' }))).filter(
    (g) => g.sensors.length > 0,
  )
  const started = performance.now()
  const history = await backfillDemoHistory(testDb.db, { gateways, zoneKinds: demoZoneKinds(), seed: 1, now })
  const historyMs = performance.now() - started
  const trace = await seedDemoTrace(testDb.db, now)
  const labels = await ensureDemoLabels(testDb.db, openLabelKeyring(dataDir), dataDir, config.publicBaseUrl)
  return { gateways, history, historyMs, trace, labels }
}

describe('demo traceability seed', () => {
  it('seeds products, lots, history and labels once, and its consumer URL resolves as authentic', {
    timeout: 60_000,
  }, async () => {
    const now = new Date()
    const first = await seedLikeTheDemo(now)
    const sensors = first.gateways.flatMap((g) => g.sensors)
    expect(first.history.sensors).toBe(new Set(sensors.map((s) => s.sensorId)).size)
    expect(first.history.readings).toBe(sensors.length * STEPS_30_DAYS)
    console.info(`demo history: ${first.history.readings} readings in ${first.historyMs.toFixed(0)} ms`)

    // A restart, a minute later: nothing new, nothing duplicated, the same labels.
    const second = await seedLikeTheDemo(new Date(now.getTime() + 60_000))
    expect(second.history).toEqual({ sensors: 0, readings: 0 })
    expect(second.trace).toEqual(first.trace)
    expect(second.labels).toEqual(first.labels)

    const [history] = await testDb.db.query<{ n: number; first: Date; last: Date }>(
      `select count(*)::int as n, min(time) as first, max(time) as last from readings`,
    )
    expect(history!.n).toBe(first.history.readings)
    expect(history!.first.getTime()).toBeLessThanOrEqual(now.getTime() - 30 * DAY_MS + 15 * 60_000)
    expect(history!.last.getTime()).toBeGreaterThan(now.getTime() - 15 * 60_000)

    const products = await listProducts(testDb.db, ANY_COOPERATIVE)
    expect(products.map((p) => p.id).sort()).toEqual(DEMO_PRODUCTS.map((p) => p.id).sort())
    for (const p of products) {
      expect(isValidGtin(p.gtin)).toBe(true)
      // GS1 prefix 952 (demonstrations), never a Vietnamese 893 number.
      expect(p.gtin.startsWith('0952')).toBe(true)
    }
    expect(products.find((p) => p.id === 'vicosap-dua-sap-soi')?.stars).toBe(5)

    const lots = await listLots(testDb.db, ANY_COOPERATIVE)
    expect(lots.map((l) => l.id).sort()).toEqual([...first.trace.lots].sort())
    const rice = lots.find((l) => l.id === 'DEMO-GHC-01')!
    expect(rice.children).toEqual(['DEMO-GHC-01A', 'DEMO-GHC-01B'])
    expect(lots.find((l) => l.id === 'DEMO-GHC-01A')?.parents).toEqual(['DEMO-GHC-01'])
    const flagship = lots.find((l) => l.id === FLAGSHIP_LOT)!
    expect(flagship.disposition).toBe('conformant')
    expect(flagship.harvestedTo < now.toISOString()).toBe(true)
    const steps = (await lotEvents(testDb.db, FLAGSHIP_LOT)).map((e) => e.bizStep)
    expect(steps).toEqual(['commissioning', 'inspecting', 'packing', 'shipping', 'receiving'])

    const areas = await areaViews(testDb.db, ['DEMO-COCONUT-NGOCHO', 'DEMO-RICE-LONGHOA'])
    expect(areas.map((a) => a.preset)).toEqual(['coconut', 'rice'])
    expect(areas[1]?.certifications.map((c) => c.scheme)).toEqual(['organic'])

    expect(first.labels.labels).toHaveLength(5)
    expect((await stat(join(dataDir, DEMO_LABELS_FILE))).mode & 0o777).toBe(0o600)

    // The printed link on an API that listens on another port than PUBLIC_BASE_URL says.
    const consumerUrl = new URL(openableUrl(first.labels.labels[0]!.url, 'http://localhost:3999'))
    expect(consumerUrl.origin).toBe('http://localhost:3999')
    const config = loadConfig({ DATA_DIR: dataDir })
    const app = await buildApp({
      db: testDb.db,
      capabilities: testDb.capabilities,
      config,
      keys: await loadOrCreateAuthKeys(dataDir),
    })
    try {
      const url = `${consumerUrl.pathname}${consumerUrl.search}`
      const json = await app.inject({ method: 'GET', url, headers: { accept: 'application/json' } })
      expect(json.statusCode).toBe(200)
      const view = json.json() as ConsumerView
      expect(view).toMatchObject({ authentic: true, reason: 'authentic', lot: FLAGSHIP_LOT })
      expect(view.evidence).not.toBeNull()
      expect(view.evidence!.coverage).toBeGreaterThan(0.95)
      expect(view.evidence!.metrics.map((m) => m.metric)).toContain('salinity')
      const page = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('Dừa sáp sợi')
    } finally {
      await app.close()
    }
  })

  it('leaves a label link on a public domain as it was issued', () => {
    const url = 'https://trace.example.vn/01/09520000000014/10/DEMO-DSS-01/21/ABC?s=x&k=y'
    expect(openableUrl(url, 'http://localhost:3999')).toBe(url)
  })
})
