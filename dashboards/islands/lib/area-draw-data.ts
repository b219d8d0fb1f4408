// What the server gives <area-draw> inline (dashboards/src/workspace/pages/area-edit.ts): which inputs it
// upgrades, the basemap and its words. Types only: both sides import it.

export interface AreaDrawData {
  /** The textarea holding the outline as GeoJSON: the form posts it, the island writes it. */
  polygonId: string
  /** The stated-hectares input the drawn area is compared with. */
  areaHaId: string
  tiles: { url: string; attribution: string } | null
  lang: 'vi' | 'en'
  text: {
    region: string
    help: string
    undo: string
    clear: string
    walk: string
    stopWalk: string
    addHere: string
    accuracy: string
    noGps: string
    gpsDenied: string
    gpsWaiting: string
    corners: string
    area: string
    ok: string
    outlineAttribution: string
  }
}
