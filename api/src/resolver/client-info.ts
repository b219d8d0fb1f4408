// What a scan may keep about the client: a coarse cell and a hashed user agent, never the address or the
// raw agent string (issue 5 § 8: no raw personal data).
import { createHash } from 'node:crypto'
import type { ResolverSettings } from '@zonetrace/contracts'
import type { FastifyRequest } from 'fastify'

export interface ScanClient {
  lat: number | null
  lon: number | null
  region: string | null
  uaHash: string | null
}

const HEADERS = {
  cloudflare: { lat: 'cf-iplatitude', lon: 'cf-iplongitude', region: ['cf-ipcountry', 'cf-region-code'] },
  cloudfront: {
    lat: 'cloudfront-viewer-latitude',
    lon: 'cloudfront-viewer-longitude',
    region: ['cloudfront-viewer-country', 'cloudfront-viewer-country-region'],
  },
} as const

export function scanClient(request: FastifyRequest, source: ResolverSettings['geoHeaders']): ScanClient {
  const ua = request.headers['user-agent']
  const uaHash = ua ? createHash('sha256').update(ua).digest('hex').slice(0, 16) : null
  if (source === 'none') return { lat: null, lon: null, region: null, uaHash }
  const h = HEADERS[source]
  const lat = coarse(request.headers[h.lat], 90)
  const lon = coarse(request.headers[h.lon], 180)
  const parts = h.region.map((name) => header(request.headers[name])).filter((v) => v !== null)
  const region = parts.length > 0 ? parts.join('-').slice(0, 16) : null
  return lat === null || lon === null
    ? { lat: null, lon: null, region, uaHash }
    : { lat, lon, region, uaHash }
}

/** Rounded to 0.1° (about 11 km): enough to see a code travel, too coarse to find a person. */
function coarse(value: string | string[] | undefined, limit: number): number | null {
  const text = header(value)
  if (text === null) return null
  const n = Number(text)
  if (!Number.isFinite(n) || Math.abs(n) > limit) return null
  return Math.round(n * 10) / 10
}

function header(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (v === undefined) return null
  const t = v.trim()
  return /^[A-Za-z0-9.+-]{1,16}$/.test(t) ? t : null
}
