// The shapes traceability passes between the database, the API, the EPCIS export and the consumer page;
// lots, their events, products and growing areas are defined once in ./resources/. Plain data only (ISO
// strings for instants, YYYY-MM-DD for dates) so each side can be tested alone.
import type { Metric } from './metrics.ts'
import type { PublicLot } from './resources/lot.ts'
import type { LotEvent } from './resources/lot-event.ts'
import type { PublicProduct } from './resources/product.ts'
import type { ScanSummary } from './resources/scan.ts'
import type { AreaView } from './resources/zone.ts'

/** Decision 148/QĐ-TTg (2023): the six OCOP product groups. */
export const OCOP_GROUPS = ['food', 'drinks', 'herbal', 'handicrafts', 'ornamental', 'tourism'] as const
export type OcopGroup = (typeof OCOP_GROUPS)[number]

export const CERTIFICATION_SCHEMES = ['vietgap', 'globalgap', 'organic'] as const
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number]

/** CBV 2.0 business steps a lot goes through here; `commissioning` is the harvest (CBV has no "harvesting"). */
export const LOT_BIZ_STEPS = ['commissioning', 'inspecting', 'packing', 'shipping', 'receiving'] as const
export type LotBizStep = (typeof LOT_BIZ_STEPS)[number]

/** CBV 2.0 dispositions a lot can carry. */
export const LOT_DISPOSITIONS = ['active', 'in_progress', 'conformant', 'non_conformant', 'recalled'] as const
export type LotDisposition = (typeof LOT_DISPOSITIONS)[number]

export interface EvidencePoint {
  /** Bucket start, ISO */
  t: string
  mean: number
  min: number
  max: number
}

export interface EvidenceMetric {
  metric: Metric
  unit: string
  count: number
  min: number | null
  max: number | null
  mean: number | null
  /** Limits of the areas' preset for this metric, or null when the preset sets none. */
  limits: { min: number | null; max: number | null; standard: string } | null
  /** Share (0–1) of readings inside the limits; null without limits or readings. */
  withinShare: number | null
  /** Share (0–1) of hours in the window with at least one reading. */
  coverage: number
  /** At most ~60 points across the window, for a small chart. */
  series: EvidencePoint[]
}

/** The measured record of a lot's growing areas over its growing window. */
export interface SensorEvidence {
  /** ISO instants of the window. */
  from: string
  to: string
  areaCodes: string[]
  /** Threshold alerts opened in those areas during the window. */
  alerts: number
  /** Share (0–1) of hours in the window with any reading at all. */
  coverage: number
  /** `rollup` when an hourly continuous aggregate answered, `raw` otherwise. */
  source: 'rollup' | 'raw'
  metrics: EvidenceMetric[]
}

/** Why a label is or is not trustworthy, first problem wins, in this order. */
export const LABEL_VERDICTS = [
  'authentic',
  'unsigned',
  'bad_signature',
  'unknown_key',
  'recalled',
  'ocop_expired',
] as const
export type LabelVerdictReason = (typeof LABEL_VERDICTS)[number]

/** Why a serial looks cloned: scanned too often, or in two places too far apart for the time between. */
export const CLONE_FLAGS = ['too_many_scans', 'impossible_travel'] as const
export type CloneFlag = (typeof CLONE_FLAGS)[number]

/** Everything a scan shows: the consumer page renders it, the JSON resolver returns it. */
export interface ConsumerView {
  authentic: boolean
  reason: LabelVerdictReason
  gtin: string
  lot: string
  serial: string
  product: PublicProduct
  cooperative: { id: string; name: string }
  lotInfo: PublicLot
  areas: AreaView[]
  timeline: LotEvent[]
  evidence: SensorEvidence | null
  scans: ScanSummary
  links: { self: string; epcis: string; jwks: string; feedback: string; linkset: string }
}
