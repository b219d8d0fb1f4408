// fast-check arbitraries read from the app's own OpenAPI document: for each field, values the schema says
// are plausible (so a request gets past the first check and into the code behind it) mixed with hostile
// ones (NUL, control and bidi characters, unpaired surrogates, huge strings and numbers, dates in year 0
// and 9999, wrong types, deep nesting, __proto__).
import fc from 'fast-check'

export type JsonSchema = Record<string, unknown>

/** Values a field of this name may hold in the seeded registry, so fuzzed requests reach real records. */
export type KnownValues = Record<string, readonly string[]>

const BIG = 'x'.repeat(1_000_000)

const hostileStrings = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u0001\u0008\u001f',
  'x\u007fy',
  '\u0085\u009f',
  '\ud800',
  'a\udc00b',
  'abc\u202egnp.exe',
  '\u2066x\u2069',
  '',
  ' ',
  '%00',
  '%',
  '../../../etc/passwd',
  "'; drop table lots; --",
  '=HYPERLINK("http://x")',
  'X;=1+1',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  '2026-02-30',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  'e\u0301',
  'Hòa Tân',
  '🦐'.repeat(300),
  'a'.repeat(70_000),
  BIG,
)

const hostileNumbers = fc.constantFrom(
  -1,
  0,
  -0,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 63,
  1e308,
  -1e308,
  Number.MIN_VALUE,
)

function nested(depth: number): unknown {
  let v: unknown = 'deep'
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

const hostileShapes = fc.constantFrom<unknown>(
  null,
  true,
  {},
  [],
  [null],
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  nested(40),
)

/** Anything at all, most of it wrong for the field. */
export const hostileText = hostileStrings

export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileStrings },
  { weight: 2, arbitrary: hostileNumbers },
  { weight: 2, arbitrary: hostileShapes },
)

export interface Resolver {
  deref(schema: JsonSchema): JsonSchema
}

/** A plausible value for a schema, or (sometimes) a hostile one in its place, at every depth. */
export function valueFor(
  schema: JsonSchema,
  name: string,
  known: KnownValues,
  doc: Resolver,
  depth = 0,
): fc.Arbitrary<unknown> {
  // Rare enough per field that most requests are valid but for one field, so each hostile value gets
  // past the schema's other checks and reaches the code behind them.
  return fc.oneof(
    { weight: 10, arbitrary: plausible(doc.deref(schema), name, known, doc, depth) },
    { weight: 1, arbitrary: hostile },
  )
}

function plausible(
  schema: JsonSchema,
  name: string,
  known: KnownValues,
  doc: Resolver,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null)
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined
  if (union && union.length > 0)
    return fc.oneof(...union.map((s) => plausible(doc.deref(s), name, known, doc, depth)))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      return stringFor(schema, name, known)
    case 'integer': {
      const min = Math.max(num(schema.minimum ?? schema.exclusiveMinimum, -5), Number.MIN_SAFE_INTEGER)
      const max = Math.min(num(schema.maximum, min + 1000), Number.MAX_SAFE_INTEGER)
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.floor(max), Math.ceil(min)) })
    }
    case 'number': {
      const min = num(schema.minimum ?? schema.exclusiveMinimum, -1000)
      return fc.double({ min, max: Math.max(num(schema.maximum, min + 1000), min), noNaN: true })
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const items = (schema.items as JsonSchema | undefined) ?? {}
      return fc.array(valueFor(items, singular(name), known, doc, depth + 1), { maxLength: 3 })
    }
    case 'object':
      return objectFor(schema, known, doc, depth)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function objectFor(
  schema: JsonSchema,
  known: KnownValues,
  doc: Resolver,
  depth: number,
): fc.Arbitrary<unknown> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required as string[] | undefined) ?? [])
  const shape: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, child] of Object.entries(props)) shape[key] = valueFor(child, key, known, doc, depth + 1)
  // Mostly with every required field, sometimes missing some; sometimes with a field nobody declared.
  const requiredKeys = Object.keys(shape).filter((k) => required.has(k))
  return fc
    .tuple(
      fc.record(shape, { requiredKeys }),
      rarely(fc.tuple(fc.constantFrom('__proto__', 'extra', 'constructor'), hostile)),
      requiredKeys.length > 0 ? rarely(fc.subarray(requiredKeys, { minLength: 1 })) : fc.constant(null),
    )
    .map(([value, extra, drop]) => {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
      if (extra)
        Object.defineProperty(out, extra[0], {
          value: extra[1],
          enumerable: true,
          writable: true,
          configurable: true,
        })
      for (const key of drop ?? []) delete out[key]
      return out
    })
}

/** Null most of the time, a value one time in eight. */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb })
}

function stringFor(schema: JsonSchema, name: string, known: KnownValues): fc.Arbitrary<string> {
  const choices: fc.Arbitrary<string>[] = []
  const seeded = known[name]
  if (seeded && seeded.length > 0) choices.push(fc.constantFrom(...seeded))
  if (schema.format === 'date-time') {
    choices.push(
      fc
        .date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    )
  } else if (schema.format === 'date') {
    choices.push(
      fc
        .date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    )
  } else if (typeof schema.pattern === 'string') {
    const pattern = safePattern(schema.pattern)
    if (pattern) choices.push(fc.stringMatching(pattern).filter((s) => s.length <= num(schema.maxLength, 64)))
  }
  if (!seeded || choices.length === 0) {
    const maxLength = Math.min(num(schema.maxLength, 40), 40)
    choices.push(
      fc.string({ minLength: Math.min(num(schema.minLength, 0), maxLength), maxLength, unit: 'grapheme' }),
    )
  }
  // Now and then a string of the right shape but with text Postgres refuses or a reader is misled by.
  return fc.oneof(
    { weight: 10, arbitrary: fc.oneof(...choices) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'a\u0000b',
        '\u0000',
        'x\ud800',
        'ab\u202ec',
        'a\u0007b',
        'a\r\nb',
        'e\u0301',
      ),
    },
  )
}

function safePattern(pattern: string): RegExp | null {
  try {
    const re = new RegExp(pattern)
    fc.sample(fc.stringMatching(re), 1)
    return re
  } catch {
    return null
  }
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name
}
