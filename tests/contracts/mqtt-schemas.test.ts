// The published SenML schema (SenmlPackSchema, shown in docs/asyncapi.yaml) against the parser the broker and
// the edge agent run (parseSenmlPack), on random packs of right and wrong fields: the schema is never stricter
// than the parser, and a pack the schema accepts the parser refuses only for a rule no JSON Schema can state:
// a name built across records, the unit of the named metric, a time that overflows.
import { parseSenmlPack, SenmlPackSchema } from '@zonetrace/contracts'
import fc from 'fast-check'
import Value from 'typebox/value'
import { describe, expect, it } from 'vitest'

const NOW = 1_764_400_000_000

/** Values of every JSON type, with the ones that make sense for some SenML field. */
const anyValue = fc.oneof(
  fc.constantFrom('s-0001:', 'ph', 's-0001:ph', 'salinity', 'pH', 'ppt', '', 'not a name'),
  fc.constantFrom(0, 1, 2, 3, 4, 5, 7.8, -2.5, 1_764_400_000),
  fc.constantFrom(null, true, false, {}, [], [1]),
)

/** Mostly well-typed fields, sometimes any value, sometimes absent. */
const field = (good: fc.Arbitrary<unknown>) => fc.option(fc.oneof({ weight: 19, arbitrary: good }, anyValue))

const record = fc.oneof(
  {
    weight: 19,
    arbitrary: fc
      .record({
        bn: field(fc.constantFrom('s-0001:', 's-0002:', 's-0002:ph', '')),
        bt: field(fc.constantFrom(1_764_400_000, 0, -60)),
        bu: field(fc.constantFrom('pH', 'ppt')),
        bv: field(fc.constantFrom(0, 0.5)),
        n: field(fc.constantFrom('ph', 'salinity', 's-0003:ph')),
        v: field(fc.double({ min: -10, max: 60, noNaN: true })),
        u: field(fc.constantFrom('pH', 'ppt')),
        t: field(fc.constantFrom(0, -30, 1_764_400_010)),
        zq: field(fc.constantFrom(0, 1, 2, 3, 4)),
        vs: fc.option(fc.constant('text'), { freq: 8 }),
      })
      // fc.option gives null for "absent": drop those keys, as a gateway would not send them.
      .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))),
  },
  { weight: 1, arbitrary: anyValue },
)

const pack = fc.array(record, { minLength: 0, maxLength: 5 })

/** parseSenmlPack's refusals that depend on other records or on the named metric. */
const NAME_UNIT_TIME =
  /is not \{sensorId\}:\{metric\}|sensor id .* is not valid|unknown metric|does not match|time is not a finite number/

describe('SenmlPackSchema against parseSenmlPack', () => {
  it('accepts every pack the parser takes whole', () => {
    fc.assert(
      fc.property(pack, (p) => {
        const parsed = parseSenmlPack(JSON.stringify(p), NOW)
        if (parsed.ok && parsed.rejected.length === 0) expect(Value.Check(SenmlPackSchema, p)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('leaves the parser only the rules no schema can state: names, units, times', () => {
    fc.assert(
      fc.property(pack, (p) => {
        if (!Value.Check(SenmlPackSchema, p)) return
        const parsed = parseSenmlPack(JSON.stringify(p), NOW)
        expect(parsed.ok).toBe(true)
        for (const { reason } of parsed.ok ? parsed.rejected : []) expect(reason).toMatch(NAME_UNIT_TIME)
      }),
      { numRuns: 3000 },
    )
  })

  it('is the parser on the contract example', () => {
    const example = [
      { bn: 's-0001:', bt: 1764400000 },
      { n: 'salinity', u: 'ppt', v: 4.2 },
      { n: 'ph', v: 7.8, t: 0 },
      { n: 'dissolved_oxygen', u: 'mg/L', v: 5.1 },
    ]
    expect(Value.Check(SenmlPackSchema, example)).toBe(true)
    expect(parseSenmlPack(JSON.stringify(example), NOW)).toMatchObject({ ok: true, rejected: [] })
  })
})
