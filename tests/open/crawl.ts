// A crawl of the public surface through app.inject: from a few roots, every same-origin link an answer
// gives (any URL-like string in JSON — links, href, @id, accessURL, downloadURL, url — and every HTML
// href), each public page also asked for in its other format and language. Shared by the privacy test.
import type { FastifyInstance } from 'fastify'

export interface CrawledPage {
  /** Path and query, as asked. */
  url: string
  status: number
  contentType: string
  /** Headers and body, as one text to search. */
  text: string
}

export interface CrawlOptions {
  roots: readonly string[]
  /** Origins whose links are this server's (the request's own, PUBLIC_BASE_URL). */
  origins: readonly string[]
  /** Paths the crawl may enter. */
  inScope(path: string): boolean
  /** Other forms of the same page worth asking for (f=json, f=html, lang=en…), as path and query. */
  variants(url: URL): string[]
  /** The crawl stops here; the caller asserts it did not have to. */
  maxPages: number
}

export interface Crawl {
  pages: CrawledPage[]
  /** Links found but not visited because the bound was reached. */
  unvisited: string[]
}

const LOCAL = 'http://crawl.invalid'

/** Path and query with the query sorted, so `?f=json&limit=5` and `?limit=5&f=json` are one page. */
function keyOf(url: URL): string {
  const params = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b))
  const query = new URLSearchParams(params).toString()
  return url.pathname + (query ? `?${query}` : '')
}

/** Every string of a JSON document, however deep. */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) jsonStrings(v, out)
  return out
}

const decodeEntities = (s: string) =>
  s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')

/** Candidate links of one answer: JSON strings that look like URLs or paths, HTML hrefs. */
function linksOf(contentType: string, body: string): string[] {
  if (/json/.test(contentType)) {
    try {
      return jsonStrings(JSON.parse(body)).filter((s) => /^(https?:\/\/|\/)/.test(s) && !s.includes('{'))
    } catch {
      return []
    }
  }
  if (/html/.test(contentType)) {
    return [...body.matchAll(/\bhref\s*=\s*"([^"]*)"/g)].map((m) => decodeEntities(m[1]!))
  }
  return []
}

export async function crawl(app: FastifyInstance, options: CrawlOptions): Promise<Crawl> {
  const seen = new Set<string>()
  const queue: string[] = []
  const enqueue = (raw: string, base: string) => {
    let url: URL
    try {
      url = new URL(raw, LOCAL + base)
    } catch {
      return
    }
    if (url.origin !== LOCAL && !options.origins.includes(url.origin)) return
    if (!options.inScope(url.pathname)) return
    const local = new URL(keyOf(url), LOCAL)
    for (const candidate of [local, ...options.variants(local).map((v) => new URL(v, LOCAL))]) {
      const key = keyOf(candidate)
      if (!seen.has(key)) {
        seen.add(key)
        queue.push(key)
      }
    }
  }
  for (const root of options.roots) enqueue(root, '/')

  const pages: CrawledPage[] = []
  while (queue.length > 0 && pages.length < options.maxPages) {
    const url = queue.shift()!
    // identity: the download files are stored gzipped and must be searched as a client reads them.
    const res = await app.inject({ url, headers: { 'accept-encoding': 'identity' } })
    const contentType = String(res.headers['content-type'] ?? '')
    pages.push({
      url,
      status: res.statusCode,
      contentType,
      text: `${JSON.stringify(res.headers)}\n${res.body}`,
    })
    if (res.statusCode === 200) for (const link of linksOf(contentType, res.body)) enqueue(link, url)
  }
  return { pages, unvisited: queue }
}
