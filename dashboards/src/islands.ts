// Which files a page loads for its islands. The console plugin loads the manifest once at start
// (building the bundle when needed); pages name their islands and get the script and style tags.
import { html, type Markup } from '@zonetrace/api'
import { ensureIslands, type IslandManifest } from './bundle.ts'

export const ISLANDS_PATH = '/console/dist/'

export type IslandName =
  | 'zone-map'
  | 'sensor-chart'
  | 'alert-live'
  | 'label-scan'
  | 'area-draw'
  | 'gtin-check'
  | 'label-issue'
  | 'workspace-sw'
  | 'public-map'

let manifest: IslandManifest | null = null

export async function loadIslands(): Promise<void> {
  manifest ??= await ensureIslands()
}

function filesOf(name: IslandName) {
  const files = manifest?.islands[name]
  if (!files) throw new Error(`island ${name} is not in the bundle (was loadIslands awaited?)`)
  return files
}

/** Stylesheets go in the head so the island's markup never flashes unstyled. */
export function islandStyles(names: readonly IslandName[]): Markup {
  const css = [...new Set(names.flatMap((n) => filesOf(n).css))]
  return html`${css.map((file) => html`<link rel="stylesheet" href="${ISLANDS_PATH}${file}">`)}`
}

/** Module scripts are deferred by nature: the page is readable before they run. Their shared chunks are
 *  preloaded with them, saving a round trip on a slow phone (3G: 150 ms and more). */
export function islandScripts(names: readonly IslandName[]): Markup {
  const chunks = [...new Set(names.flatMap((n) => filesOf(n).chunks ?? []))]
  return html`${chunks.map((file) => html`<link rel="modulepreload" href="${ISLANDS_PATH}${file}">`)}${names.map((n) => html`<script type="module" src="${ISLANDS_PATH}${filesOf(n).js}"></script>`)}`
}

/** Every file an island may load (its lazy chunks and workers too), for the workspace's service worker to
 *  keep for offline use. */
export function islandFiles(names: readonly IslandName[]): string[] {
  const workers = manifest?.files.filter((f) => /^qr-worker\.\w+\.js$/.test(f)) ?? []
  const own = names.flatMap((n) => {
    const f = filesOf(n)
    return [f.js, ...f.css, ...(f.chunks ?? []), ...(f.lazy ?? [])]
  })
  return [...new Set([...own, ...workers])]
}
