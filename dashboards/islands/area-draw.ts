// <area-draw>: a map above the growing-area form's outline textarea (issue 16). Tap the corners, undo the
// last, clear, or walk the boundary with the phone's GPS (a corner every ~5 m moved, or on a button). The live
// area and the same problems the server would give show as you draw (contracts/src/geo/polygon-check.ts,
// bundled by path), and the outline is written into the textarea, which stays what the form posts.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { html, LitElement } from 'lit'
import {
  checkPolygonText,
  checkRing,
  formatHa,
  type LonLat,
  type PolygonCheck,
  readOutline,
} from '../../contracts/src/geo/polygon-check.ts'
import type { AreaDrawData } from './lib/area-draw-data.ts'
import { addBasemap } from './lib/basemap.ts'
import './area-draw.css'

/** A walker adds a corner once this far from the last: finer is GPS noise, coarser misses bends. */
const WALK_STEP_M = 5
/** Former Trà Vinh town, where most of the province's cooperatives are, when there is nothing to show. */
const START: L.LatLngTuple = [9.935, 106.345]
const OUTLINE_STYLE: L.PathOptions = { color: '#00703c', weight: 3, fillColor: '#cce2d8', fillOpacity: 0.5 }
const BAD_STYLE: L.PathOptions = { ...OUTLINE_STYLE, color: '#d4351c', fillColor: '#f4cdc6' }

class AreaDraw extends LitElement {
  private data: AreaDrawData | null = null
  private map: L.Map | null = null
  private shape: L.Path | null = null
  private readonly dots = L.layerGroup()
  private corners: LonLat[] = []
  private check: PolygonCheck = { polygon: null, areaHa: null, problems: [] }
  private watch: number | null = null
  private here: GeolocationPosition | null = null
  private gpsMessage = ''

  override createRenderRoot() {
    return this
  }

  private get textarea() {
    return document.getElementById(this.data?.polygonId ?? '') as HTMLTextAreaElement | null
  }

  private get statedHa(): number | null {
    const input = document.getElementById(this.data?.areaHaId ?? '') as HTMLInputElement | null
    const n = Number(input?.value.trim().replace(',', '.'))
    return input && input.value.trim() !== '' && n > 0 ? n : null
  }

  override connectedCallback() {
    super.connectedCallback()
    const json = this.querySelector('script[type="application/json"]')?.textContent
    this.data = json ? (JSON.parse(json) as AreaDrawData) : null
    const typed = this.textarea?.value ?? ''
    const read = typed.trim() === '' ? [] : readOutline(typed)
    this.corners = Array.isArray(read) ? withoutClosing(read) : []
    this.recheck(false)
    this.textarea?.addEventListener('input', this.onTyped)
    document.getElementById(this.data?.areaHaId ?? '')?.addEventListener('input', this.onStated)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.stopWalk()
    this.textarea?.removeEventListener('input', this.onTyped)
    document.getElementById(this.data?.areaHaId ?? '')?.removeEventListener('input', this.onStated)
    this.map?.remove()
    this.map = null
  }

  /** Typing in the textarea moves the drawing; the textarea is the source of truth. */
  private readonly onTyped = () => {
    const read = readOutline(this.textarea?.value ?? '')
    if (Array.isArray(read)) this.corners = withoutClosing(read)
    this.check = checkPolygonText(this.textarea?.value ?? '', this.statedHa)
    this.redraw()
    this.requestUpdate()
  }

  private readonly onStated = () => this.recheck(false)

  override render() {
    const t = this.data?.text
    if (!t) return html``
    const walking = this.watch !== null
    const fmt = (s: string, k: string, v: string) => s.replace(`{${k}}`, v)
    const lang = this.data!.lang
    return html`<p class="hint area-draw-help">${t.help}</p>
<div class="area-draw-canvas"></div>
<div class="area-draw-tools">
<button type="button" class="secondary" data-act="undo" ?disabled=${this.corners.length === 0} @click=${this.undo}>${t.undo}</button>
<button type="button" class="secondary" data-act="clear" ?disabled=${this.corners.length === 0} @click=${this.clear}>${t.clear}</button>
${
  walking
    ? html`<button type="button" data-act="here" @click=${this.addHere} ?disabled=${!this.here}>${t.addHere}</button>
<button type="button" class="warning" data-act="stop" @click=${this.stopWalk}>${t.stopWalk}</button>`
    : html`<button type="button" class="secondary" data-act="walk" @click=${this.startWalk}>${t.walk}</button>`
}
</div>
<div class="area-draw-status" role="status" aria-live="polite">
<p>${fmt(t.corners, 'n', String(this.corners.length))}${this.check.areaHa !== null ? html` · <strong>${fmt(t.area, 'ha', formatHa(this.check.areaHa, lang))}</strong>` : ''}${walking && this.here ? html` · ${fmt(t.accuracy, 'm', String(Math.round(this.here.coords.accuracy)))}` : ''}</p>
${this.gpsMessage ? html`<p class="field-error">${this.gpsMessage}</p>` : ''}
${
  this.check.problems.length > 0 && this.corners.length > 0
    ? html`<ul class="area-draw-problems">${this.check.problems.map((p) => html`<li>${p[lang]}</li>`)}</ul>`
    : this.check.polygon
      ? html`<p class="area-draw-ok">${t.ok}</p>`
      : ''
}
</div>`
  }

  override firstUpdated() {
    const data = this.data
    const canvas = this.querySelector<HTMLElement>('.area-draw-canvas')
    if (!data || !canvas) return
    // Taps draw: a double tap must add two corners, not zoom; the wheel scrolls the form, not the map.
    const map = L.map(canvas, { scrollWheelZoom: false, doubleClickZoom: false, zoomSnap: 0.5 })
    this.map = map
    addBasemap(map, { tiles: data.tiles, outlineAttribution: data.text.outlineAttribution })
    this.dots.addTo(map)
    if (this.corners.length > 0) {
      map.fitBounds(L.latLngBounds(this.corners.map(([lon, lat]) => [lat, lon])), {
        padding: [24, 24],
        maxZoom: 18,
      })
    } else map.setView(START, 15)
    map.on('click', (e: L.LeafletMouseEvent) => this.add([e.latlng.lng, e.latlng.lat]))
    this.redraw()
  }

  private add(corner: LonLat) {
    this.corners = [...this.corners, corner]
    this.recheck(true)
  }

  private undo = () => {
    this.corners = this.corners.slice(0, -1)
    this.recheck(true)
  }

  private clear = () => {
    this.corners = []
    this.recheck(true)
  }

  /** Checks the corners; `write` puts them into the textarea (not on load: what was typed stays). */
  private recheck(write: boolean) {
    this.check =
      this.corners.length === 0
        ? { polygon: null, areaHa: null, problems: [] }
        : checkRing(this.corners, this.statedHa)
    const textarea = this.textarea
    if (write && textarea) {
      // Fewer than three corners are no polygon yet: as "lat,lon" lines, the server says what is missing.
      textarea.value = this.check.polygon
        ? JSON.stringify(this.check.polygon)
        : this.corners.map(([lon, lat]) => `${lat},${lon}`).join('\n')
    }
    this.redraw()
    this.requestUpdate()
  }

  private redraw() {
    const map = this.map
    if (!map) return
    this.shape?.remove()
    this.dots.clearLayers()
    const latlngs = this.corners.map(([lon, lat]) => L.latLng(lat, lon))
    const style = this.check.problems.length > 0 ? BAD_STYLE : OUTLINE_STYLE
    const shape: L.Path =
      latlngs.length >= 3
        ? L.polygon(latlngs, { ...style, interactive: false })
        : L.polyline(latlngs, { ...style, interactive: false })
    shape.addTo(map)
    this.shape = shape
    for (const p of latlngs) {
      L.circleMarker(p, {
        radius: 7,
        color: '#0b0c0c',
        weight: 2,
        fillColor: '#ffbf47',
        fillOpacity: 1,
      }).addTo(this.dots)
    }
  }

  private startWalk = () => {
    const t = this.data!.text
    if (!('geolocation' in navigator)) {
      this.gpsMessage = t.noGps
      this.requestUpdate()
      return
    }
    this.gpsMessage = ''
    this.watch = navigator.geolocation.watchPosition(
      (pos) => this.onPosition(pos),
      (err) => {
        // Refused: nothing will come, so stop. A lost or late fix (under trees, indoors) passes: keep watching.
        if (err.code === err.PERMISSION_DENIED) {
          this.gpsMessage = t.gpsDenied
          this.stopWalk()
        } else {
          this.gpsMessage = t.gpsWaiting
          this.requestUpdate()
        }
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
    )
    this.requestUpdate()
  }

  private stopWalk = () => {
    if (this.watch !== null) navigator.geolocation.clearWatch(this.watch)
    this.watch = null
    this.here = null
    this.requestUpdate()
  }

  private onPosition(pos: GeolocationPosition) {
    this.here = pos
    this.gpsMessage = ''
    const corner: LonLat = [pos.coords.longitude, pos.coords.latitude]
    const last = this.corners.at(-1)
    this.map?.panTo([corner[1], corner[0]])
    if (!last || metres(last, corner) >= WALK_STEP_M) this.add(corner)
    else this.requestUpdate()
  }

  private addHere = () => {
    if (this.here) this.add([this.here.coords.longitude, this.here.coords.latitude])
  }
}

/** A typed ring may repeat its first corner at the end; the drawing holds each corner once. */
function withoutClosing(ring: LonLat[]): LonLat[] {
  const [first, last] = [ring[0], ring.at(-1)]
  return ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]
    ? ring.slice(0, -1)
    : ring
}

/** Haversine distance: plenty for steps of metres. */
function metres(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLon = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

customElements.define('area-draw', AreaDraw)
