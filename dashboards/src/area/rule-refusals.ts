// validateRule (contracts/src/rules.ts) words its refusals in English for API clients. The form says each in
// the person's language beside the field it is about. A refusal this table does not know (a new check in
// validateRule) is still shown, in its own words, above the form: never lost, never a 500.
import type { RuleField, RulesText } from '../pages/rules-text.ts'
import type { RuleForm } from './rule-form.ts'

type Refused = RulesText['refused']
type Where = RuleField | 'form' | ((form: RuleForm) => RuleField)

const firstFilled =
  (...fields: RuleField[]) =>
  (form: RuleForm): RuleField =>
    fields.find((f) => form[f].trim() !== '') ?? fields[0]!

/** validateRule's messages, by how each begins, with the field it is about and what the form says. */
const PLACES: [RegExp, Where, keyof Omit<Refused, 'other'>][] = [
  [/^unknown kind/, 'kind', 'unknownKind'],
  [/^unknown metric/, 'metric', 'unknownMetric'],
  [/^metric is required/, 'metric', 'metricRequired'],
  [/^severity must/, 'severity', 'severity'],
  [/^min \(.*\) must not be greater than max/, 'min', 'minAboveMax'],
  [/^a threshold rule needs/, 'min', 'thresholdNeedsLimit'],
  [/^a rate rule needs/, 'ratePerMinute', 'rateNeedsRate'],
  [/^ratePerMinute belongs/, 'ratePerMinute', 'rateOnlyForRate'],
  [/^min and max belong/, firstFilled('min', 'max'), 'limitsOnlyForThreshold'],
  [/^an offline rule needs silentSeconds/, 'silentMinutes', 'offlineNeedsSilent'],
  [/^silentSeconds must/, 'silentMinutes', 'silentRange'],
  [
    /^an offline rule takes no/,
    firstFilled('forMinutes', 'repeatCount', 'repeatMinutes', 'clearMargin', 'clearForMinutes'),
    'offlineNoTiming',
  ],
  [/^silentSeconds belongs/, 'silentMinutes', 'silentOnlyForOffline'],
  [/^forSeconds must/, 'forMinutes', 'forRange'],
  [/^clearForSeconds must/, 'clearForMinutes', 'clearForRange'],
  [/^clearMargin must not be negative/, 'clearMargin', 'marginNegative'],
  [/^clearMargin .* leaves no value/, 'clearMargin', 'marginTooWide'],
  [/^repeat\.count/, 'repeatCount', 'repeatCount'],
  [/^repeat\.withinSeconds/, 'repeatMinutes', 'repeatWindow'],
  [/^activeHours/, firstFilled('activeFrom', 'activeTo'), 'activeHours'],
  [/^name must/, 'name', 'name'],
]

/** The field a refusal of validateRule is about, and what to say there. */
export function placeRefusal(t: RulesText, form: RuleForm, message: string): [RuleField | 'form', string] {
  for (const [pattern, where, key] of PLACES) {
    if (!pattern.test(message)) continue
    return [typeof where === 'function' ? where(form) : where, t.refused[key]]
  }
  return ['form', t.refused.other(message)]
}
