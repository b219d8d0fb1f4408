// One SenML record, alone in its pack: parseSenmlPack takes it exactly when the compiled SenmlRecordSchema (the
// schema docs/asyncapi.yaml shows) accepts it and it keeps the rules contracts/src/mqtt-schemas.ts says no
// JSON Schema can state: `bn + n` reads `{sensorId}:{metric}`, the unit is that metric's, and the sums with
// the base value and base time stay finite.
import { isMetric, isSensorId, METRICS, parseSenmlPack, SenmlRecordSchema } from '@zonetrace/contracts'
import fc from 'fast-check'
import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'

const NOW = 1_764_400_000_000
const schema = Compile(SenmlRecordSchema)

/** Values of every JSON type, some of them right for some field. */
const anyValue = fc.oneof(
  fc.constantFrom('s-0001:', 'ph', 'pH', '', 'bad id:ph', ':ph'),
  fc.constantFrom(0, 1, 2, 4, 5, -2.5, 1e306, 1_764_400_000),
  fc.constantFrom(null, true, false, {}, [], [1]),
)

/** Mostly a well-typed value, sometimes any value, sometimes absent. */
const field = (good: fc.Arbitrary<unknown>) => fc.option(fc.oneof({ weight: 9, arbitrary: good }, anyValue))

const wildRecord = fc
  .record({
    bn: field(fc.constantFrom('s-0001:', 's-0002:ph', 's-0003', 'bad id:', ':', '')),
    bt: field(fc.constantFrom(1_764_400_000, 0, -60, 1e306)),
    bu: field(fc.constantFrom('pH', 'ppt', 'mg/L')),
    bv: field(fc.constantFrom(0, 0.5, 1e308)),
    n: field(fc.constantFrom('ph', 'salinity', ':ph', 's-0004:salinity', 'unobtainium', '')),
    v: field(fc.oneof(fc.double({ min: -10, max: 60, noNaN: true }), fc.constant(1e308))),
    u: field(fc.constantFrom('pH', 'ppt', 'mg/L')),
    t: field(fc.constantFrom(0, -30, 1_764_400_010, 1e306)),
    zq: field(fc.constantFrom(0, 1, 2, 3, 4, 5)),
    vs: fc.option(fc.constant('text'), { freq: 8 }),
  })
  .map(withoutAbsent)

/** A record as a working gateway sends it, now and then with one field gone wrong. */
const plausibleRecord = fc
  .record({
    metric: fc.constantFrom('ph', 'salinity', 'dissolved_oxygen'),
    bn: fc.option(fc.constant('s-0001:'), { freq: 4 }),
    unit: fc.option(fc.boolean()),
    v: fc.double({ min: -10, max: 60, noNaN: true }),
    t: fc.option(fc.constantFrom(0, -30, 1_764_400_010)),
    zq: fc.option(fc.constantFrom(0, 2, 3, 4), { freq: 2 }),
    wrong: fc.option(fc.record({ key: fc.constantFrom('n', 'u', 'v', 't', 'zq', 'bt'), value: anyValue }), {
      freq: 3,
    }),
  })
  .map(({ metric, bn, unit, v, t, zq, wrong }) => {
    const r = withoutAbsent({
      bn,
      n: bn === null ? `s-0001:${metric}` : metric,
      // As `u`, as `bu`, or left out.
      [unit ? 'u' : 'bu']: unit === null ? null : METRICS[metric].unit,
      v,
      t,
      zq,
    })
    return wrong === null ? r : { ...r, [wrong.key]: wrong.value }
  })

const record = fc.oneof(wildRecord, plausibleRecord)

/** fc.option gives null for "absent": those keys are dropped, as a gateway would not send them. */
function withoutAbsent(r: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))
}

/** The rules beyond the schema, for a record the schema accepted. */
function keepsTheRulesNoSchemaStates(r: Record<string, unknown>): boolean {
  // A record without n, v or t only sets base fields: nothing to name, measure or time.
  if (r.n === undefined && r.v === undefined && r.t === undefined) return true
  const name = ((r.bn as string | undefined) ?? '') + ((r.n as string | undefined) ?? '')
  const split = name.lastIndexOf(':')
  const sensorId = name.slice(0, split)
  const metric = name.slice(split + 1)
  if (split <= 0 || !isSensorId(sensorId) || !isMetric(metric)) return false
  const unit = r.u ?? r.bu
  if (unit !== undefined && unit !== METRICS[metric].unit) return false
  const value = ((r.bv as number | undefined) ?? 0) + (r.v as number)
  const seconds = ((r.bt as number | undefined) ?? 0) + ((r.t as number | undefined) ?? 0)
  return Number.isFinite(value) && Number.isFinite(seconds * 1000)
}

function parserTakes(r: Record<string, unknown>): boolean {
  const parsed = parseSenmlPack(JSON.stringify([r]), NOW)
  return parsed.ok && parsed.rejected.length === 0
}

describe('one SenML record: parseSenmlPack against the compiled SenmlRecordSchema', () => {
  it('takes a record exactly when the schema accepts it and it keeps the rules no schema states', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(parserTakes(r)).toBe(schema.Check(r) && keepsTheRulesNoSchemaStates(r))
      }),
      { numRuns: 5000 },
    )
  })

  it('sees both sides of the question in the records it draws', () => {
    const drawn = fc.sample(record, { numRuns: 2000, seed: 42 })
    const taken = drawn.filter(parserTakes).length
    expect(taken).toBeGreaterThan(100)
    expect(drawn.length - taken).toBeGreaterThan(100)
  })
})
