// Where a scanned label points next: its own page, the EPCIS record, the keys, feedback and the linkset.
import { canonicalItemPath, type Gs1Item } from '@zonetrace/contracts'

export function resolverLinks(base: string, path: string, item: Gs1Item) {
  const bare = path.split('?')[0]!
  const lot = encodeURIComponent(item.lot)
  return {
    self: `${base}${path}`,
    epcis: `${base}/api/v1/lots/${lot}/epcis`,
    jwks: `${base}/.well-known/jwks.json`,
    feedback: `${base}${bare}/feedback`,
    linkset: `${base}${bare}?linkType=linkset`,
  }
}

/** The item's canonical path as it is printed and signed, with a leading slash (for absolute links). */
export function itemPath(item: Gs1Item): string {
  return `/${canonicalItemPath(item)}`
}
