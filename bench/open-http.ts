// The public side of bench:open: one timed GET as GDAL makes it (gzip accepted, body read to the end), the
// walk of daily-water pages by their `next` links, and the mix of public routes the crowd of clients asks.
import { Agent, request } from 'node:http'
import { gunzipSync } from 'node:zlib'

const agent = new Agent({ keepAlive: true, maxSockets: 1 })

export interface Timed {
  status: number
  ms: number
  /** Bytes on the wire (compressed when the server compressed). */
  wireBytes: number
  body: Buffer
  headers: Record<string, string | string[] | undefined>
}

/** One GET; `ms` runs from sending to the last byte received. The body comes back decompressed. */
export function timedGet(url: string, headers: Record<string, string> = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = request(url, { agent, headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const ms = performance.now() - started
        const raw = Buffer.concat(chunks)
        const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw
        resolve({ status: res.statusCode ?? 0, ms, wireBytes: raw.length, body, headers: res.headers })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

interface ItemsPage {
  numberReturned?: number
  links?: { rel: string; href: string }[]
}

export interface WalkResult {
  latenciesMs: number[]
  /** The first request of each distinct page: computed by the API, not a kept answer (ogc/answer-cache.ts). */
  firstMs: number[]
  features: number
  wireBytes: number
  /** Requests per starting query, for the log. */
  walks: { query: string; pages: number }[]
}

/**
 * GET /ogc/collections/daily-water/items?limit=1000, with and without day filters, following each `next`
 * link to the last page, round the queries until `total` requests were made.
 */
export async function walkDailyWater(
  origin: string,
  queries: readonly string[],
  total: number,
  headers: Record<string, string> = {},
  seen = new Set<string>(),
): Promise<WalkResult> {
  const out: WalkResult = { latenciesMs: [], firstMs: [], features: 0, wireBytes: 0, walks: [] }
  for (let q = 0; out.latenciesMs.length < total; q++) {
    const query = queries[q % queries.length]!
    let url: string | undefined =
      `${origin}/ogc/collections/daily-water/items?limit=1000${query ? `&${query}` : ''}`
    let pages = 0
    while (url && out.latenciesMs.length < total) {
      const res = await timedGet(url, { accept: 'application/geo+json', ...headers })
      if (res.status !== 200)
        throw new Error(`GET ${url} answered ${res.status}: ${res.body.toString().slice(0, 200)}`)
      const page = JSON.parse(res.body.toString()) as ItemsPage
      out.latenciesMs.push(res.ms)
      if (!seen.has(url)) out.firstMs.push(res.ms)
      seen.add(url)
      out.features += page.numberReturned ?? 0
      out.wireBytes += res.wireBytes
      pages++
      const next = page.links?.find((l) => l.rel === 'next')?.href
      url = next ? new URL(next, origin).href : undefined
    }
    out.walks.push({ query, pages })
  }
  return out
}

/**
 * What the crowd asks, as paths: the landing page, the three collections' items (daily water by month and
 * by area), the map page, the catalogue and the downloads. Only those that answer 200 now are kept; the
 * rest are returned apart so the log says what was left out. Each kept path is timed alone, as the crowd
 * asks it (`headers`), median of five, with its size on the wire: where the crowd's time goes.
 */
export async function publicMix(
  origin: string,
  candidates: readonly { path: string; headers: Record<string, string> }[],
): Promise<{ paths: string[]; missing: string[]; costs: string[] }> {
  const paths: string[] = []
  const missing: string[] = []
  const costs: string[] = []
  for (const { path, headers } of candidates) {
    const runs: Timed[] = []
    for (let i = 0; i < 5; i++) runs.push(await timedGet(`${origin}${path}`, headers))
    const res = runs[0]!
    if (res.status !== 200) {
      missing.push(`${path} (${res.status})`)
      continue
    }
    paths.push(path)
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[2]!
    costs.push(
      `${path} ${ms.toFixed(1)} ms ${(res.wireBytes / 1024).toFixed(1)} KB ${res.headers['content-encoding'] ?? 'identity'}`,
    )
  }
  return { paths, missing, costs }
}
