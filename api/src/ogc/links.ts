// Absolute links of the OGC answers. They are built from the address the client used (Host, or the
// forwarded host when TRUST_PROXY says to believe it), so GDAL or QGIS pointed at 127.0.0.1 follows links
// to 127.0.0.1 rather than to PUBLIC_BASE_URL; a Host header that is not a plain host[:port] falls back
// to PUBLIC_BASE_URL, so nobody can write their own domain into a cached answer.
import type { OgcLink } from '@zonetrace/contracts'
import type { FastifyRequest } from 'fastify'

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const

const PLAIN_HOST = /^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?$/

export function originOf(request: FastifyRequest): string {
  const host = request.host
  const protocol = request.protocol === 'https' ? 'https' : 'http'
  return host && PLAIN_HOST.test(host) ? `${protocol}://${host}` : request.server.config.publicBaseUrl
}

/** `path` with the query `params` (undefined values left out) on the request's origin. */
export function urlOf(
  request: FastifyRequest,
  path: string,
  params: Record<string, string | undefined> = {},
) {
  const url = new URL(path, `${originOf(request)}/`)
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value)
  return url.toString()
}

/** The JSON and HTML forms of one resource: `self` in the format asked, `alternate` in the other. */
export function selfAndAlternate(
  request: FastifyRequest,
  path: string,
  params: Record<string, string | undefined>,
  json: string,
  format: 'json' | 'html',
): OgcLink[] {
  const asJson: Omit<OgcLink, 'rel'> = {
    href: urlOf(request, path, { ...params, f: 'json' }),
    type: json,
    title: 'JSON',
  }
  const asHtml: Omit<OgcLink, 'rel'> = {
    href: urlOf(request, path, { ...params, f: 'html' }),
    type: MEDIA.html,
    title: 'HTML',
  }
  return format === 'json'
    ? [
        { ...asJson, rel: 'self' },
        { ...asHtml, rel: 'alternate' },
      ]
    : [
        { ...asHtml, rel: 'self' },
        { ...asJson, rel: 'alternate' },
      ]
}
