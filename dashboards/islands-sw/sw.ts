// The workspace's service worker (issue 16), scope /workspace: a cooperative's pages keep opening in a
// field without signal. Pages and the lots JSON are network-first, kept as last seen (a page from the cache
// says so at its top); the island files are immutable (hashed names), so cache-first; the label keys are
// network-first so a revoked key stops verifying as soon as the phone has a network. Sign-out clears all of
// it (Clear-Site-Data on /console/logout), so nothing of one person is shown to the next.
/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope & {
  /** Written by the /workspace/sw.js route above this script: what to fetch at install. */
  ZT_PRECACHE?: { pages: string[]; assets: string[]; data: string[] }
}

const PAGES = 'zt-pages-v1'
const ASSETS = 'zt-assets-v1'
const DATA = 'zt-data-v1'
const KEEP = new Set([PAGES, ASSETS, DATA])

const OFFLINE: Record<string, string> = {
  vi: 'Bạn đang ngoại tuyến: đây là trang đã lưu lần trước, có thể chưa mới nhất.',
  en: 'You are offline: this is the page as last saved, it may be out of date.',
}

self.addEventListener('install', (event) => {
  const list = self.ZT_PRECACHE ?? { pages: [], assets: [], data: [] }
  // One by one and forgiving: a page that fails now (not built yet, signed out) must not stop the install.
  const fill = (cache: string, urls: string[]) =>
    caches.open(cache).then((c) => Promise.all(urls.map((u) => c.add(u).catch(() => undefined))))
  event.waitUntil(
    Promise.all([fill(PAGES, list.pages), fill(ASSETS, list.assets), fill(DATA, list.data)]).then(() =>
      self.skipWaiting(),
    ),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => !KEEP.has(n)).map((n) => caches.delete(n))))
      .then(pruneAssets)
      .then(() => self.clients.claim()),
  )
})

/** Island files are renamed by every release that changes them: keep only the ones this release names. */
async function pruneAssets(): Promise<void> {
  const current = new Set((self.ZT_PRECACHE?.assets ?? []).map((a) => new URL(a, self.location.origin).href))
  if (current.size === 0) return
  const cache = await caches.open(ASSETS)
  for (const request of await cache.keys()) if (!current.has(request.url)) await cache.delete(request)
}

/** A lot list or one lot; not its label files (PDF, ZIP), which are downloads, not pages to read offline. */
const LOTS_JSON = /^\/api\/v1\/lots(\/[^/]+)?$/

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  const path = url.pathname
  if (path.startsWith('/console/dist/') || path.startsWith('/console/assets/')) {
    event.respondWith(cacheFirst(request))
  } else if (path === '/workspace/sw.js') {
    return
  } else if (path === '/workspace' || path.startsWith('/workspace/')) {
    if (request.mode === 'navigate' || request.headers.get('accept')?.includes('text/html')) {
      event.respondWith(networkFirst(request, PAGES, true))
    }
  } else if (path === '/.well-known/jwks.json' || LOTS_JSON.test(path)) {
    event.respondWith(networkFirst(request, DATA, false))
  }
})

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await (await caches.open(ASSETS)).put(request, response.clone())
  return response
}

async function networkFirst(request: Request, cacheName: string, page: boolean): Promise<Response> {
  const cache = await caches.open(cacheName)
  try {
    const response = await fetch(request)
    // Only a page as the person saw it: a redirect to sign-in or an error page is not kept.
    if (response.ok && response.type === 'basic' && !response.redirected) {
      await cache.put(page ? pageKey(request) : request, response.clone())
    }
    return response
  } catch (err) {
    const cached = await cache.match(page ? pageKey(request) : request)
    if (!cached) throw err
    return page ? markedOffline(cached) : cached
  }
}

/** A page's confirmation or filter in its query is not worth a copy of its own: one copy per path. */
function pageKey(request: Request): string {
  const url = new URL(request.url)
  return url.origin + url.pathname
}

/** The cached page with a notice at the top of its main content, in the page's own language. */
async function markedOffline(cached: Response): Promise<Response> {
  const text = await cached.text()
  const lang = /<html lang="(\w+)"/.exec(text)?.[1] ?? 'vi'
  const notice = `<p class="offline-notice" role="status">${OFFLINE[lang] ?? OFFLINE.vi}</p>`
  const headers = new Headers(cached.headers)
  return new Response(text.replace('<main id="main">', `<main id="main">${notice}`), {
    status: 200,
    headers,
  })
}
