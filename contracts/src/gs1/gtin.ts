// GTIN check digits and normalisation for the signed QR labels (issue 5, traceability).
//
// GS1 General Specifications §7.9.1: weights 3,1,3,1,… from the rightmost data digit, and
// check = (10 − sum mod 10) mod 10. GTIN-8/12/13 become GTIN-14 by left-padding with zeros, which keeps
// the check digit valid because a leading zero adds nothing to the sum. Facts:
// /work/shared/domain/traceability-standards.md § GS1 Digital Link.

import { showInput as show } from './show-input.ts'

export type Gs1ErrorCode = 'invalid_gtin' | 'invalid_lot' | 'invalid_serial' | 'invalid_uri'

/** The only error this module family throws; `code` is for machines, `message` for people. */
export class Gs1Error extends Error {
  readonly code: Gs1ErrorCode
  constructor(code: Gs1ErrorCode, message: string) {
    super(message)
    this.name = 'Gs1Error'
    this.code = code
  }
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14])
const DIGITS = /^[0-9]+$/

/** The check digit for a GTIN body (all digits but the check digit). */
export function gtinCheckDigit(body: string): number {
  if (typeof body !== 'string' || body.length === 0 || body.length > 17 || !DIGITS.test(body)) {
    throw new Gs1Error('invalid_gtin', `a GTIN body must be 1 to 17 digits, got ${show(body)}`)
  }
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += i % 2 === 0 ? digit * 3 : digit
  }
  return (10 - (sum % 10)) % 10
}

export function isValidGtin(s: unknown): s is string {
  if (typeof s !== 'string' || !GTIN_LENGTHS.has(s.length) || !DIGITS.test(s)) return false
  return gtinCheckDigit(s.slice(0, -1)) === Number(s.slice(-1))
}

/** GTIN-8/12/13/14 as the 14-digit form GS1 Digital Link uses; throws Gs1Error('invalid_gtin'). */
export function toGtin14(s: string): string {
  if (typeof s !== 'string' || !GTIN_LENGTHS.has(s.length) || !DIGITS.test(s)) {
    throw new Gs1Error('invalid_gtin', `a GTIN must be 8, 12, 13 or 14 digits, got ${show(s)}`)
  }
  const expected = gtinCheckDigit(s.slice(0, -1))
  if (expected !== Number(s.slice(-1))) {
    throw new Gs1Error('invalid_gtin', `GTIN ${s} has check digit ${s.slice(-1)}, expected ${expected}`)
  }
  return s.padStart(14, '0')
}
