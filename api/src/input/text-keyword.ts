// The `x-text` schema keyword: the platform's text rules (contracts/src/text.ts) as Ajv applies them to
// every string a request carries. It normalises in place (NFC, LF line ends), and for date and date-time
// strings it also refuses instants outside 2000–2100, where only a typo lives and where some spellings
// (year 0) are not even valid Postgres timestamps.
import { checkText, IMPLAUSIBLE_INSTANT, isPlausibleInstant, type TextKind } from '@zonetrace/contracts'
import type { Ajv, AnySchemaObject, SchemaValidateFunction } from 'ajv'

export const TEXT_KEYWORD = 'x-text'
/** Numbers must be finite: Ajv coerces "1e309" in a URL to Infinity, then skips `maximum` for it. */
export const FINITE_KEYWORD = 'x-finite'

export function addTextKeyword(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: TEXT_KEYWORD,
    type: 'string',
    modifying: true,
    errors: true,
    metaSchema: { enum: ['line', 'free'] },
    validate: validateText,
  })
  ajv.addKeyword({
    keyword: FINITE_KEYWORD,
    // No `type`: Ajv does not count Infinity as a number, so a typed keyword would never see it.
    errors: true,
    metaSchema: { type: 'boolean' },
    validate: validateFinite,
  })
  return ajv
}

const validateText: SchemaValidateFunction = (
  kind: TextKind,
  data: unknown,
  parentSchema?: AnySchemaObject,
  dataCxt?,
) => {
  if (typeof data !== 'string') return true
  const verdict = checkText(data, kind)
  if (!verdict.ok) return fail(verdict.reason)
  const format = parentSchema?.format
  // A time Date cannot read (a leap second) is left to the route, which says so in its own words.
  const instant = format === 'date-time' || format === 'date' ? Date.parse(data) : Number.NaN
  if (!Number.isNaN(instant) && !isPlausibleInstant(instant)) {
    return fail(IMPLAUSIBLE_INSTANT)
  }
  if (verdict.value !== data && dataCxt?.parentData) {
    dataCxt.parentData[dataCxt.parentDataProperty] = verdict.value
  }
  return true
}

const validateFinite: SchemaValidateFunction = (_on: boolean, data: unknown) => {
  if (typeof data !== 'number' || Number.isFinite(data)) return true
  validateFinite.errors = [{ keyword: FINITE_KEYWORD, message: 'must be a finite number', params: {} }]
  return false
}

function fail(message: string): false {
  validateText.errors = [{ keyword: TEXT_KEYWORD, message, params: {} }]
  return false
}
