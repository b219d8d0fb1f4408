// What the server hands the <zone-map> island inline (a <script type="application/json"> child), one request
// fewer than fetching it. Types only: the console route builds it (dashboards/src/pages/area-map.ts).
import type { Severity } from '@zonetrace/contracts'

export interface ZoneMapArea {
  code: string
  name: string
  /** In the page's language. */
  crop: string
  /** Today's commune, with the former name when it changed. */
  commune: string
  href: string
  /** GeoJSON Polygon or MultiPolygon in CRS84 (longitude first); null when the registry has none. */
  polygon: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null
  /** Each open live alert of the area by id: the worst is the area's colour, and the stream keeps it current. */
  open: Record<string, Severity>
}

export interface ZoneMapGateway {
  id: string
  zone: string
  online: boolean
}

export interface ZoneMapText {
  severity: Record<Severity, string>
  noAlert: string
  legend: string
  gatewayOnline: string
  gatewayOffline: string
  crop: string
  commune: string
  gateways: string
  openArea: string
  outlineAttribution: string
}

export interface ZoneMapData {
  areas: ZoneMapArea[]
  gateways: ZoneMapGateway[]
  /** A raster basemap (MAP_TILES_URL); null draws the areas over the bundled Natural Earth land outline. */
  tiles: { url: string; attribution: string } | null
  text: ZoneMapText
}
