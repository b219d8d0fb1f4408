// <zone-map>: the officer's map above the list of areas (ADR 0010). Every growing area is a polygon in the
// colour of its worst open alert, gateways are dots with their state, and a tap opens the area's facts and
// link. The data comes inline from the server; the live alert stream then keeps the colours, and the list's
// severity cells, current without a reload. The list below stays the accessible view of the same areas.
import type { AlertEvent } from '@zonetrace/contracts'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { html, LitElement, render } from 'lit'
import { listenToAlerts } from './lib/alert-stream.ts'
import type { ZoneMapArea, ZoneMapData } from './lib/zone-map-data.ts'
import { COLOURS, GATEWAY_STYLE, LEVELS, type Level, outlineWeight, worstOf } from './lib/zone-map-style.ts'
import './lib/level-swatches.css'
import { addBasemap } from './lib/basemap.ts'
import './zone-map.css'

class ZoneMap extends LitElement {
  private data: ZoneMapData | null = null
  private map: L.Map | null = null
  private readonly shapes = new Map<string, L.GeoJSON>()
  private stopListening: (() => void) | null = null

  // Light DOM, so the console's stylesheet (the .sev badges) and Leaflet's apply.
  override createRenderRoot() {
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    const json = this.querySelector('script[type="application/json"]')?.textContent
    this.data = json ? (JSON.parse(json) as ZoneMapData) : null
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.stopListening?.()
    this.map?.remove()
    this.map = null
  }

  override render() {
    const t = this.data?.text
    if (!t) return html``
    return html`<div class="zone-map-canvas"></div>
<ul class="zone-map-legend" aria-label="${t.legend}">${LEVELS.map(
      (level) =>
        html`<li><span class="swatch lv-${level}"></span>${level === 'none' ? t.noAlert : t.severity[level]}</li>`,
    )}<li><span class="dot online"></span>${t.gatewayOnline}</li><li><span class="dot offline"></span>${t.gatewayOffline}</li></ul>`
  }

  override firstUpdated() {
    const data = this.data
    const canvas = this.querySelector<HTMLElement>('.zone-map-canvas')
    if (!data || !canvas) return
    // The wheel scrolls the page, not the map: an officer scrolling to the list must not zoom by accident.
    const map = L.map(canvas, { scrollWheelZoom: false, zoomSnap: 0.5 })
    this.map = map
    // The shapes first, unattached: the map needs its view before anything is drawn on it.
    const bounds = L.latLngBounds([])
    for (const area of data.areas) {
      if (!area.polygon) continue
      const shape = L.geoJSON(area.polygon as GeoJSON.GeometryObject, {
        style: () => this.styleOf(area),
      })
      shape.bindPopup(() => this.popup(area))
      this.shapes.set(area.code, shape)
      bounds.extend(shape.getBounds())
    }
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 })
    addBasemap(map, { tiles: data.tiles, outlineAttribution: data.text.outlineAttribution })
    for (const [code, shape] of this.shapes) {
      shape.addTo(map)
      // Names the drawn path after its area, for whoever inspects the page (and the browser walk).
      shape.eachLayer((layer) => (layer as L.Path).getElement()?.setAttribute('data-area', code))
    }
    // A gateway has no coordinates of its own (the gateways table has none): it is drawn at the centre of
    // the area its sensors belong to (gateways.zone_code). Not interactive: a tap reaches the area, whose
    // popup lists its gateways.
    for (const gw of data.gateways) {
      const shape = this.shapes.get(gw.zone)
      if (!shape) continue
      L.circleMarker(shape.getBounds().getCenter(), {
        ...(gw.online ? GATEWAY_STYLE.online : GATEWAY_STYLE.offline),
        interactive: false,
      }).addTo(map)
    }
    map.on('zoomend', () => this.restyleAll())
    this.stopListening = listenToAlerts({
      onEvent: (event) => this.onAlert(event),
      // Too much was missed to replay: the page itself is the fresh state.
      onResync: () => location.reload(),
    })
  }

  private styleOf(area: ZoneMapArea): L.PathOptions {
    const { fill, stroke } = COLOURS[worstOf(area.open)]
    return {
      color: stroke,
      weight: outlineWeight(this.map?.getZoom() ?? 10),
      lineJoin: 'round',
      fillColor: fill,
      fillOpacity: 1,
    }
  }

  private restyleAll() {
    for (const area of this.data?.areas ?? []) this.shapes.get(area.code)?.setStyle(this.styleOf(area))
  }

  /** Any change to an alert says whether it is still open: an area's colour follows its open alerts only. */
  private onAlert({ alert }: AlertEvent) {
    const area = this.data?.areas.find((a) => a.code === alert.zone)
    if (!area) return
    if (alert.state === 'active' && !alert.historical) area.open[String(alert.id)] = alert.severity
    else delete area.open[String(alert.id)]
    this.shapes.get(area.code)?.setStyle(this.styleOf(area))
    this.updateListCell(area)
  }

  /** The list's badge for the area, as the server renders it (pages/areas.ts severityBadge). */
  private updateListCell(area: ZoneMapArea) {
    const t = this.data!.text
    const cell = document.querySelector(`td[data-severity-of="${CSS.escape(area.code)}"]`)
    if (!cell) return
    const level: Level = worstOf(area.open)
    const badge = document.createElement('span')
    badge.className = `sev sev-${level}`
    badge.textContent = level === 'none' ? t.noAlert : t.severity[level]
    // Built by hand, not with lit's render: the cell's first content is the server's, not lit's.
    cell.replaceChildren(badge)
    if (level !== 'none') cell.append(` × ${Object.keys(area.open).length}`)
  }

  private popup(area: ZoneMapArea): HTMLElement {
    const t = this.data!.text
    const level = worstOf(area.open)
    const gateways = this.data!.gateways.filter((g) => g.zone === area.code)
    const box = document.createElement('div')
    box.className = 'zone-map-popup'
    render(
      html`<p><strong>${area.code}</strong><br>${area.name}</p>
<p>${t.crop}: ${area.crop}</p>
<p>${t.commune}: ${area.commune}</p>
<p><span class="sev sev-${level}">${level === 'none' ? t.noAlert : t.severity[level]}</span></p>
${
  gateways.length > 0
    ? html`<p>${t.gateways}:</p><ul>${gateways.map(
        (g) => html`<li>${g.id}: ${g.online ? t.gatewayOnline : t.gatewayOffline}</li>`,
      )}</ul>`
    : ''
}
<p><a class="zone-map-link" href="${area.href}">${t.openArea}</a></p>`,
      box,
    )
    return box
  }
}

customElements.define('zone-map', ZoneMap)
