// GS1 Digital Link URIs for the signed QR labels: build, parse, QR compaction, and hostile input.
import {
  buildDigitalLink,
  compactForQr,
  Gs1Error,
  type Gs1ErrorCode,
  parseDigitalLink,
} from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

const SPEC_EXAMPLE = 'https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ'
const SET_82 = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!"%&'()*+,-./:;<=>?_`

function codeOf(fn: () => unknown): Gs1ErrorCode | 'no error' {
  try {
    fn()
    return 'no error'
  } catch (err) {
    if (err instanceof Gs1Error) return err.code
    throw err
  }
}

describe('buildDigitalLink', () => {
  it('builds base/01/{GTIN-14}/10/{lot}/21/{serial}, padding a GTIN-13', () => {
    expect(
      buildDigitalLink('https://id.gs1.org', { gtin: '9506000134352', lot: 'ABC123', serial: 'XYZ' }),
    ).toBe(SPEC_EXAMPLE)
  })

  it('percent-encodes reserved set-82 characters with upper-case hex and keeps unreserved ones', () => {
    const link = buildDigitalLink('https://zt.example/p', {
      gtin: '8934588012228',
      lot: 'A/B%C',
      serial: 'x-y._z',
    })
    expect(link).toBe('https://zt.example/p/01/08934588012228/10/A%2FB%25C/21/x-y._z')
  })

  it.each([
    ['https://id.gs1.org/', /must not end with/],
    ['ftp://id.gs1.org', /http\(s\)/],
    ['https://user@id.gs1.org', /plain DNS host/],
    ['https://id.gs1.org?x=1', /http\(s\)/],
    ['https://id.gs1.org/01', /"01"/],
  ])('refuses base %j with invalid_uri', (base, message) => {
    expect(() => buildDigitalLink(base, { gtin: '9506000134352', lot: 'A', serial: 'B' })).toThrow(message)
  })

  it('names which of lot or serial is bad', () => {
    const base = 'https://id.gs1.org'
    expect(
      codeOf(() => buildDigitalLink(base, { gtin: '9506000134352', lot: 'L'.repeat(21), serial: 'S' })),
    ).toBe('invalid_lot')
    expect(codeOf(() => buildDigitalLink(base, { gtin: '9506000134352', lot: 'L', serial: 'S#1' }))).toBe(
      'invalid_serial',
    )
    expect(codeOf(() => buildDigitalLink(base, { gtin: '9506000134353', lot: 'L', serial: 'S' }))).toBe(
      'invalid_gtin',
    )
  })
})

describe('parseDigitalLink', () => {
  it('reads the GS1 example link', () => {
    expect(parseDigitalLink(SPEC_EXAMPLE)).toEqual({
      base: 'https://id.gs1.org',
      gtin: '09506000134352',
      lot: 'ABC123',
      serial: 'XYZ',
      query: '',
    })
  })

  it('round-trips every set-82 character, 20 at a time, through build and parse', () => {
    for (let i = 0; i < SET_82.length; i += 20) {
      const item = {
        gtin: '04006381333931',
        lot: SET_82.slice(i, i + 20),
        serial: SET_82.slice(i + 2, i + 22) || 'S',
      }
      const link = buildDigitalLink('https://trace.zonetrace.vn/v1', item)
      expect(parseDigitalLink(link)).toEqual({ base: 'https://trace.zonetrace.vn/v1', ...item, query: '' })
    }
  })

  it("decodes a percent-encoded '/' in a lot and keeps the query, dropping the fragment", () => {
    const parsed = parseDigitalLink('https://id.gs1.org/01/09506000134352/10/12%2F34/21/9?17=261231#top')
    expect(parsed.lot).toBe('12/34')
    expect(parsed.query).toBe('17=261231')
  })

  it('normalises GTIN-8/12/13 in the URI to 14 digits and lower-cases scheme and host', () => {
    expect(parseDigitalLink('HTTPS://ID.GS1.ORG/01/9506000134352/10/A/21/B').gtin).toBe('09506000134352')
    expect(parseDigitalLink('https://id.gs1.org/01/96385074/10/A/21/B').gtin).toBe('00000096385074')
    expect(parseDigitalLink('HTTPS://ID.GS1.ORG/01/036000291452/10/A/21/B').base).toBe('https://id.gs1.org')
  })

  it.each([
    ['https://id.gs1.org/01/09506000134353/10/A/21/B', 'invalid_gtin', 'wrong check digit'],
    ['https://id.gs1.org/01/0950600013435/10/A/21/B', 'invalid_gtin', '13 digits with a bad check digit'],
    [`https://id.gs1.org/01/09506000134352/10/${'L'.repeat(21)}/21/B`, 'invalid_lot', '21-character lot'],
    [
      `https://id.gs1.org/01/09506000134352/10/A/21/${'S'.repeat(21)}`,
      'invalid_serial',
      '21-character serial',
    ],
    [
      `https://id.gs1.org/01/09506000134352/10/A${'%2F'.repeat(20)}/21/B`,
      'invalid_lot',
      '21 characters once decoded',
    ],
    ['https://id.gs1.org/01/09506000134352/10/A~B/21/B', 'invalid_uri', "'~' is outside set 82"],
    ['https://id.gs1.org/01/09506000134352/10/A%23B/21/B', 'invalid_lot', "'#' outside set 82"],
    ['https://id.gs1.org/01/09506000134352/10/%C3%A1/21/B', 'invalid_lot', 'non-ASCII'],
    ['https://id.gs1.org/01/09506000134352/10/A%2/21/B', 'invalid_uri', 'broken escape'],
    ['https://id.gs1.org/01/09506000134352/10/A"B/21/B', 'invalid_uri', 'raw double quote'],
    ['https://id.gs1.org/01/09506000134352/10/../21/B', 'invalid_lot', 'dot segment'],
    ['https://id.gs1.org/01/09506000134352/21/B/10/A', 'invalid_uri', 'wrong AI order'],
    ['https://id.gs1.org/01/09506000134352/10/A', 'invalid_uri', 'missing AI 21'],
    ['https://id.gs1.org/01/09506000134352/21/B', 'invalid_uri', 'missing AI 10'],
    ['https://id.gs1.org/01/09506000134352/10/A/10/B/21/C', 'invalid_uri', 'duplicated AI 10'],
    ['https://id.gs1.org/01/09506000134352/10/A/21/B/22/C', 'invalid_uri', 'extra AI after 21'],
    ['https://id.gs1.org/01/09506000134352/10/A/21/B/', 'invalid_uri', 'trailing slash'],
    ['https://id.gs1.org/01/09506000134352/10/A/21', 'invalid_uri', 'AI without value'],
    ['https://id.gs1.org/gtin/09506000134352', 'invalid_uri', 'no 01 key'],
    ['https://id.gs1.org/01/09506000134352/10/A/21/B?x=<', 'invalid_uri', 'bad query'],
    [`https://id.gs1.org/01/09506000134352/10/A/21/B?${'a'.repeat(2048)}`, 'invalid_uri', 'over 2048'],
  ])('rejects %s with %s (%s)', (url, code) => {
    expect(codeOf(() => parseDigitalLink(url))).toBe(code)
  })

  // Fault injected: random garbage and random single-character mutations of a valid link. What must
  // survive: the parser only ever returns a result or throws Gs1Error (codeOf rethrows anything else).
  it('yields a result or a Gs1Error for 1000 garbage strings and 1000 mutations of a valid link', () => {
    const alphabet = `${SET_82}/#?~ \u00e1\u0000\uffff%@[]:`
    const pick = (s: string) => s.charAt(Math.floor(Math.random() * s.length))
    const garbage = (n: number) => Array.from({ length: n }, () => pick(alphabet)).join('')
    const valid = `${SPEC_EXAMPLE}?linkType=gs1:pip`
    for (let i = 0; i < 1000; i++) {
      codeOf(() => parseDigitalLink(i % 10 === 0 ? `https://${garbage(3000)}` : garbage(Math.random() * 120)))
      const at = Math.floor(Math.random() * valid.length)
      const mutated = `${valid.slice(0, at)}${garbage(1 + (i % 3))}${valid.slice(at + (i % 2))}`
      const outcome = codeOf(() => parseDigitalLink(mutated))
      if (outcome === 'no error') expect(parseDigitalLink(mutated).gtin).toMatch(/^\d{14}$/)
    }
    for (const v of [null, undefined, 42, {}, [SPEC_EXAMPLE]]) {
      expect(codeOf(() => parseDigitalLink(v as unknown as string))).toBe('invalid_uri')
    }
  })
})

describe('compactForQr', () => {
  it('upper-cases only scheme and host, keeping path, lot, serial and query case', () => {
    const link = 'https://Trace.ZoneTrace.vn/Lo/01/9506000134352/10/ab%2fc/21/xY?linkType=gs1:pip'
    // A lower-case escape from the scanner comes back with upper-case hex; the letters stay as printed.
    expect(compactForQr(link)).toBe(
      'HTTPS://TRACE.ZONETRACE.VN/Lo/01/09506000134352/10/ab%2Fc/21/xY?linkType=gs1:pip',
    )
  })

  it('gives the GS1 example an all-alphanumeric-mode prefix that parses back to the same item', () => {
    const compact = compactForQr(SPEC_EXAMPLE)
    expect(compact).toBe('HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC123/21/XYZ')
    expect(compact).toMatch(/^[0-9A-Z $%*+\-./:]+$/)
    expect(parseDigitalLink(compact)).toEqual(parseDigitalLink(SPEC_EXAMPLE))
  })
})
