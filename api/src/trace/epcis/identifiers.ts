// URIs for everything the export names. EPCIS 2.0 §6 lets identifiers be GS1 Digital Link URIs; a lot is
// the class-level link `https://id.gs1.org/01/{gtin14}/10/{lot}` on the canonical GS1 domain (GS1 Digital
// Link URI syntax 1.2 §4), so it stays the same whichever resolver a label points at. Places, readPoint
// and bizLocation, must be URIs (schema `#/definitions/uri`), so bare growing-area codes and free text are
// turned into URIs under PUBLIC_BASE_URL.
import { createHash } from 'node:crypto'
import { encodeAiValue, toGtin14 } from '@zonetrace/contracts'
import { vietnamDate } from '@zonetrace/db'

const GS1_CANONICAL = 'https://id.gs1.org'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// EPC URNs (SGLN…) and web URLs pass through; anything else is a name, not an identifier. ASCII only
// and no spaces, since the schema's `uri` format refuses IRIs and whitespace.
const PASS_THROUGH = /^(?:urn:[a-z0-9][a-z0-9-]{0,31}:|https?:\/\/)[\x21-\x7e]+$/i
// RFC 9562 §6.6 namespace for name-based UUIDs whose names are URLs.
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex')
// Vietnam keeps UTC+7 all year; events we derive (recall, sensor summary) happen there.
export const VIETNAM_OFFSET = '+07:00'
const OFFSET = /^[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)$/

export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '')
}

export function lotClass(gtin: string, lot: string): string {
  return `${GS1_CANONICAL}/01/${toGtin14(gtin)}/10/${encodeAiValue(lot, 'lot')}`
}

export function zoneUri(base: string, code: string): string {
  return `${base}/zones/${encodeURIComponent(code)}`
}

interface PlaceRef {
  id: string
  /** The original text when it had to be wrapped into a URI, so no information is lost. */
  name?: string
}

export function placeRef(base: string, place: string, areaCodes: ReadonlySet<string>): PlaceRef {
  if (areaCodes.has(place)) return { id: zoneUri(base, place) }
  if (PASS_THROUGH.test(place)) return { id: place }
  return { id: `${base}/places/${encodeURIComponent(place)}`, name: place }
}

/** `urn:uuid:` for the UUIDs our database issues; a name-based UUID for any other stored event id. */
export function eventId(base: string, id: string): string {
  return UUID.test(id)
    ? `urn:uuid:${id.toLowerCase()}`
    : nameBasedId(`${base}/events/${encodeURIComponent(id)}`)
}

/**
 * A name-based UUID (v5, RFC 9562 §5.5) as `urn:uuid:`. Events we derive are named by their content, so
 * the same facts always export under the same eventID and changed facts under a new one, as the EPCIS
 * event-hash convention intends (the convention's own ni:/// form needs its canonical serialisation).
 */
export function nameBasedId(name: string): string {
  return `urn:uuid:${uuidV5(name)}`
}

function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(URL_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** An ISO instant in the exact form the schema's `date-time` format accepts. */
export function instant(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${JSON.stringify(iso)}`)
  return new Date(ms).toISOString()
}

/** eventTimeZoneOffset must be ±hh:mm; `Z` means +00:00, and anything unreadable is taken as Vietnam. */
export function timeZoneOffset(offset: string): string {
  if (offset === 'Z') return '+00:00'
  return OFFSET.test(offset) ? offset : VIETNAM_OFFSET
}

/** The calendar day of an instant in Vietnam, YYYY-MM-DD. */
export function vietnamDateOf(iso: string): string {
  return vietnamDate(Date.parse(iso))
}
