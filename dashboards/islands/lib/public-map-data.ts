// What the server hands the <public-map> island inline: only the words, the basemap and the metrics'
// names and units. The areas and their water come from the public OGC API, as any outside tool reads them,
// so the page itself proves the interface. Types only: the page (dashboards/src/public-map/) builds it.
import type { AreaState } from '@zonetrace/contracts'

export interface PublicMapText {
  /** Each state in words, for the legend and the panel: colour is never the only sign. */
  state: Record<AreaState, string>
  legend: string
  mapLabel: string
  close: string
  crop: string
  commune: string
  formerly: string
  cooperative: string
  areaHa: string
  certifications: string
  noCertifications: string
  validTo: string
  expired: string
  /** With {metric}: "{metric} trong 30 ngày qua". */
  chartTitle: string
  /** With {days}, {mean}, {lowest} and {highest}: the chart's description for a screen reader. */
  chartDesc: string
  chartKeyMean: string
  chartKeyBand: string
  chartKeyLimit: string
  noWater: string
  noKeyMetric: string
  loadFailed: string
  showOnMap: string
  outlineAttribution: string
}

export interface PublicMapMetric {
  /** In the page's language. */
  label: string
  /** As a reader writes it: ‰, mg/L, °C; empty for pH, which is its own unit. */
  unit: string
  decimals: number
}

export interface PublicMapData {
  lang: 'vi' | 'en'
  /** Crop and species ids in the page's language; an unknown id is shown as written. */
  crops: Record<string, string>
  metrics: Record<string, PublicMapMetric>
  /** A raster basemap (MAP_TILES_URL); null draws the areas over the bundled Natural Earth land outline. */
  tiles: { url: string; attribution: string } | null
  text: PublicMapText
}
