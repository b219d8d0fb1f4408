// The EPCIS 2.0 export of a lot (issue 5 §3–4), validated against the official EPCIS 2.0 JSON schema.
import { buildEpcisDocument, EPCIS_CONTEXT_URL, type EpcisObjectEvent } from '@zonetrace/api'
import type { LotEvent } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import {
  area,
  BASE,
  byStep,
  event,
  evidence,
  expectValid,
  GTIN,
  GTIN14,
  input,
  LOT_CLASS,
  lifecycle,
  lotView,
  objectEvents,
  validate,
} from './epcis-fixtures.ts'

describe('EPCIS 2.0 export of a lot', () => {
  it('exports a harvested, inspected, packed, shipped and received lot with sensor evidence, valid', () => {
    const doc = buildEpcisDocument(input({ events: lifecycle, evidence }))
    expectValid(doc)

    const steps = doc.epcisBody.eventList.map((e) => e.bizStep)
    expect(steps).toEqual([
      'commissioning',
      'sensor_reporting',
      'inspecting',
      'packing',
      'shipping',
      'receiving',
    ])
    for (const e of objectEvents(doc)) {
      expect(e.quantityList[0]).toEqual({ epcClass: LOT_CLASS, quantity: 1200, uom: 'KGM' })
      expect(e.action).toBe(e.bizStep === 'commissioning' ? 'ADD' : 'OBSERVE')
      expect(e.eventID).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
    }

    const harvest = byStep(doc, 'commissioning')
    expect(harvest.eventID).toBe(`urn:uuid:${lifecycle[0]?.id}`)
    expect(harvest.readPoint).toEqual({ id: `${BASE}/zones/VN-TV-TEST-01` })
    expect(harvest.ilmd).toEqual({
      'cbvmda:countryOfOrigin': 'VN',
      'zt:growingArea': ['VN-TV-TEST-01'],
      'zt:harvestStart': '2026-03-01T00:00:00.000Z',
      'zt:harvestEnd': '2026-03-03T10:00:00.000Z',
      'zt:growingStart': '2025-12-01T00:00:00.000Z',
      'zt:certification': [
        {
          'gs1:certificationStandard': 'VietGAP',
          'gs1:certificationIdentification': 'VG/2025-17',
          'gs1:certificationAgency': 'Trung tâm Chứng nhận',
          'zt:certificationStartDate': '2025-01-01',
          'gs1:certificationEndDate': '2027-12-31',
          'zt:growingArea': 'VN-TV-TEST-01',
        },
      ],
    })
    // Only the VietGAP certificate was valid during the harvest; the organic one had lapsed.
    expect(harvest.certificationInfo).toEqual([
      `${BASE}/zones/VN-TV-TEST-01/certifications/vietgap/VG%2F2025-17`,
    ])
    expect(doc.epcisBody.eventList.filter((e) => e.ilmd !== undefined)).toHaveLength(1)

    // Free text becomes a URI but keeps its words; SGLNs and URLs pass through; shipping has no bizLocation.
    const inspecting = byStep(doc, 'inspecting')
    expect(inspecting.readPoint?.id).toBe(`${BASE}/places/Kho%20C%E1%BA%A7u%20K%C3%A8`)
    expect(inspecting['zt:placeName']).toBe('Kho Cầu Kè')
    expect(inspecting.disposition).toBe('conformant')
    expect(byStep(doc, 'shipping').readPoint?.id).toBe('urn:epc:id:sgln:8935049.50001.0')
    expect(byStep(doc, 'shipping').bizLocation).toBeUndefined()
    expect(byStep(doc, 'receiving').bizLocation?.id).toBe('https://example.vn/shops/1')
    expect(byStep(doc, 'receiving')['zt:note']).toBe('OK')
  })

  it('summarises the sensor evidence as one sensorElement per metric with standard and zt: types', () => {
    const doc = buildEpcisDocument(input({ events: lifecycle, evidence }))
    const sensing = byStep(doc, 'sensor_reporting') as EpcisObjectEvent
    expect(sensing.action).toBe('OBSERVE')
    expect(sensing.eventTime).toBe(evidence.to)
    expect(sensing.readPoint).toEqual({ id: `${BASE}/zones/VN-TV-TEST-01` })
    expect(sensing['zt:alertCount']).toBe(3)
    expect(sensing['zt:coverage']).toBe(0.93)

    const elements = sensing.sensorElementList ?? []
    expect(elements).toHaveLength(evidence.metrics.length)
    for (const el of elements) {
      expect(el.sensorMetadata).toEqual({
        startTime: evidence.from,
        endTime: evidence.to,
        rawData: `${BASE}/api/v1/lots/CK2026-01/evidence`,
        dataProcessingMethod: 'zt:HourlyRollupSummary',
      })
      expect(el.sensorReport).toHaveLength(1)
    }
    const reports = elements.map((el) => el.sensorReport[0])
    expect(reports.map((r) => [r?.type, r?.uom])).toEqual([
      ['zt:Salinity', 'NX'],
      ['zt:pH', 'Q30'],
      ['zt:DissolvedOxygen', 'M1'],
      ['Temperature', 'CEL'],
      ['Conductivity', 'G42'],
      ['zt:Turbidity', undefined],
    ])
    expect(reports[2]).toMatchObject({
      minValue: 3.2,
      maxValue: 7.9,
      meanValue: 5.6,
      'zt:withinShare': 0.88,
      'zt:coverage': 0.93,
      'zt:limitMin': 4,
      'zt:standard': 'QCVN 08:2023',
    })
    // No readings: no invented values, and NTU (no Rec 20 code) is stated as the SenML unit.
    expect(reports[5]).toEqual({
      type: 'zt:Turbidity',
      'zt:unit': 'NTU',
      'zt:readingCount': 0,
      'zt:coverage': 0,
    })
  })

  it('exports a split lot: the TransformationEvent carries input and output lot classes, valid', () => {
    const split = event({
      type: 'TransformationEvent',
      bizStep: 'transforming',
      time: '2026-03-04T03:00:00.000Z',
      place: 'Kho Cầu Kè',
      inputLots: ['CK2026-01'],
      outputLots: ['CK2026-01A', 'CK2026-01B'],
    })
    const child = lotView({ id: 'CK2026-01A', quantity: 700, parents: ['CK2026-01'] })
    const doc = buildEpcisDocument(
      input({
        lot: child,
        events: [split, event({ bizStep: 'packing', time: '2026-03-05T00:00:00.000Z' })],
        lotGtins: { 'CK2026-01': GTIN, 'CK2026-01A': GTIN14, 'CK2026-01B': '8935049500025' },
      }),
    )
    expectValid(doc)

    const t = doc.epcisBody.eventList[0]
    if (t?.type !== 'TransformationEvent') throw new Error('the split comes first')
    expect(t).not.toHaveProperty('action')
    expect(t.bizStep).toBe('commissioning')
    expect(t['zt:transformation']).toBe('split')
    expect(t.transformationID).toBe(t.eventID)
    expect(t.inputQuantityList).toEqual([{ epcClass: `https://id.gs1.org/01/${GTIN14}/10/CK2026-01` }])
    expect(t.outputQuantityList).toEqual([
      { epcClass: `https://id.gs1.org/01/${GTIN14}/10/CK2026-01A`, quantity: 700, uom: 'KGM' },
      { epcClass: 'https://id.gs1.org/01/08935049500025/10/CK2026-01B' },
    ])
    // The split brings this lot into being, so it carries the lot master data; no harvest is invented.
    expect(t.ilmd?.['zt:growingArea']).toEqual(['VN-TV-TEST-01'])
    expect(doc.epcisBody.eventList.map((e) => e.bizStep)).toEqual(['commissioning', 'packing'])
  })

  it('exports a merge consumed by this lot without claiming its master data for the merged lot', () => {
    const merge = event({
      type: 'TransformationEvent',
      bizStep: 'transforming',
      time: '2026-03-05T03:00:00.000Z',
      inputLots: ['CK2026-01', 'CK2026-02'],
      outputLots: ['CK2026-M'],
    })
    const doc = buildEpcisDocument(
      input({
        events: [lifecycle[0] as LotEvent, merge],
        lotGtins: { 'CK2026-02': GTIN, 'CK2026-M': GTIN },
      }),
    )
    expectValid(doc)
    const t = doc.epcisBody.eventList.find((e) => e.type === 'TransformationEvent')
    expect(t?.['zt:transformation']).toBe('merge')
    expect(t?.ilmd).toBeUndefined()
    expect(() => buildEpcisDocument(input({ events: [merge] }))).toThrow(/no GTIN given for lot CK2026-02/)
  })

  it('exports a recalled lot with a recall event that keeps the lot recalled, valid', () => {
    const lot = lotView({
      disposition: 'recalled',
      recalledAt: '2026-03-10T04:00:00.000Z',
      recallReason: 'Dư lượng',
    })
    const doc = buildEpcisDocument(input({ lot, events: lifecycle, evidence }))
    expectValid(doc)
    const recall = doc.epcisBody.eventList.at(-1) as EpcisObjectEvent
    expect(recall).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'holding',
      disposition: 'recalled',
      persistentDisposition: { set: ['recalled'] },
      eventTime: '2026-03-10T04:00:00.000Z',
      quantityList: [{ epcClass: LOT_CLASS, quantity: 1200, uom: 'KGM' }],
      'zt:recallReason': 'Dư lượng',
    })
    // A recall already recorded as an event is not stated twice.
    const recorded = event({
      bizStep: 'inspecting',
      time: '2026-03-10T04:00:00.000Z',
      disposition: 'recalled',
    })
    const again = buildEpcisDocument(input({ lot, events: [...lifecycle, recorded] }))
    expect(again.epcisBody.eventList.filter((e) => e.disposition === 'recalled')).toHaveLength(1)
  })

  it('exports a lot with no events, no evidence and no certificates, valid, with its harvest stated', () => {
    const doc = buildEpcisDocument(
      input({ areas: [{ ...area, certifications: [] }], lot: lotView({ grownFrom: null }) }),
    )
    expectValid(doc)
    expect(doc.epcisBody.eventList).toHaveLength(1)
    const harvest = doc.epcisBody.eventList[0] as EpcisObjectEvent
    expect(harvest).toMatchObject({
      action: 'ADD',
      bizStep: 'commissioning',
      eventTime: '2026-03-03T10:00:00.000Z',
    })
    expect(harvest.certificationInfo).toBeUndefined()
    expect(harvest.ilmd).not.toHaveProperty('zt:certification')
    expect(harvest.ilmd).not.toHaveProperty('zt:growingStart')
  })

  it('is a JSON-LD document with the EPCIS context and our zt: namespace, and only known prefixes', () => {
    const doc = buildEpcisDocument(input({ baseUrl: `${BASE}/`, events: lifecycle, evidence }))
    expect(doc['@context']).toEqual([EPCIS_CONTEXT_URL, { zt: `${BASE}/voc/` }])
    expect(doc).toMatchObject({
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-04-01T00:00:00.000Z',
    })
    // Every compact key must use a prefix the context binds: zt here, gs1 and cbvmda in the EPCIS context.
    const prefixes = new Set<string>()
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk)
      else if (v !== null && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          if (k.includes(':')) prefixes.add(k.slice(0, k.indexOf(':')))
          walk(child)
        }
      }
    }
    walk(doc.epcisBody)
    expect([...prefixes].sort()).toEqual(['cbvmda', 'gs1', 'zt'])
    // The validator is not vacuous: a bizStep CBV does not define is refused.
    const broken = structuredClone(doc)
    const first = broken.epcisBody.eventList[0]
    if (first !== undefined) first.bizStep = 'transforming'
    expect(validate(broken)).toBe(false)
  })

  it('gives the same eventIDs on every export, and distinct ones within a document', () => {
    const lot = lotView({ disposition: 'recalled', recalledAt: '2026-03-10T04:00:00.000Z' })
    const ids = (now: string) =>
      buildEpcisDocument(
        input({ lot, events: lifecycle, evidence, now: new Date(now) }),
      ).epcisBody.eventList.map((e) => e.eventID)
    const first = ids('2026-04-01T00:00:00.000Z')
    expect(ids('2027-01-01T00:00:00.000Z')).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
    // Changed evidence is a different fact, so it gets a different eventID.
    const changed = buildEpcisDocument(
      input({ lot, events: lifecycle, evidence: { ...evidence, alerts: 4 } }),
    )
    expect(changed.epcisBody.eventList.map((e) => e.eventID)).not.toEqual(first)
  })

  it('percent-encodes unusual lot characters in the Digital Link and the rawData link', () => {
    const lot = lotView({ id: "CK/26+01&(A)'" })
    const doc = buildEpcisDocument(input({ lot, evidence }))
    expectValid(doc)
    const sensing = byStep(doc, 'sensor_reporting') as EpcisObjectEvent
    expect(sensing.quantityList[0]?.epcClass).toBe(
      `https://id.gs1.org/01/${GTIN14}/10/CK%2F26%2B01%26%28A%29%27`,
    )
    expect(sensing.sensorElementList?.[0]?.sensorMetadata.rawData).toBe(
      `${BASE}/api/v1/lots/CK%2F26%2B01%26(A)'/evidence`,
    )
  })
})
