// The workspace as an app on the phone's home screen: its web app manifest, icons and service worker. All
// three are public (a browser fetches a manifest and its icons without cookies) and name nothing private.
// The service worker is the bundle's stable sw.js with the list of what to keep for offline use written
// above it, so it changes, and the phone updates it, whenever an island file or the stylesheet changes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import { DIST_DIR } from '../../bundle.ts'
import { SW_FILE } from '../../bundle-workers.ts'
import { ISLANDS_PATH, islandFiles, loadIslands } from '../../islands.ts'
import { CONSOLE_CSS_PATH } from '../../styles.ts'
import { WORKSPACE_SECTIONS } from '../sections.ts'

export const MANIFEST_PATH = '/workspace/manifest.webmanifest'
export const THEME_COLOUR = '#0b3d2e'
const ICONS = ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png'] as const
const ICONS_DIR = join(import.meta.dirname, '..', 'icons')

const MANIFEST = {
  name: 'zonetrace – Hợp tác xã',
  short_name: 'zonetrace HTX',
  description: 'Vùng trồng, sản phẩm, lô hàng và tem của hợp tác xã',
  lang: 'vi',
  dir: 'ltr',
  id: '/workspace',
  start_url: '/workspace',
  // Not '/workspace/': the start_url must lie inside the scope, and '/workspace' is not inside '/workspace/'.
  scope: '/workspace',
  display: 'standalone',
  theme_color: THEME_COLOUR,
  background_color: '#ffffff',
  icons: [
    { src: '/workspace/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/workspace/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    {
      src: '/workspace/icons/icon-maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
    },
  ],
}

const pwa: FastifyPluginAsync = async (fastify) => {
  await loadIslands()
  const worker = await readFile(join(DIST_DIR, SW_FILE), 'utf8')
  const precache = {
    pages: WORKSPACE_SECTIONS.map((s) => s.href),
    assets: [CONSOLE_CSS_PATH, ...islandFiles(['label-scan', 'workspace-sw']).map((f) => ISLANDS_PATH + f)],
    data: ['/.well-known/jwks.json', '/api/v1/lots'],
  }
  const script = `self.ZT_PRECACHE=${JSON.stringify(precache)};\n${worker}`
  const icons = new Map(
    await Promise.all(ICONS.map(async (name) => [name, await readFile(join(ICONS_DIR, name))] as const)),
  )

  fastify.get('/workspace/sw.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      // Checked on every visit: a phone must not keep an old worker that names island files long gone.
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/workspace')
      .header('x-content-type-options', 'nosniff')
      .send(script),
  )

  fastify.get(MANIFEST_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(JSON.stringify(MANIFEST)),
  )

  fastify.get<{ Params: { name: string } }>(
    '/workspace/icons/:name',
    { schema: { hide: true } },
    async (request, reply) => {
      const icon = icons.get(request.params.name as (typeof ICONS)[number])
      if (!icon) return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
      return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(icon)
    },
  )
}

export default pwa
