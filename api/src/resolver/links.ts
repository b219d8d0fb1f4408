// Where a scanned label points next: its own page, the EPCIS record, the keys, feedback and the linkset.
import { canonicalItemPath, type Gs1Item } from '@zonetrace/contracts'

export function resolverLinks(base: string, path: string, item: Gs1Item) {
  const [bare, query = ''] = path.split('?') as [string, string?]
  const lot = encodeURIComponent(item.lot)
  const signed = signatureQuery(query)
  return {
    self: `${base}${path}`,
    epcis: `${base}/api/v1/lots/${lot}/epcis`,
    jwks: `${base}/.well-known/jwks.json`,
    // The form posts the label's signature along, so the answer is judged on the same signed link.
    feedback: `${base}${bare}/feedback${signed ? `?${signed}` : ''}`,
    linkset: `${base}${bare}?linkType=linkset`,
  }
}

/** The item's canonical path as it is printed and signed, with a leading slash (for absolute links). */
export function itemPath(item: Gs1Item): string {
  return `/${canonicalItemPath(item)}`
}

/** Only the label's own `s` and `k` from a query, in that order: what a link derived from the label keeps. */
export function signatureQuery(query: string): string {
  const params = new URLSearchParams(query)
  const kept = new URLSearchParams()
  for (const name of ['s', 'k']) {
    const value = params.get(name)
    if (value !== null) kept.set(name, value)
  }
  return kept.toString()
}
