// GTIN check digits and GTIN-14 normalisation (GS1 General Specifications §7.9.1) for the QR labels.
import { Gs1Error, gtinCheckDigit, isValidGtin, toGtin14 } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

describe('GTIN check digit', () => {
  it.each([
    ['400638133393', 1], // GTIN-13 4006381333931, a real retail item
    ['950600013435', 2], // GS1's example GTIN 09506000134352
    ['0952123454321', 3], // 09521234543213 from the Digital Link standard
    ['9638507', 4], // GTIN-8 96385074
    ['03600029145', 2], // GTIN-12 036000291452
  ])('weights 3,1 from the right: %s → %i', (body, check) => {
    expect(gtinCheckDigit(body)).toBe(check)
  })

  it('refuses a body that is not digits', () => {
    expect(() => gtinCheckDigit('12a4')).toThrow(Gs1Error)
    expect(() => gtinCheckDigit('')).toThrow(/1 to 17 digits/)
  })
})

describe('isValidGtin', () => {
  it.each(['96385074', '036000291452', '4006381333931', '8934588012228', '09506000134352'])(
    'accepts GTIN-8/12/13/14 %s with a correct check digit',
    (gtin) => expect(isValidGtin(gtin)).toBe(true),
  )

  it.each([
    ['4006381333932', 'wrong check digit'],
    ['96385075', 'wrong check digit on GTIN-8'],
    ['400638133393', 'GTIN-12 length but wrong digit'],
    ['12345678901', '11 digits is no GTIN length'],
    ['123456789012345', '15 digits'],
    ['400638133393l', 'a letter'],
    [' 4006381333931', 'whitespace'],
    ['４００６３８１３３３９３１', 'full-width digits'],
    ['', 'empty'],
  ])('rejects %j (%s)', (gtin) => expect(isValidGtin(gtin)).toBe(false))

  it('rejects non-strings without throwing', () => {
    for (const v of [null, undefined, 4006381333931, {}, []]) expect(isValidGtin(v)).toBe(false)
  })
})

describe('toGtin14', () => {
  it.each([
    ['96385074', '00000096385074'],
    ['036000291452', '00036000291452'],
    ['4006381333931', '04006381333931'],
    ['09506000134352', '09506000134352'],
  ])('left-pads %s to %s and keeps the check digit valid', (gtin, gtin14) => {
    expect(toGtin14(gtin)).toBe(gtin14)
    expect(isValidGtin(gtin14)).toBe(true)
  })

  it('throws Gs1Error invalid_gtin naming the expected check digit', () => {
    let caught: unknown
    try {
      toGtin14('4006381333932')
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(Gs1Error)
    expect((caught as Gs1Error).code).toBe('invalid_gtin')
    expect((caught as Gs1Error).message).toMatch(/expected 1/)
  })

  it('throws invalid_gtin on bad lengths and non-digits, without echoing huge input', () => {
    expect(() => toGtin14('123')).toThrow(/8, 12, 13 or 14 digits/)
    expect(() => toGtin14('40063813339x1')).toThrow(Gs1Error)
    expect(() => toGtin14('9'.repeat(100_000))).toThrow(/…"$/)
  })
})
