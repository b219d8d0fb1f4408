// A scan, start to finish: parse and verify the link with the published keys, find the lot and serial,
// log the scan, and decide the verdict. The page, JSON and linkset are all renderings of the result.
// Only a request whose signature verifies is logged and counted: a scan that anyone could make up (no
// signature, a wrong one, an unknown or revoked key) must not push a genuine serial towards "copied".
import {
  type ConsumerView,
  type LabelJwks,
  type LabelVerdictReason,
  type ScanSummary,
  verifyLabelUrlAsync,
} from '@zonetrace/contracts'
import { type Database, findLabel, vietnamDate } from '@zonetrace/db'
import type { LotFacts, LotFactsCache } from '../trace/lot-facts.ts'
import type { ScanClient } from './client-info.ts'
import { itemPath, resolverLinks } from './links.ts'
import type { ScanWriter } from './scan-writer.ts'

export type Resolution =
  | { status: 200; view: ConsumerView; facts: LotFacts }
  | { status: 308; canonicalPath: string; receivedPath: string; message: string }
  | { status: 400; message: string }
  | { status: 404; message: string }

export interface ResolveDeps {
  db: Database
  lots: LotFactsCache
  scans: ScanWriter
  jwks: () => Promise<LabelJwks>
  publicBaseUrl: string
}

/**
 * `path` is the request path and query exactly as received, e.g. `/01/…/21/…?s=…&k=…`. `client` null looks
 * the label up without counting a scan (linksets, the page re-drawn after feedback); a client's scan is
 * counted only when the signature verifies, and every other request shows the tally of verified scans.
 */
export async function resolveScan(
  deps: ResolveDeps,
  path: string,
  client: ScanClient | null,
): Promise<Resolution> {
  const signature = await verifyLabelUrlAsync(`${deps.publicBaseUrl}${path}`, await deps.jwks())
  const check = signature.authentic ? 'authentic' : signature.reason
  if (check === 'malformed') {
    return { status: 400, message: 'not a GS1 Digital Link of the form /01/{gtin}/10/{lot}/21/{serial}' }
  }
  const item = signature.item!
  if (check === 'non_canonical') {
    // Signatures cover the canonical path only (docs/label-signature.md): send the client there, where
    // the link is verified and counted. Nothing is looked up or logged for the detour.
    const receivedPath = path.split('?', 1)[0]!
    const canonicalPath = itemPath(item)
    return { status: 308, canonicalPath, receivedPath, message: `the canonical link is ${canonicalPath}` }
  }
  const facts = await deps.lots.get(item.lot)
  if (!facts || facts.product.gtin !== item.gtin) return notFound()
  const reason = verdictOf(check, facts)
  const counted = client !== null && signature.authentic
  const scans = counted
    ? await deps.scans.record({ serial: item.serial, lotId: item.lot, ...client, verdict: reason })
    : await tallyOf(deps.db, item.serial, item.lot)
  // Scans match serial and lot together: a serial of another lot is as unknown as a made-up one.
  if (scans === null || (counted && scans.count === 0)) return notFound()
  const { lot, product, cooperative, areas, events, evidence } = facts
  return {
    status: 200,
    facts,
    view: {
      authentic: signature.authentic,
      reason,
      gtin: item.gtin,
      lot: item.lot,
      serial: item.serial,
      product,
      cooperative,
      lotInfo: lot,
      areas,
      timeline: events,
      evidence,
      scans,
      links: resolverLinks(deps.publicBaseUrl, path, item),
    },
  }
}

/** A signature problem outranks the lot's state: a forged label says nothing true about any lot. */
function verdictOf(
  signature: 'authentic' | 'unsigned' | 'unknown_key' | 'bad_signature',
  facts: LotFacts,
): LabelVerdictReason {
  if (signature !== 'authentic') return signature
  if (facts.lot.disposition === 'recalled') return 'recalled'
  const expires = facts.product.certificateExpiresOn
  if (facts.product.ocop && expires !== null && expires < vietnamDate(Date.now())) return 'ocop_expired'
  return 'authentic'
}

/** The tally without counting a scan; null when the serial was not issued for this lot. */
async function tallyOf(db: Database, serial: string, lotId: string): Promise<ScanSummary | null> {
  const label = await findLabel(db, serial)
  if (!label || label.lotId !== lotId) return null
  return {
    count: label.scanCount,
    firstAt: label.firstScannedAt?.toISOString() ?? null,
    flag: label.cloneFlag,
  }
}

function notFound(): Resolution {
  return { status: 404, message: 'no label with this product, lot and serial was issued here' }
}
