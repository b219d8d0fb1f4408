// Gives every string a request schema declares the platform's text rule, and every string and integer a
// bound, so a route cannot forget them: a route declares only what is special about a field (free text,
// a pattern, a tighter length), and the rest holds by default. Applied to a copy of the route's request
// schemas, because TypeBox schema objects are shared with response schemas and with other routes.
import { FINITE_KEYWORD, TEXT_KEYWORD } from './text-keyword.ts'

/** A string without its own maxLength: long enough for any name, short enough for a btree index. */
const DEFAULT_LINE_MAX = 1000
const DEFAULT_FREE_MAX = 10_000
/** Integers without their own bounds fit a Postgres integer column. */
const INT32_MAX = 2_147_483_647

type Schema = Record<string, unknown>

/** A copy of a request schema with the text rule and default bounds on every string and integer. */
export function withInputRules<T>(schema: T): T {
  return ruled(structuredClone(schema)) as T
}

function ruled(node: unknown): unknown {
  if (Array.isArray(node)) {
    for (const item of node) ruled(item)
    return node
  }
  if (typeof node !== 'object' || node === null) return node
  const s = node as Schema
  const types = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('string')) {
    s[TEXT_KEYWORD] ??= 'line'
    s.maxLength ??= s[TEXT_KEYWORD] === 'free' ? DEFAULT_FREE_MAX : DEFAULT_LINE_MAX
  }
  if (types.includes('integer') || types.includes('number')) s[FINITE_KEYWORD] = true
  if (types.includes('integer')) {
    if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = INT32_MAX
    if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = -INT32_MAX
  }
  for (const key of ['properties', 'patternProperties', '$defs', 'definitions']) {
    const children = s[key]
    if (children && typeof children === 'object') for (const child of Object.values(children)) ruled(child)
  }
  for (const key of [
    'items',
    'additionalProperties',
    'not',
    'if',
    'then',
    'else',
    'anyOf',
    'oneOf',
    'allOf',
  ]) {
    if (s[key] !== undefined) ruled(s[key])
  }
  return s
}
