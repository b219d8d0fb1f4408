// RFC 9264 linkset for a label, keyed by full GS1 link-type URIs as GS1 resolvers do
// (GS1 Digital Link 1.2 resolver conventions; traceability-standards.md).
import { type Gs1Item, LANGS } from '@zonetrace/contracts'
import { itemPath } from './links.ts'

const GS1_VOC = 'https://gs1.org/voc/'

interface Link {
  href: string
  title: string
  type: string
  hreflang?: string[]
}

/** Link types this resolver answers, in the order a linkset lists them. */
export function labelLinks(base: string, item: Gs1Item, query: string): Record<string, Link> {
  const page = `${base}${itemPath(item)}${query ? `?${query}` : ''}`
  const lot = `${base}/api/v1/lots/${encodeURIComponent(item.lot)}`
  return {
    pip: {
      href: page,
      title: 'Thông tin sản phẩm / Product information',
      type: 'text/html',
      hreflang: [...LANGS],
    },
    traceability: {
      href: `${page}#timeline`,
      title: 'Nguồn gốc và quá trình / Origin and history',
      type: 'text/html',
      hreflang: [...LANGS],
    },
    epcis: { href: `${lot}/epcis`, title: 'EPCIS 2.0 events', type: 'application/ld+json' },
    certificationInfo: {
      href: `${page}#certifications`,
      title: 'Chứng nhận OCOP, VietGAP… / Certifications',
      type: 'text/html',
      hreflang: [...LANGS],
    },
    recallStatus: {
      href: `${lot}/status`,
      title: 'Tình trạng thu hồi / Recall status',
      type: 'application/json',
    },
    verificationService: {
      href: `${base}/.well-known/jwks.json`,
      title: 'Khóa xác thực tem / Label verification keys (JWKS)',
      type: 'application/jwk-set+json',
    },
  }
}

export function linkset(base: string, item: Gs1Item, query: string): { linkset: Record<string, unknown>[] } {
  const links = labelLinks(base, item, query)
  const entry: Record<string, unknown> = { anchor: `${base}${itemPath(item)}` }
  entry[`${GS1_VOC}defaultLink`] = [links.pip]
  for (const [type, link] of Object.entries(links)) entry[`${GS1_VOC}${type}`] = [link]
  return { linkset: [entry] }
}

/** `gs1:pip`, `pip` or the full URI → the short name, when this resolver has such a link. */
export function linkTypeName(linkType: string): string | null {
  const short = linkType.startsWith(GS1_VOC) ? linkType.slice(GS1_VOC.length) : linkType.replace(/^gs1:/, '')
  return [
    'pip',
    'traceability',
    'epcis',
    'certificationInfo',
    'recallStatus',
    'verificationService',
  ].includes(short)
    ? short
    : null
}
