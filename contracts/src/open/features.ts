// The open-data features (issue 17): what `/ogc` publishes for each collection, the downloads carry, and the
// public map reads. Flat properties where a GIS tool or a spreadsheet would want columns; no personal data,
// no secrets, no alert details, no scan positions. See docs/open-data.md.
import type { Metric } from '../metrics.ts'
import type { PresetId, Severity } from '../thresholds.ts'

export const COLLECTION_IDS = ['growing-areas', 'stations', 'daily-water'] as const
export type CollectionId = (typeof COLLECTION_IDS)[number]

/** `ok`, or the worst open alert's severity (nothing else of the alert is published). */
export type AreaState = 'ok' | Severity
export const AREA_STATES: readonly AreaState[] = ['ok', 'warning', 'minor', 'major', 'critical']

export interface PublicCertification {
  scheme: string
  certificateNo: string
  /** YYYY-MM-DD: valid through this day. */
  validTo: string
}

export interface GrowingAreaProperties {
  code: string
  name: string
  /** Crop or species: coconut, pomelo, shrimp, … */
  crop: string
  kind: string
  areaHa: number | null
  /** The commune in force today (after the July 2025 reform) and the name the area was registered under. */
  communeCode: string | null
  communeName: string | null
  communeFormerName: string | null
  /** The commune code the area was registered under, which may be a pre-2025 code. */
  registeredCommuneCode: string
  cooperative: string | null
  certifications: PublicCertification[]
  thresholdPreset: PresetId | null
  /** The metric the map charts for this area (the one its harvest depends on most). */
  keyMetric: Metric | null
  state: AreaState
  /** ISO instant the record last changed. */
  updated: string
}

export interface StationSensor {
  id: string
  metric: string
  unit: string
}

export interface StationProperties {
  /** The gateway's id. */
  id: string
  areaCode: string
  /** `surveyed`: the gateway's recorded position; `area`: it has none, so the area's centre stands in. */
  positionSource: 'surveyed' | 'area'
  metrics: string[]
  sensors: StationSensor[]
  online: boolean
  lastSeenAt: string | null
}

export interface DailyWaterProperties {
  areaCode: string
  communeCode: string | null
  /** Vietnamese calendar day (UTC+7), YYYY-MM-DD. */
  day: string
  metric: string
  unit: string
  /** Good readings that day. */
  count: number
  min: number | null
  mean: number | null
  max: number | null
  /** Readings within the area's limits that day. */
  within: number
  /** within / count, null without readings or without a limit for the metric. */
  withinShare: number | null
  limitMin: number | null
  limitMax: number | null
}

export type Position = [number, number]
export type PointGeometry = { type: 'Point'; coordinates: Position }
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

export interface Feature<P, G = PointGeometry | AreaGeometry> {
  type: 'Feature'
  id: string
  geometry: G | null
  properties: P
}

export interface OgcLink {
  href: string
  rel: string
  type?: string
  title?: string
  hreflang?: string
}

export interface FeatureCollection<P, G = PointGeometry | AreaGeometry> {
  type: 'FeatureCollection'
  features: Feature<P, G>[]
  timeStamp: string
  numberMatched: number
  numberReturned: number
  links: OgcLink[]
}
