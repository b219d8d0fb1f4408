// Repository rows → the published features (contracts/src/open/features.ts). Pure, so the OGC routes, the
// downloads job and the tests build the same features from the same rows.
import {
  type AreaGeometry,
  type AreaState,
  centreOf,
  type DailyWaterProperties,
  type Feature,
  type GrowingAreaProperties,
  isMetric,
  isPresetId,
  keyMetricOf,
  METRICS,
  type PointGeometry,
  type StationProperties,
} from '@zonetrace/contracts'
import type { DailyWaterRow, PublicAreaRow, PublicStationRow } from '@zonetrace/db'

export type AreaFeature = Feature<GrowingAreaProperties, AreaGeometry>
export type StationFeature = Feature<StationProperties, PointGeometry>
export type DailyWaterFeature = Feature<DailyWaterProperties, PointGeometry>

export function areaFeature(row: PublicAreaRow): AreaFeature {
  const preset = row.thresholdPreset !== null && isPresetId(row.thresholdPreset) ? row.thresholdPreset : null
  return {
    type: 'Feature',
    id: row.code,
    geometry: row.polygon,
    properties: {
      code: row.code,
      name: row.name,
      crop: row.crop,
      kind: row.kind,
      areaHa: row.areaHa,
      communeCode: row.communeCode,
      communeName: row.communeName,
      communeFormerName: row.communeFormerName,
      registeredCommuneCode: row.registeredCommuneCode,
      cooperative: row.cooperative,
      certifications: row.certifications,
      thresholdPreset: preset,
      keyMetric: keyMetricOf(row.kind, preset),
      state: row.state as AreaState,
      updated: new Date(row.updated).toISOString(),
    },
  }
}

/** The point standing for an area in the station and daily-water collections. */
export function areaPoint(area: AreaFeature): PointGeometry | null {
  const centre = area.geometry && centreOf(area.geometry)
  return centre ? { type: 'Point', coordinates: centre } : null
}

export function stationFeature(row: PublicStationRow, area: AreaFeature | undefined): StationFeature {
  const fallback = area ? areaPoint(area) : null
  return {
    type: 'Feature',
    id: row.id,
    geometry: row.position ?? fallback,
    properties: {
      id: row.id,
      areaCode: row.areaCode,
      positionSource: row.position ? 'surveyed' : 'area',
      metrics: [...new Set(row.sensors.map((s) => s.metric))],
      sensors: row.sensors,
      online: row.online,
      lastSeenAt: row.lastSeenAt ? new Date(row.lastSeenAt).toISOString() : null,
    },
  }
}

/** Feature ids of daily-water rows: the keyset itself, joined by `~` (never in an area code or a day). */
export function dailyWaterId(row: { day: string; areaCode: string; metric: string }): string {
  return `${row.day}~${row.areaCode}~${row.metric}`
}

export function dailyWaterFeature(row: DailyWaterRow, area: AreaFeature | undefined): DailyWaterFeature {
  const hasLimit = row.limitMin !== null || row.limitMax !== null
  return {
    type: 'Feature',
    id: dailyWaterId(row),
    geometry: area ? areaPoint(area) : null,
    properties: {
      areaCode: row.areaCode,
      communeCode: area?.properties.communeCode ?? null,
      day: row.day,
      metric: row.metric,
      unit: isMetric(row.metric) ? METRICS[row.metric].unit : '',
      count: row.count,
      min: row.min,
      mean: row.mean === null ? null : round4(row.mean),
      max: row.max,
      within: row.within,
      withinShare: row.count > 0 && hasLimit ? round4(row.within / row.count) : null,
      limitMin: row.limitMin,
      limitMax: row.limitMax,
    },
  }
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4
