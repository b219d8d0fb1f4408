// <public-map>: the citizen's map at `/` and `/ban-do` (issue 17). Every public growing area in the colour of
// its state today, and a tap opens a panel with its facts and its key metric's last 30 days. The areas and
// the water come from the public OGC API (`/ogc/collections/…/items`), the same answers QGIS or GDAL get, so
// the page proves the interface; only the words arrive inline. The server's list of areas under the map
// stays the accessible view, and the island adds to each row a button that opens the same panel.
import type { AreaState } from '@zonetrace/contracts'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { html, LitElement, nothing, type TemplateResult } from 'lit'
import { numberText } from './lib/day-chart.ts'
import type { PublicMapData } from './lib/public-map-data.ts'
import { type AreaFeature, fetchWater, vnDay, type Water, waterChart } from './lib/public-map-water.ts'
import { COLOURS, type Level, outlineWeight } from './lib/zone-map-style.ts'
import './lib/level-swatches.css'
import { addBasemap, deltaBounds } from './lib/basemap.ts'
import './public-map.css'

const STATES: readonly AreaState[] = ['ok', 'warning', 'minor', 'major', 'critical']
const levelOf = (state: AreaState): Level => (state === 'ok' ? 'none' : state)
class PublicMap extends LitElement {
  private data: PublicMapData | null = null
  private map: L.Map | null = null
  private areas: AreaFeature[] = []
  private readonly shapes = new Map<string, L.GeoJSON>()
  private selected: AreaFeature | null = null
  private water: Water | null = null
  private problem = ''
  /** Where focus goes back to when the panel closes: the list's button, or the map. */
  private opener: HTMLElement | null = null

  // Light DOM, so the page's stylesheet and Leaflet's apply.
  override createRenderRoot() {
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    const json = this.querySelector('script[type="application/json"]')?.textContent
    this.data = json ? (JSON.parse(json) as PublicMapData) : null
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.map?.remove()
    this.map = null
  }

  override render() {
    const t = this.data?.text
    if (!t) return nothing
    return html`<div class="pm-layout"><div class="pm-canvas" aria-label="${t.mapLabel}"></div>${this.panel()}</div>
<ul class="pm-legend" aria-label="${t.legend}">${STATES.map(
      (s) => html`<li><span class="swatch lv-${levelOf(s)}"></span>${t.state[s]}</li>`,
    )}</ul>${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}`
  }

  override async firstUpdated() {
    const data = this.data
    const canvas = this.querySelector<HTMLElement>('.pm-canvas')
    if (!data || !canvas) return
    // The wheel scrolls the page, not the map: a reader scrolling to the list must not zoom by accident.
    const map = L.map(canvas, { scrollWheelZoom: false, zoomSnap: 0.5 })
    this.map = map
    addBasemap(map, { tiles: data.tiles, outlineAttribution: data.text.outlineAttribution })
    map.fitBounds(deltaBounds())
    map.on('zoomend', () => this.restyleAll())
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.selected) this.close()
    })
    try {
      this.areas = await this.fetchAreas()
    } catch {
      this.problem = data.text.loadFailed
      this.requestUpdate()
      return
    }
    this.draw(map)
    this.upgradeList()
  }

  private async fetchAreas(): Promise<AreaFeature[]> {
    const res = await fetch('/ogc/collections/growing-areas/items?f=json&limit=10000', {
      headers: { accept: 'application/geo+json' },
    })
    if (!res.ok) throw new Error(`growing-areas: ${res.status}`)
    return ((await res.json()) as { features: AreaFeature[] }).features
  }

  private draw(map: L.Map) {
    const bounds = L.latLngBounds([])
    for (const area of this.areas) {
      if (!area.geometry) continue
      const shape = L.geoJSON(area.geometry, { style: () => this.styleOf(area) })
      shape.on('click', () => this.open(area, null))
      this.shapes.set(area.id, shape)
      bounds.extend(shape.getBounds())
      shape.addTo(map)
      // Names the drawn path after its area, for whoever inspects the page (and the browser walk).
      shape.eachLayer((layer) => (layer as L.Path).getElement()?.setAttribute('data-area', area.id))
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 })
  }

  private styleOf(area: AreaFeature): L.PathOptions {
    const { fill, stroke } = COLOURS[levelOf(area.properties.state)]
    // The chosen area grows a thicker outline in its own colour: black would hide what state it is in.
    const chosen = this.selected?.id === area.id
    return {
      color: stroke,
      weight: outlineWeight(this.map?.getZoom() ?? 10) + (chosen ? 6 : 0),
      lineJoin: 'round',
      fillColor: fill,
      fillOpacity: 0.9,
    }
  }

  private restyleAll() {
    for (const area of this.areas) this.shapes.get(area.id)?.setStyle(this.styleOf(area))
  }

  /** A button in each row of the server's list opens the same panel: the keyboard's way into it. */
  private upgradeList() {
    const t = this.data!.text
    for (const row of document.querySelectorAll<HTMLElement>('[data-area-row]')) {
      const area = this.areas.find((a) => a.id === row.dataset.areaRow)
      const cell = row.querySelector('[data-area-actions]')
      if (!area || !cell || !area.geometry) continue
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'pm-show'
      button.textContent = t.showOnMap
      button.setAttribute('aria-label', `${t.showOnMap}: ${area.id}`)
      button.addEventListener('click', () => {
        this.map?.fitBounds(this.shapes.get(area.id)!.getBounds(), { maxZoom: 14 })
        this.open(area, button)
      })
      cell.append(button)
    }
  }

  private async open(area: AreaFeature, opener: HTMLElement | null) {
    const previous = this.selected
    this.selected = area
    this.opener = opener
    if (previous) this.shapes.get(previous.id)?.setStyle(this.styleOf(previous))
    const shape = this.shapes.get(area.id)
    shape?.setStyle(this.styleOf(area))
    // From 900 px the panel floats over the map's right side: keep the chosen area in sight beside it.
    if (shape && matchMedia('(min-width: 900px)').matches)
      this.map?.panInside(shape.getBounds().getCenter(), {
        paddingBottomRight: [410, 20],
        paddingTopLeft: [20, 20],
      })
    this.water = null
    this.requestUpdate()
    await this.updateComplete
    this.querySelector<HTMLElement>('.pm-panel h2')?.focus()
    const metric = area.properties.keyMetric
    if (!metric) return
    this.water = { code: area.id, status: 'loading' }
    this.requestUpdate()
    this.water = await fetchWater(area.id, metric)
    if (this.selected?.id === area.id) this.requestUpdate()
  }

  private close() {
    const previous = this.selected
    this.selected = null
    this.water = null
    if (previous) this.shapes.get(previous.id)?.setStyle(this.styleOf(previous))
    this.requestUpdate()
    const back = this.opener ?? this.querySelector<HTMLElement>('.pm-canvas')
    this.opener = null
    back?.focus()
  }

  private panel(): TemplateResult | typeof nothing {
    const area = this.selected
    const data = this.data!
    const t = data.text
    if (!area) return nothing
    const p = area.properties
    const commune = p.communeName ?? p.registeredCommuneCode
    const today = vnDay(0)
    return html`<section class="pm-panel" role="dialog" aria-labelledby="pm-panel-title">
<button type="button" class="pm-close" aria-label="${t.close}" @click=${() => this.close()}>×</button>
<h2 id="pm-panel-title" tabindex="-1">${p.code}</h2>
<p class="pm-name">${p.name}</p>
<p><span class="swatch lv-${levelOf(p.state)}"></span> <strong>${t.state[p.state]}</strong></p>
<dl>
<dt>${t.crop}</dt><dd>${data.crops[p.crop] ?? p.crop.replace(/_/g, ' ')}</dd>
<dt>${t.commune}</dt><dd>${commune}${p.communeFormerName ? html` (${t.formerly}: ${p.communeFormerName})` : nothing}</dd>
${p.cooperative ? html`<dt>${t.cooperative}</dt><dd>${p.cooperative}</dd>` : nothing}
${p.areaHa !== null ? html`<dt>${t.areaHa}</dt><dd>${numberText(data.lang, p.areaHa, 2)}\u00a0ha</dd>` : nothing}
<dt>${t.certifications}</dt><dd>${
      p.certifications.length === 0
        ? t.noCertifications
        : html`<ul class="pm-certs">${p.certifications.map(
            (c) =>
              html`<li>${c.scheme} ${c.certificateNo}, ${t.validTo} ${dayText(c.validTo)}${c.validTo < today ? html` <strong class="expired">(${t.expired})</strong>` : nothing}</li>`,
          )}</ul>`
    }</dd>
</dl>
${waterChart(data, area, this.water)}
</section>`
  }
}

/** YYYY-MM-DD as dd/mm/yyyy, without passing through a time zone. */
function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day
}

customElements.define('public-map', PublicMap)
