// HTTP content negotiation and validators for the download files (RFC 9110): which encoding to send, and
// whether a conditional GET can be answered 304. The gzip and the identity body are two representations,
// so each gets its own strong ETag; both derive from the hash of the uncompressed body.

/** Whether Accept-Encoding allows gzip: listed (or `*`) with a q-value above zero. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  let star: boolean | null = null
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)).find(Boolean)
    const allowed = !q || Number(q[1]) > 0
    if (coding === 'gzip' || coding === 'x-gzip') return allowed
    if (coding === '*') star = allowed
  }
  return star ?? false
}

export function entityTag(hash: string, gzip: boolean): string {
  return gzip ? `"${hash}-gzip"` : `"${hash}"`
}

/**
 * If-None-Match decides when present (weak comparison, as the RFC has it for GET); otherwise
 * If-Modified-Since, at HTTP-date's one-second precision.
 */
export function isNotModified(
  headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined },
  etag: string,
  lastModified: Date,
): boolean {
  const noneMatch = headers['if-none-match']
  if (noneMatch !== undefined) {
    if (noneMatch.trim() === '*') return true
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
    return noneMatch.split(',').some((tag) => opaque(tag) === etag)
  }
  const since = headers['if-modified-since']
  if (since === undefined) return false
  const sinceMs = Date.parse(since)
  return Number.isFinite(sinceMs) && Math.floor(lastModified.getTime() / 1000) * 1000 <= sinceMs
}
