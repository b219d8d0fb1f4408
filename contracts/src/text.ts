// What text the platform accepts, decided once. HTTP schemas (api/src/plugins/app/input-rules.ts) and the
// MQTT parsers apply these rules at the edge, so nothing Postgres would refuse (a NUL, an unpaired
// surrogate) and nothing that misleads a reader (control characters, bidirectional overrides) gets in.
//
// - No NUL, no unpaired UTF-16 surrogate, anywhere.
// - No C0 or C1 control character and no DEL, except tab and newline in free text (CR LF and a lone CR
//   become LF, as browsers send textarea lines with CR LF).
// - No bidirectional embedding, override or isolate controls (U+202A–U+202E, U+2066–U+2069): they make
//   text display in another order than it is stored (the "Trojan Source" class).
// - Identifiers keep to their documented character sets (below), and every accepted text is NFC, so two
//   spellings of one Vietnamese word compare equal.

/** How a string field is judged: one line (names, codes, short labels) or free text (notes, comments). */
export type TextKind = 'line' | 'free'

type TextVerdict = { ok: true; value: string } | { ok: false; reason: string }

// C0 except tab (09) and newline (0A), DEL, C1. CR is handled before this is applied to free text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FREE_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const LINE_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Checks one string and returns it normalised (NFC; line ends as LF in free text), or why it is refused. */
export function checkText(value: string, kind: TextKind): TextVerdict {
  if (value.includes('\u0000')) return { ok: false, reason: 'contains a NUL character' }
  if (LONE_SURROGATE.test(value)) return { ok: false, reason: 'contains an unpaired surrogate' }
  const text = kind === 'free' ? value.replace(/\r\n?/g, '\n') : value
  const control = (kind === 'free' ? FREE_CONTROLS : LINE_CONTROLS).exec(text)
  if (control) return { ok: false, reason: `contains the control character ${codePoint(control[0])}` }
  const bidi = BIDI_CONTROLS.exec(text)
  if (bidi) return { ok: false, reason: `contains the bidirectional control ${codePoint(bidi[0])}` }
  return { ok: true, value: text.normalize('NFC') }
}

/** Why Postgres would refuse a string in text or jsonb (a NUL or an unpaired surrogate), or null. */
function unstorableReason(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character'
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired surrogate'
  return null
}

/** No document the platform takes is nested this deep (a GeoJSON MultiPolygon is four levels). */
const MAX_DOCUMENT_DEPTH = 32

/**
 * Where in a parsed JSON document (a request body, a gateway's status) a string Postgres cannot store
 * sits, and why, as "`at`/key/0 contains a NUL character"; keys count as strings too. Null when none.
 */
export function findUnstorable(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') {
    const reason = unstorableReason(value)
    return reason && `${at} ${reason}`
  }
  if (typeof value !== 'object' || value === null) return null
  if (depth >= MAX_DOCUMENT_DEPTH) return `${at} is nested deeper than ${MAX_DOCUMENT_DEPTH} levels`
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${at}/${i}`, depth + 1)
      if (found) return found
    }
    return null
  }
  for (const [key, child] of Object.entries(value)) {
    const reason = unstorableReason(key)
    if (reason) return `a key in ${at} ${reason}`
    const found = findUnstorable(child, `${at}/${key}`, depth + 1)
    if (found) return found
  }
  return null
}

/**
 * A string made safe to quote in a message or a log: control, bidirectional and unpaired surrogate
 * characters become \uXXXX escapes, and it is cut to `max` characters.
 */
export function printable(value: string, max = 64): string {
  const cut = value.length > max ? `${value.slice(0, max - 3)}...` : value
  return cut.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

// Identifier character sets. Each is documented in docs/security.md#input-rules and the OpenAPI document.

/** Gateway, sensor, product, cooperative and rule-name style ids: ASCII letters, digits, `.`, `_`, `-`. */
export const PLAIN_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$'

/**
 * Growing-area codes: opaque (domestic VN-… and export PUC codes both exist) but kept to ASCII letters,
 * digits, `.`, `_` and `-`, so a code prints the same on a label, in a URL and in a spreadsheet. Codes
 * are compared without regard to case: VN-A and vn-a cannot both exist.
 */
export const ZONE_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$'

/** Earliest and latest instants any date-time field may carry: a typo, not history, lies outside. */
const EARLIEST_INSTANT = Date.UTC(2000, 0, 1)
const LATEST_INSTANT = Date.UTC(2100, 0, 1)

/** What a refused instant is told, wherever it is checked. */
export const IMPLAUSIBLE_INSTANT = 'must lie between the years 2000 and 2099'

/** Whether an ISO 8601 instant or YYYY-MM-DD day lies within [2000-01-01, 2100-01-01). */
export function isPlausibleInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_INSTANT && ms < LATEST_INSTANT
}
