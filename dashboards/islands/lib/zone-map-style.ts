// How an area is drawn on the officer's map. The fills are the backgrounds of the console's .sev-* badges
// (dashboards/src/styles.ts), so the map, its legend and the list speak one colour language; each stroke is
// a stronger shade of the same hue (critical: its own red), because zoomed out a small area is mostly its
// outline and must still read as green, yellow, orange, dark red or red.
import type { Severity } from '@zonetrace/contracts'

export type Level = Severity | 'none'

const RANK: Level[] = ['none', 'warning', 'minor', 'major', 'critical']

export const COLOURS: Record<Level, { fill: string; stroke: string }> = {
  none: { fill: '#cce2d8', stroke: '#00703c' },
  warning: { fill: '#fff7bf', stroke: '#b58a00' },
  minor: { fill: '#fcd6c3', stroke: '#e06a10' },
  major: { fill: '#f4cdc6', stroke: '#a11c08' },
  critical: { fill: '#d4351c', stroke: '#d4351c' },
}

export const LEVELS = RANK

/** The worst of an area's open alerts, or 'none'. */
export function worstOf(open: Record<string, Severity>): Level {
  let worst: Level = 'none'
  for (const s of Object.values(open)) if (RANK.indexOf(s) > RANK.indexOf(worst)) worst = s
  return worst
}

/**
 * Zoomed out, the demo's half-kilometre areas are a few pixels wide: a thick outline keeps each one a
 * visible, tappable blob in its colour; zoomed in, a thin one shows the real shape.
 */
export function outlineWeight(zoom: number): number {
  return zoom <= 11 ? 10 : zoom <= 13 ? 5 : 2
}

export const GATEWAY_STYLE = {
  online: { radius: 4, color: '#fff', weight: 1.5, fillColor: '#1d4ed8', fillOpacity: 1 },
  offline: { radius: 4, color: '#0b0c0c', weight: 1.5, fillColor: '#fff', fillOpacity: 1 },
} as const

/** The land when no tile server is set: a quiet fill the colours stand out on, over a pale sea. */
export const LAND_STYLE = { color: '#a8a294', weight: 1, fillColor: '#f5f2ea', fillOpacity: 1 } as const

/** Leaflet writes attributions as HTML; the tile server's comes from configuration, so it goes in as text. */
export function textOnly(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
