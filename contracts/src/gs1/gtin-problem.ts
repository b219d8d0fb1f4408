// What is wrong with a GTIN as a person typed it, in words they can act on: the workspace's product form
// says it on submit and its <gtin-check> island as they type (bundled by path: no imports but gtin.ts).
// A wrong check digit names the digit it should be, since the usual mistake is one mistyped digit.
import { gtinCheckDigit } from './gtin.ts'

export interface GtinProblem {
  vi: string
  en: string
}

/** Spaces and hyphens people copy from a printed barcode are dropped. */
export function normaliseGtin(typed: string): string {
  return typed.replace(/[\s-]/g, '')
}

/** Null when the GTIN (8, 12, 13 or 14 digits) is valid. */
export function gtinProblem(typed: string): GtinProblem | null {
  const gtin = normaliseGtin(typed)
  if (gtin === '')
    return { vi: 'Hãy điền mã GTIN (số dưới mã vạch).', en: 'Please give the GTIN (the barcode number).' }
  if (!/^\d+$/.test(gtin)) {
    return { vi: 'Mã GTIN chỉ gồm chữ số.', en: 'A GTIN is digits only.' }
  }
  if (![8, 12, 13, 14].includes(gtin.length)) {
    return {
      vi: `Mã GTIN có 8, 12, 13 hoặc 14 chữ số; đã nhập ${gtin.length}.`,
      en: `A GTIN has 8, 12, 13 or 14 digits; this has ${gtin.length}.`,
    }
  }
  const body = gtin.slice(0, -1)
  const expected = gtinCheckDigit(body)
  const given = Number(gtin.slice(-1))
  if (expected === given) return null
  return {
    vi: `Số kiểm tra sai: với ${body.length} chữ số đầu, số cuối phải là ${expected}, không phải ${given}.`,
    en: `Wrong check digit: with these first ${body.length} digits the last must be ${expected}, not ${given}.`,
  }
}
