// The locator: a small map of southern Vietnam with today's Vĩnh Long province shaded and a red dot where
// the growing area is, so a shopper far from the Mekong Delta sees where the product came from. The
// outlines are precomputed (locator-data.ts); only the dot is placed per page.
import { html, type Markup } from './escape.ts'
import type { PageContext } from './i18n.ts'
import { NEIGHBOURS_PATH, VIETNAM_PATH, VINH_LONG_PATH } from './locator-data.ts'
import { inLocator, LOCATOR_HEIGHT, LOCATOR_WIDTH, locatorPoint } from './locator-frame.ts'
import type { Position } from './map-geometry.ts'

const round = (v: number) => Math.round(v * 10) / 10
const at = (lon: number, lat: number) => locatorPoint(lon, lat).map(round) as [number, number]

type Anchor = 'start' | 'middle' | 'end'
interface Spot {
  x: number
  y: number
  anchor: Anchor
}
const spot = (lon: number, lat: number, anchor: Anchor = 'start', dx = 0): Spot => {
  const [x, y] = at(lon, lat)
  return { x: round(x + dx), y, anchor }
}

// Where the names go, chosen by eye on the drawing, each on open ground or open sea; a second place for
// a name the dot could land on (an area in Bạc Liêu, or on Ho Chi Minh City's edge).
const CAMBODIA = [spot(104.2, 11.85)]
const HCMC_DOT = at(106.7, 10.78)
const HCMC = [spot(106.7, 10.7, 'start', 5), spot(106.7, 10.7, 'end', -5)]
/** In the sea east of the province, where the name can be large without covering anything. */
const VINH_LONG = [spot(106.95, 9.97)]
/** Over Cà Mau and Bạc Liêu, else a line higher or lower, clear of a dot there. */
const DELTA = [spot(105.15, 9.2, 'middle'), spot(105, 9.5, 'middle'), spot(105, 8.85, 'middle')]

/** The first spot whose text (no font metrics here: 0.6 em a letter) keeps clear of the dot. */
function place(spots: Spot[], words: string, size: number, [dx, dy]: [number, number]): Spot {
  const clear = ({ x, y, anchor }: Spot) => {
    const w = [...words].length * size * 0.6
    const left = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w
    return dx < left - 6 || dx > left + w + 6 || dy < y - size - 6 || dy > y + 6
  }
  return spots.find(clear) ?? spots[0]!
}

function text(spots: Spot[], words: string, cls: string, dot: [number, number], size = 11): Markup {
  const { x, y, anchor } = place(spots, words, size, dot)
  return html`<text x="${x}" y="${y}"${anchor === 'start' ? '' : html` text-anchor="${anchor}"`}${
    cls ? html` class="${cls}"` : ''
  }>${words}</text>`
}

/** The locator with a dot at `point`, or null when the point lies outside southern Vietnam's frame. */
export function locatorMap(point: Position, title: string, { s }: PageContext): Markup | null {
  const [lon, lat] = point
  if (!inLocator(lon, lat)) return null
  const dot = at(lon, lat)
  const names = html`${text(CAMBODIA, s.map.cambodia, 'muted', dot)}${text(HCMC, s.map.hcmc, '', dot)}${text(
    DELTA,
    s.map.delta,
    'em',
    dot,
  )}${text(VINH_LONG, s.map.vinhLong, 'strong province', dot, 13)}`
  return html`<svg class="map locator" viewBox="0 0 ${LOCATOR_WIDTH} ${LOCATOR_HEIGHT}" role="img" aria-label="${title}"><title>${title}</title><rect width="${LOCATOR_WIDTH}" height="${LOCATOR_HEIGHT}" class="loc-sea"/><path class="loc-other" d="${NEIGHBOURS_PATH}"/><path class="loc-vn" d="${VIETNAM_PATH}"/><path class="loc-province" d="${VINH_LONG_PATH}"/><circle class="loc-city" cx="${HCMC_DOT[0]}" cy="${HCMC_DOT[1]}" r="2"/><g class="map-text">${names}</g><circle class="marker" cx="${dot[0]}" cy="${dot[1]}" r="4.5"/></svg>`
}
