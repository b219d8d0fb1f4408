// What lies under every map of the platform: the operator's tile server when MAP_TILES_URL names one, or
// else the bundled Natural Earth outline of the Delta, so no page makes a third-party request by default.
import L from 'leaflet'
import outline from '../data/mekong-outline.json' with { type: 'json' }
import { LAND_STYLE, textOnly } from './zone-map-style.ts'

export interface BasemapData {
  tiles: { url: string; attribution: string } | null
  /** The outline's credit, in the page's language. */
  outlineAttribution: string
}

export function addBasemap(map: L.Map, data: BasemapData): void {
  if (data.tiles) {
    L.tileLayer(data.tiles.url, { attribution: textOnly(data.tiles.attribution), maxZoom: 19 }).addTo(map)
  } else {
    L.geoJSON(outline as GeoJSON.Feature, { interactive: false, style: LAND_STYLE }).addTo(map)
    map.attributionControl.addAttribution(textOnly(data.outlineAttribution))
  }
}

/** The bounds of the bundled outline: the whole Delta, for a map with nothing of its own to frame. */
export function deltaBounds(): L.LatLngBounds {
  return L.geoJSON(outline as GeoJSON.Feature).getBounds()
}
