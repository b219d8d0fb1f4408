// One custom rule as typed into the rules form, turned into the body POST /api/v1/rules takes (RuleBody)
// and checked as the API checks it: the same TypeBox schema, then validateRule (contracts/src/rules.ts), the
// one place that says what a rule may be. Durations are typed in minutes, as officers think of them, and
// sent in whole seconds. Every refusal is placed beside its field (rule-refusals.ts).
import { RuleBody, validateRule } from '@zonetrace/contracts'
import Value from 'typebox/value'
import type { RuleField, RulesText } from '../pages/rules-text.ts'
import { parseNumber } from './override-form.ts'
import { placeRefusal } from './rule-refusals.ts'

/** The fields as typed, every one a string (empty when left blank). */
export type RuleForm = Record<RuleField, string>

export const RULE_FIELDS: readonly RuleField[] = [
  'kind',
  'metric',
  'min',
  'max',
  'ratePerMinute',
  'silentMinutes',
  'forMinutes',
  'repeatCount',
  'repeatMinutes',
  'clearMargin',
  'clearForMinutes',
  'activeFrom',
  'activeTo',
  'severity',
  'name',
]

/** What was typed, kept for the form, with a message per refused field (`form`: the rule as a whole). */
export interface RuleCheck {
  form: RuleForm
  errors: Partial<Record<RuleField | 'form', string>>
}

/** The posted body as a complete form: anything missing or not a string is an empty field. */
export function ruleFormOf(body: Partial<Record<string, unknown>>): RuleForm {
  const form = {} as RuleForm
  for (const f of RULE_FIELDS) form[f] = typeof body[f] === 'string' ? (body[f] as string) : ''
  return form
}

const filled = (text: string) => text.trim() !== ''

/** Seconds from minutes as typed ("1,5" is 90 s); whole seconds, since nothing finer is meaningful. */
const secondsOf = (minutes: number) => Math.round(minutes * 60)

/**
 * The RuleBody for the area, or the refusals. A field that is not a number is refused here; everything else
 * is left to the schema and validateRule, whose refusals are then placed beside their fields.
 */
export function checkRuleForm(
  t: RulesText,
  zone: string,
  form: RuleForm,
): { ok: true; body: RuleBody } | ({ ok: false } & RuleCheck) {
  const errors: RuleCheck['errors'] = {}
  const number = (field: RuleField): number | undefined => {
    if (!filled(form[field])) return undefined
    const n = parseNumber(form[field])
    if (n === null) errors[field] = t.notANumber
    return n ?? undefined
  }
  const whole = (field: RuleField): number | undefined => {
    const n = number(field)
    if (n !== undefined && !Number.isInteger(n)) errors[field] = t.notAWholeNumber
    return n
  }
  const seconds = (field: RuleField) => {
    const n = number(field)
    return n === undefined ? undefined : secondsOf(n)
  }
  const text = (field: RuleField) => (filled(form[field]) ? form[field].trim() : undefined)

  const min = number('min')
  const max = number('max')
  const ratePerMinute = number('ratePerMinute')
  const clearMargin = number('clearMargin')
  const silentSeconds = seconds('silentMinutes')
  const forSeconds = seconds('forMinutes')
  const clearForSeconds = seconds('clearForMinutes')
  const count = whole('repeatCount')
  const withinSeconds = seconds('repeatMinutes')
  if (Object.keys(errors).length > 0) return { ok: false, form, errors }

  const from = text('activeFrom')
  const to = text('activeTo')
  const body: RuleBody = {
    zone,
    severity: form.severity,
    ...(text('kind') === undefined ? {} : { kind: text('kind') }),
    ...(text('metric') === undefined ? {} : { metric: text('metric') }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(ratePerMinute === undefined ? {} : { ratePerMinute }),
    ...(silentSeconds === undefined ? {} : { silentSeconds }),
    ...(forSeconds === undefined ? {} : { forSeconds }),
    ...(count === undefined && withinSeconds === undefined ? {} : { repeat: { count, withinSeconds } }),
    ...(clearMargin === undefined ? {} : { clearMargin }),
    ...(clearForSeconds === undefined ? {} : { clearForSeconds }),
    // One time given without the other is sent as typed, so validateRule names the missing one.
    ...(from === undefined && to === undefined ? {} : { activeHours: { from: from ?? '', to: to ?? '' } }),
    ...(text('name') === undefined ? {} : { name: text('name') }),
  }
  // The schema only checks JSON types, which the form cannot get wrong; kept so this stays the API's check.
  if (!Value.Check(RuleBody, body)) {
    const first = [...Value.Errors(RuleBody, body)][0]
    return { ok: false, form, errors: { form: t.refused.other(first?.message ?? 'RuleBody') } }
  }
  const checked = validateRule(body)
  if (checked.ok) return { ok: true, body }
  for (const message of checked.errors) {
    const [field, said] = placeRefusal(t, form, message)
    errors[field] ??= said
  }
  return { ok: false, form, errors }
}
