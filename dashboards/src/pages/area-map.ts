// The map above the officer's list of areas: a <zone-map> island (dashboards/islands/zone-map.ts) with its
// data inline as JSON, so the phone makes no second request for it. The list below stays the accessible
// view; without script the map is simply absent.
import { cropName, html, type Markup, raw } from '@zonetrace/api'
import type { AreaStatus, Lang, MapTiles } from '@zonetrace/contracts'
import type { AreaMapExtras } from '@zonetrace/db'
import type { ZoneMapData } from '../../islands/lib/zone-map-data.ts'
import { textFor } from '../i18n.ts'
import { areaMapText } from './area-map-text.ts'

/**
 * JSON for a <script type="application/json"> element. The HTML parser ends that element at the first
 * `</script` whatever the JSON means, so every `<` is written as \u003c (and `>`, `&` alike, which JSON.parse
 * reads back unchanged); U+2028/2029 too, for any reader that takes the text as script.
 */
export function scriptJson(value: unknown): Markup {
  const escaped = JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return raw(escaped)
}

export function zoneMapData(
  lang: Lang,
  areas: AreaStatus[],
  extras: AreaMapExtras,
  tiles: MapTiles | null,
): ZoneMapData {
  const t = textFor(lang)
  const m = areaMapText(lang)
  return {
    areas: areas.map(({ zone }) => {
      const commune = zone.commune.name ?? zone.commune.registeredCode
      return {
        code: zone.code,
        name: zone.name,
        crop: cropName(zone.crop, lang),
        commune: zone.commune.formerName ? `${commune} (${m.formerly}: ${zone.commune.formerName})` : commune,
        href: `/console/areas/${encodeURIComponent(zone.code)}`,
        polygon: zone.polygon as ZoneMapData['areas'][number]['polygon'],
        open: Object.fromEntries(
          extras.openAlerts.filter((a) => a.zone === zone.code).map((a) => [String(a.id), a.severity]),
        ),
      }
    }),
    gateways: extras.gateways,
    tiles: tiles && { url: tiles.url, attribution: tiles.attribution },
    text: {
      severity: t.severity,
      noAlert: t.noAlert,
      legend: m.legend,
      gatewayOnline: m.gatewayOnline,
      gatewayOffline: m.gatewayOffline,
      crop: m.crop,
      commune: m.commune,
      gateways: m.gateways,
      openArea: m.openArea,
      outlineAttribution: m.outlineAttribution,
    },
  }
}

export function areaMap(lang: Lang, data: ZoneMapData): Markup {
  if (!data.areas.some((a) => a.polygon)) return html``
  return html`<zone-map role="region" aria-label="${areaMapText(lang).region(data.areas.length)}"><script type="application/json">${scriptJson(data)}</script></zone-map>`
}
