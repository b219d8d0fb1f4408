// The shapes of the EPCIS 2.0 JSON-LD export (EPCIS 2.0 §9 JSON binding; field names as in
// /work/shared/standards/epcis-2.0-json-schema.json). Extension fields live under the `zt:` prefix, which
// the document's @context binds to `{PUBLIC_BASE_URL}/voc/`; the schema accepts any URI-shaped key there.
import type { AreaView, LotEvent, PublicLot, PublicProduct, SensorEvidence } from '@zonetrace/contracts'

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'

export interface EpcisInput {
  /** PUBLIC_BASE_URL, e.g. https://trace.example.vn */
  baseUrl: string
  /** creationDate and every event's recordTime. */
  now: Date
  lot: PublicLot
  product: PublicProduct
  areas: AreaView[]
  /** All events of this lot, including TransformationEvents that consumed or produced it. */
  events: LotEvent[]
  /** GTIN of every lot named in the events' inputLots/outputLots; this lot falls back to product.gtin. */
  lotGtins: Record<string, string>
  evidence: SensorEvidence | null
}

/** Extension members: compact IRIs under our own namespace. */
export type Extensions = { [key: `zt:${string}`]: unknown }

export interface QuantityElement {
  /** Class-level GS1 Digital Link of a lot: https://id.gs1.org/01/{gtin14}/10/{lot} */
  epcClass: string
  quantity?: number
  /** UN/ECE Recommendation 20 code */
  uom?: string
}

/** Instance/lot master data; every key is a compact IRI (cbvmda:, gs1:, zt:). */
export type Ilmd = { [key: `${string}:${string}`]: unknown }

export interface SensorMetadata extends Extensions {
  startTime?: string
  endTime?: string
  rawData?: string
  dataProcessingMethod?: string
  bizRules?: string
}

export interface SensorReport extends Extensions {
  /** A CBV measurement type (`Temperature`, …) or an extension type IRI (`zt:pH`, …). */
  type: string
  uom?: string
  minValue?: number
  maxValue?: number
  meanValue?: number
}

export interface SensorElement {
  sensorMetadata: SensorMetadata
  sensorReport: SensorReport[]
}

interface EventCommon extends Extensions {
  eventID: string
  eventTime: string
  eventTimeZoneOffset: string
  recordTime?: string
  bizStep?: string
  disposition?: string
  persistentDisposition?: { set?: string[]; unset?: string[] }
  readPoint?: { id: string }
  bizLocation?: { id: string }
  certificationInfo?: string[]
  ilmd?: Ilmd
}

export interface EpcisObjectEvent extends EventCommon {
  type: 'ObjectEvent'
  action: 'ADD' | 'OBSERVE'
  quantityList: QuantityElement[]
  sensorElementList?: SensorElement[]
}

export interface EpcisTransformationEvent extends EventCommon {
  type: 'TransformationEvent'
  transformationID: string
  inputQuantityList?: QuantityElement[]
  outputQuantityList?: QuantityElement[]
}

export type EpcisEvent = EpcisObjectEvent | EpcisTransformationEvent

export interface EpcisDocument {
  '@context': [typeof EPCIS_CONTEXT_URL, { zt: string }]
  type: 'EPCISDocument'
  schemaVersion: '2.0'
  creationDate: string
  epcisBody: { eventList: EpcisEvent[] }
}
