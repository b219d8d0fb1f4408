// Lot (AI 10) and serial (AI 21) values: GS1 AI encodable character set 82, at most 20 characters
// (GS1 General Specifications Figure 7.11-1 and §3.4.1/§3.5.2 format X..20), and their form in a
// GS1 Digital Link path segment. Facts: /work/shared/domain/traceability-standards.md.
//
// Set 82 is all ASCII, so a percent-encoded byte ≥ 0x80 can never be a valid value and is refused rather
// than decoded as UTF-8. On the way out we percent-encode every set-82 character that is not RFC 3986
// "unreserved" (the GS1 Digital Link standard's list: ! " % & ' ( ) * + , / : ; < = > ?), with upper-case
// hex so the escapes stay inside a QR code's alphanumeric character set. On the way in we also accept the
// RFC 3986 sub-delims and ':' raw, since they are legal in a path segment and scanners leave them alone.

import { Gs1Error } from './gtin.ts'
import { showInput as show } from './show-input.ts'

const AI_VALUE_MAX_LENGTH = 20

const SET_82 = /^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]*$/
const UNRESERVED = /[A-Za-z0-9\-._]/
// Legal raw in a path segment (RFC 3986 pchar) AND in set 82; '"', '<', '>' and '%' must arrive encoded.
const RAW_IN_SEGMENT = /[A-Za-z0-9\-._!&'()*+,;=:]/
const HEX = /^[0-9A-Fa-f]{2}$/

type AiValueField = 'lot' | 'serial'

/** Throws Gs1Error('invalid_lot' | 'invalid_serial') unless `value` is a valid decoded AI 10/21 value. */
export function checkAiValue(value: unknown, field: AiValueField): string {
  const code = field === 'lot' ? 'invalid_lot' : 'invalid_serial'
  if (typeof value !== 'string' || value.length === 0 || value.length > AI_VALUE_MAX_LENGTH) {
    throw new Gs1Error(code, `${field} must be 1 to ${AI_VALUE_MAX_LENGTH} characters, got ${show(value)}`)
  }
  if (!SET_82.test(value)) {
    throw new Gs1Error(code, `${field} ${show(value)} has a character outside GS1 AI encodable set 82`)
  }
  // WHATWG URL parsers drop '.', '..' and their %2E forms as dot segments (RFC 3986 §5.2.4), so such a
  // value would silently vanish on the way to any resolver: refuse it instead.
  if (value === '.' || value === '..') {
    throw new Gs1Error(code, `${field} cannot be "." or "..": URI dot-segment removal would drop it`)
  }
  return value
}

export function encodeAiValue(value: unknown, field: AiValueField): string {
  const checked = checkAiValue(value, field)
  let out = ''
  for (const ch of checked) {
    out += UNRESERVED.test(ch) ? ch : `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** A raw path segment back to its value; throws Gs1Error on bad escapes or a bad decoded value. */
export function decodeAiValue(segment: string, field: AiValueField): string {
  let out = ''
  for (let i = 0; i < segment.length; i++) {
    const ch = segment.charAt(i)
    if (ch === '%') {
      const hex = segment.slice(i + 1, i + 3)
      if (!HEX.test(hex)) {
        throw new Gs1Error('invalid_uri', `${field} segment has a broken percent escape: ${show(segment)}`)
      }
      out += String.fromCharCode(Number.parseInt(hex, 16))
      i += 2
    } else if (RAW_IN_SEGMENT.test(ch)) {
      out += ch
    } else {
      throw new Gs1Error('invalid_uri', `${field} segment ${show(segment)} has ${show(ch)} unencoded`)
    }
    // Cheap early exit so a huge segment cannot build a huge string before the length check.
    if (out.length > AI_VALUE_MAX_LENGTH) break
  }
  return checkAiValue(out, field)
}
