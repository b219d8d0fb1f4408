// The platform's one text rule (contracts/src/text.ts), as the HTTP edge and the MQTT parsers apply it.
import {
  checkText,
  findUnstorable,
  isPlausibleInstant,
  parseSenmlPack,
  printable,
} from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

describe('checkText', () => {
  it.each([
    ['a\u0000b', 'line', 'contains a NUL character'],
    ['a\u0000b', 'free', 'contains a NUL character'],
    ['x\ud800', 'free', 'contains an unpaired surrogate'],
    ['\udc00x', 'line', 'contains an unpaired surrogate'],
    ['a\u0007b', 'free', 'contains the control character U+0007'],
    ['a\u007fb', 'line', 'contains the control character U+007F'],
    ['a\u0085b', 'free', 'contains the control character U+0085'],
    ['a\tb', 'line', 'contains the control character U+0009'],
    ['a\nb', 'line', 'contains the control character U+000A'],
    ['abc\u202egnp', 'free', 'contains the bidirectional control U+202E'],
    ['\u2066x\u2069', 'line', 'contains the bidirectional control U+2066'],
  ] as const)('refuses %j as %s text: %s', (value, kind, reason) => {
    expect(checkText(value, kind)).toEqual({ ok: false, reason })
  })

  it('normalises to NFC, and line ends to LF in free text', () => {
    expect(checkText('Ca\u0300ng Long', 'line')).toEqual({ ok: true, value: 'Càng Long' })
    expect(checkText('một\r\nhai\rba\tbốn', 'free')).toEqual({ ok: true, value: 'một\nhai\nba\tbốn' })
    expect(checkText('🦐 tôm sú', 'line')).toEqual({ ok: true, value: '🦐 tôm sú' })
  })
})

describe('findUnstorable', () => {
  it('finds a NUL or an unpaired surrogate anywhere in a document, keys included', () => {
    expect(findUnstorable({ a: [1, { b: 'x\u0000' }] }, 'status')).toBe(
      'status/a/1/b contains a NUL character',
    )
    expect(findUnstorable({ ['k\ud800']: 1 }, 'body')).toBe('a key in body contains an unpaired surrogate')
    expect(findUnstorable({ state: 'online', spool: { depth: 3 } }, 'status')).toBeNull()
  })

  it('refuses documents nested deeper than 32 levels', () => {
    let deep: unknown = 1
    for (let i = 0; i < 40; i++) deep = [deep]
    expect(findUnstorable(deep, 'body')).toMatch(/is nested deeper than 32 levels$/)
  })
})

describe('quoting client text', () => {
  it('escapes controls, bidi characters and unpaired surrogates, and cuts long text', () => {
    expect(printable('a\u0000b\u202e\ud800')).toBe('a\\u0000b\\u202e\\ud800')
    expect(printable('x'.repeat(100))).toBe(`${'x'.repeat(61)}...`)
  })

  it('keeps a SenML refusal storable whatever name the gateway sent', () => {
    const result = parseSenmlPack(
      JSON.stringify([{ bn: 'gw\u0000:', n: 'salinity', v: 1 }]),
      Date.UTC(2026, 0, 1),
    )
    expect(result).toEqual({
      ok: true,
      readings: [],
      rejected: [{ index: 0, reason: 'sensor id "gw\\u0000" is not valid' }],
    })
  })
})

describe('plausible instants', () => {
  it('lie in [2000, 2100)', () => {
    expect(isPlausibleInstant(Date.parse('2000-01-01T00:00:00Z'))).toBe(true)
    expect(isPlausibleInstant(Date.parse('2099-12-31T23:59:59Z'))).toBe(true)
    expect(isPlausibleInstant(Date.parse('1999-12-31T23:59:59Z'))).toBe(false)
    expect(isPlausibleInstant(Date.parse('2100-01-01T00:00:00Z'))).toBe(false)
    expect(isPlausibleInstant(Number.NaN)).toBe(false)
  })
})
