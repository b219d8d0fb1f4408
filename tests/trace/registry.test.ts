// Ownership, lineage and recall at the repository level, on the real database of the current backend.
import {
  addFeedback,
  addLotEvent,
  ancestorLots,
  createLot,
  issueSerials,
  listFeedback,
  listLots,
  listProducts,
  lotEvents,
  lotScanReport,
  mergeLots,
  NotFoundError,
  type RegistryError,
  recallLot,
  recordScan,
  recordScans,
  registerArea,
  requireLot,
  splitLot,
  upsertProduct,
} from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import {
  HARVEST_TO,
  HOA_TAN,
  OFFICER,
  seedTraceRegistry,
  VICOSAP,
  WAX_COCONUT_GTIN,
} from '../helpers/trace-fixtures.ts'

const testDb = sharedFixture(getTestDB)

beforeAll(async () => {
  await seedTraceRegistry(testDb.db)
})

/** A split's parts, as [id, quantity] pairs. */
const parts = (...pairs: [id: string, quantity: number][]) => ({
  parts: pairs.map(([id, quantity]) => ({ id, quantity })),
})
const refused = (code: string) => expect.objectContaining({ name: 'Error', code }) as unknown as RegistryError
/** A missing record, or one of another cooperative: both refuse alike, with a 404's NotFoundError. */
const notFound = expect.any(NotFoundError) as unknown as NotFoundError

describe('ownership', () => {
  it('lists only the cooperative’s own lots and products, and everything for officers', async () => {
    expect((await listLots(testDb.db, VICOSAP)).map((l) => l.id)).toEqual(['DS2610A'])
    expect((await listLots(testDb.db, HOA_TAN)).map((l) => l.id)).toEqual(['HT2610A'])
    expect((await listLots(testDb.db, OFFICER)).map((l) => l.id).sort()).toEqual(['DS2610A', 'HT2610A'])
    expect((await listProducts(testDb.db, HOA_TAN)).map((p) => p.id)).toEqual(['dua-sap-hoa-tan'])
  })

  it('answers a foreign lot exactly like a missing one, for reads and every write', async () => {
    await expect(requireLot(testDb.db, HOA_TAN, 'DS2610A')).rejects.toEqual(notFound)
    await expect(
      addLotEvent(testDb.db, HOA_TAN, 'DS2610A', { bizStep: 'packing', time: new Date() }),
    ).rejects.toEqual(notFound)
    await expect(recallLot(testDb.db, HOA_TAN, 'DS2610A', 'nope')).rejects.toEqual(notFound)
    await expect(splitLot(testDb.db, HOA_TAN, 'DS2610A', parts(['X1', 1], ['X2', 1]))).rejects.toEqual(
      notFound,
    )
    expect(await lotScanReport(testDb.db, HOA_TAN, 'DS2610A')).toBeNull()
  })

  it('refuses a foreign product, a foreign area and editing another cooperative’s product', async () => {
    const lot = {
      id: 'HT-X',
      areaCodes: ['VN-TEST-HOATAN'],
      harvestedFrom: HARVEST_TO,
      harvestedTo: HARVEST_TO,
      quantity: 1,
      unit: 'KGM',
    }
    await expect(createLot(testDb.db, HOA_TAN, { ...lot, productId: 'dua-sap-soi' })).rejects.toEqual(
      notFound,
    )
    await expect(
      createLot(testDb.db, HOA_TAN, { ...lot, productId: 'dua-sap-hoa-tan', areaCodes: ['VN-TEST-NGOCHO'] }),
    ).rejects.toEqual(refused('invalid'))
    await expect(
      upsertProduct(testDb.db, HOA_TAN, {
        id: 'dua-sap-soi',
        gtin: WAX_COCONUT_GTIN,
        name: 'hijack',
        group: 'food',
        stars: 1,
      }),
    ).rejects.toEqual(notFound)
    await expect(
      registerArea(testDb.db, HOA_TAN, {
        code: 'VN-TEST-NGOCHO',
        name: 'hijack',
        crop: 'x',
        communeCode: '29335',
      }),
    ).rejects.toEqual(notFound)
    await expect(
      upsertProduct(testDb.db, HOA_TAN, {
        id: 'p',
        cooperativeId: 'vicosap',
        gtin: '8930000000033',
        name: 'x',
        group: 'food',
        stars: 3,
      }),
    ).rejects.toEqual(refused('invalid'))
  })

  it('validates GTIN check digits, stars and OCOP expiry (36 months)', async () => {
    const base = { id: 'keo-dua', name: 'Kẹo dừa sáp', group: 'food' as const, stars: 4 }
    await expect(upsertProduct(testDb.db, VICOSAP, { ...base, gtin: '8930000000034' })).rejects.toEqual(
      refused('invalid'),
    )
    await expect(
      upsertProduct(testDb.db, VICOSAP, { ...base, gtin: '8930000000033', stars: 6 }),
    ).rejects.toEqual(refused('invalid'))
    await expect(upsertProduct(testDb.db, VICOSAP, { ...base, gtin: '8930000000019' })).rejects.toEqual(
      refused('conflict'),
    )
    const p = await upsertProduct(testDb.db, VICOSAP, {
      ...base,
      gtin: '8930000000033',
      certifiedOn: '2023-05-31',
    })
    expect(p).toMatchObject({ gtin: '08930000000033', ocop: true, certificateExpiresOn: '2026-05-31' })
    const two = await upsertProduct(testDb.db, VICOSAP, {
      ...base,
      id: 'two',
      gtin: '8930000000040',
      stars: 2,
    })
    expect(two.ocop).toBe(false)
  })
})

describe('lineage and recall', () => {
  it('records the harvest as commissioning and later steps in time order', async () => {
    await addLotEvent(testDb.db, VICOSAP, 'DS2610A', {
      bizStep: 'packing',
      time: new Date('2026-10-05T02:00:00Z'),
      place: 'Xưởng VICOSAP',
    })
    await addLotEvent(testDb.db, VICOSAP, 'DS2610A', {
      bizStep: 'inspecting',
      time: new Date('2026-10-04T02:00:00Z'),
      disposition: 'conformant',
    })
    const steps = (await lotEvents(testDb.db, 'DS2610A')).map((e) => e.bizStep)
    expect(steps).toEqual(['commissioning', 'inspecting', 'packing'])
    await expect(
      addLotEvent(testDb.db, VICOSAP, 'DS2610A', { bizStep: 'harvesting' as never, time: new Date() }),
    ).rejects.toEqual(refused('invalid'))
    await expect(
      addLotEvent(testDb.db, VICOSAP, 'DS2610A', {
        bizStep: 'shipping',
        time: new Date(Date.now() + 86_400_000),
      }),
    ).rejects.toEqual(refused('invalid'))
  })

  it('keeps split and merge lineage both ways and recalls everything derived', async () => {
    await createLot(testDb.db, VICOSAP, {
      id: 'DS2610B',
      productId: 'dua-sap-soi',
      areaCodes: ['VN-TEST-NGOCHO'],
      harvestedFrom: new Date('2026-10-02T00:00:00Z'),
      harvestedTo: new Date('2026-10-04T00:00:00Z'),
      quantity: 800,
      unit: 'KGM',
    })
    await expect(
      splitLot(testDb.db, VICOSAP, 'DS2610A', parts(['DS2610A-1', 1000], ['DS2610A-2', 201])),
    ).rejects.toEqual(refused('invalid'))
    expect(
      await splitLot(testDb.db, VICOSAP, 'DS2610A', parts(['DS2610A-1', 700], ['DS2610A-2', 500])),
    ).toEqual(['DS2610A-1', 'DS2610A-2'])
    await mergeLots(testDb.db, VICOSAP, { id: 'DS2610M', inputs: ['DS2610A-2', 'DS2610B'] })

    const parent = await requireLot(testDb.db, VICOSAP, 'DS2610A')
    expect(parent.children).toEqual(['DS2610A-1', 'DS2610A-2'])
    const merged = await requireLot(testDb.db, VICOSAP, 'DS2610M')
    expect(merged).toMatchObject({
      parents: ['DS2610A-2', 'DS2610B'],
      quantity: 1300,
      harvestedFrom: '2026-10-01T00:00:00.000Z',
    })
    expect(await ancestorLots(testDb.db, 'DS2610M')).toEqual(['DS2610A-2', 'DS2610B', 'DS2610A'])
    const split = (await lotEvents(testDb.db, 'DS2610A-2')).filter((e) => e.type === 'TransformationEvent')
    expect(split.map((e) => [e.inputLots, e.outputLots])).toEqual([
      [['DS2610A'], ['DS2610A-1', 'DS2610A-2']],
      [['DS2610A-2', 'DS2610B'], ['DS2610M']],
    ])

    expect(await recallLot(testDb.db, VICOSAP, 'DS2610A', 'Phát hiện nấm mốc')).toEqual([
      'DS2610A',
      'DS2610A-1',
      'DS2610A-2',
      'DS2610M',
    ])
    expect((await requireLot(testDb.db, VICOSAP, 'DS2610M')).disposition).toBe('recalled')
    expect((await requireLot(testDb.db, VICOSAP, 'DS2610B')).disposition).toBe('active')
    await expect(
      mergeLots(testDb.db, VICOSAP, { id: 'DS-NO', inputs: ['DS2610A-1', 'DS2610B'] }),
    ).rejects.toEqual(refused('invalid'))
  })
})

describe('scans and feedback', () => {
  const policy = { maxScans: 3, maxKmh: 500, minKm: 30 }
  const scan = (serial: string, lat: number | null, lon: number | null) => ({
    serial,
    lotId: 'HT2610A',
    lat,
    lon,
    region: null,
    uaHash: 'h',
    verdict: 'authentic',
  })

  it('issues random, unique, non-sequential serials', async () => {
    const serials = await issueSerials(testDb.db, 'HT2610A', 200, 'kid', 'test')
    expect(new Set(serials).size).toBe(200)
    expect(serials.every((s) => /^[0-9A-HJKMNP-TV-Z]{12}$/.test(s))).toBe(true)
  })

  it('counts scans and flags a serial scanned too often', async () => {
    const [serial] = await issueSerials(testDb.db, 'HT2610A', 1, 'kid', 'test')
    const seen = []
    for (let i = 0; i < 4; i++) seen.push(await recordScan(testDb.db, scan(serial!, null, null), policy))
    expect(seen.map((s) => s.count)).toEqual([1, 2, 3, 4])
    expect(seen.map((s) => s.flag)).toEqual([null, null, null, 'too_many_scans'])
    expect(seen[3]!.firstAt).toBe(seen[0]!.firstAt)
    const report = await lotScanReport(testDb.db, HOA_TAN, 'HT2610A')
    expect(report?.flagged.map((f) => f.serial)).toContain(serial)
  })

  it('flags a serial seen in Trà Vinh and Hà Nội minutes apart, but not two scans in one town', async () => {
    const [far, near] = await issueSerials(testDb.db, 'HT2610A', 2, 'kid', 'test')
    await recordScan(testDb.db, scan(far!, 9.9, 106.3), policy)
    expect((await recordScan(testDb.db, scan(far!, 21.0, 105.8), policy)).flag).toBe('impossible_travel')
    await recordScan(testDb.db, scan(near!, 9.9, 106.3), policy)
    expect((await recordScan(testDb.db, scan(near!, 10.0, 106.3), policy)).flag).toBeNull()
  })

  it('records a group of scans in one statement as if one by one', async () => {
    const [a, b] = await issueSerials(testDb.db, 'HT2610A', 2, 'kid', 'test')
    const summaries = await recordScans(
      testDb.db,
      [
        scan(a!, null, null),
        scan(b!, null, null),
        scan(a!, null, null),
        { ...scan(b!, null, null), lotId: 'DS2610A' },
        scan(a!, null, null),
        scan(a!, null, null),
      ],
      policy,
    )
    expect(summaries.map((s) => [s.count, s.flag])).toEqual([
      [1, null],
      [1, null],
      [2, null],
      [0, null],
      [3, null],
      [4, 'too_many_scans'],
    ])
    const [row] = await testDb.db.query<{ scan_count: number; clone_flag: string }>(
      `select scan_count, clone_flag from label_serials where serial = $1`,
      [a],
    )
    expect(row).toEqual({ scan_count: 4, clone_flag: 'too_many_scans' })
    const logged = await testDb.db.query(`select 1 from label_scans where serial = any($1::text[])`, [[a, b]])
    expect(logged).toHaveLength(5)
  })

  it('stores feedback as typed and lists it only to the owner', async () => {
    const comment = '<script>alert(1)</script> Ngon!'
    await addFeedback(testDb.db, { lotId: 'HT2610A', serial: 'S', rating: 5, comment, lang: 'vi' })
    await expect(
      addFeedback(testDb.db, { lotId: 'HT2610A', serial: 'S', rating: 0, comment: null, lang: 'vi' }),
    ).rejects.toEqual(refused('invalid'))
    await expect(
      addFeedback(testDb.db, {
        lotId: 'HT2610A',
        serial: 'S',
        rating: 3,
        comment: 'x'.repeat(1001),
        lang: 'vi',
      }),
    ).rejects.toEqual(refused('invalid'))
    expect((await listFeedback(testDb.db, HOA_TAN)).map((f) => f.comment)).toEqual([comment])
    expect(await listFeedback(testDb.db, VICOSAP)).toEqual([])
  })
})
