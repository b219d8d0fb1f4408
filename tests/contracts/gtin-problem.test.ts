// The GTIN explanation the product form and its <gtin-check> island share (contracts/src/gs1/gtin-problem.ts).
import { gtinProblem, normaliseGtin } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

describe('gtinProblem', () => {
  it('accepts valid GTIN-8, 12, 13 and 14, spaces and hyphens as printed', () => {
    for (const gtin of ['96385074', '036000291452', '8931234567897', '08931234567897', '893 1234 56789-7']) {
      expect(gtinProblem(gtin), gtin).toBeNull()
    }
    expect(normaliseGtin('893 1234-567897')).toBe('8931234567897')
  })

  it('names the check digit it should be', () => {
    expect(gtinProblem('8931234567893')).toEqual({
      vi: 'Số kiểm tra sai: với 12 chữ số đầu, số cuối phải là 7, không phải 3.',
      en: 'Wrong check digit: with these first 12 digits the last must be 7, not 3.',
    })
    expect(gtinProblem('96385075')?.vi).toContain('với 7 chữ số đầu, số cuối phải là 4, không phải 5')
  })

  it('says what is wrong with the length or the characters', () => {
    expect(gtinProblem('')?.vi).toContain('Hãy điền')
    expect(gtinProblem('89312345678O7')?.vi).toBe('Mã GTIN chỉ gồm chữ số.')
    expect(gtinProblem('123456789')?.vi).toBe('Mã GTIN có 8, 12, 13 hoặc 14 chữ số; đã nhập 9.')
  })
})
