// The form that adds a custom rule: every field the rule engine evaluates, each with what it does beside it.
// It posts without script; a refused form comes back with what was typed and the reason beside each field.
import { displayUnit, html, type Markup } from '@zonetrace/api'
import { type Lang, METRIC_NAMES, METRICS, RULE_KINDS, SEVERITIES } from '@zonetrace/contracts'
import type { RuleCheck, RuleForm } from '../area/rule-form.ts'
import { textFor } from '../i18n.ts'
import type { RuleField, RulesText } from './rules-text.ts'

/** What an empty form starts with: a threshold rule of major severity that alerts at once. */
export const BLANK_RULE: RuleForm = {
  kind: 'threshold',
  metric: '',
  min: '',
  max: '',
  ratePerMinute: '',
  silentMinutes: '',
  forMinutes: '',
  repeatCount: '',
  repeatMinutes: '',
  clearMargin: '',
  clearForMinutes: '',
  activeFrom: '',
  activeTo: '',
  severity: 'major',
  name: '',
}

const id = (field: RuleField) => `rule-${field}`

/** The aria attributes and error line of one field. */
function described(t: RulesText, check: RuleCheck | undefined, field: RuleField) {
  const error = check?.errors[field]
  const hint = t.hint[field]
  const ids = [hint ? `${id(field)}-hint` : '', error ? `${id(field)}-error` : ''].filter(Boolean).join(' ')
  return {
    hint: hint ? html`<span class="hint" id="${id(field)}-hint">${hint}</span>` : '',
    error: error ? html`<span class="field-error" id="${id(field)}-error">${error}</span>` : '',
    aria: html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
  }
}

function input(
  t: RulesText,
  form: RuleForm,
  check: RuleCheck | undefined,
  field: RuleField,
  kind: 'decimal' | 'numeric' | 'time' | 'text' = 'decimal',
): Markup {
  const d = described(t, check, field)
  const type =
    kind === 'time'
      ? html`type="time"`
      : kind === 'text'
        ? html`maxlength="200"`
        : html`inputmode="${kind}" autocomplete="off"`
  return html`<div><label for="${id(field)}">${t.label[field]}${d.hint}</label>${d.error}<input id="${id(field)}" name="${field}" ${type} value="${form[field]}"${d.aria}></div>`
}

function select(
  t: RulesText,
  form: RuleForm,
  check: RuleCheck | undefined,
  field: RuleField,
  options: [string, string][],
): Markup {
  const d = described(t, check, field)
  return html`<div><label for="${id(field)}">${t.label[field]}${d.hint}</label>${d.error}<select id="${id(field)}" name="${field}"${d.aria}>${options.map(
    ([value, label]) =>
      html`<option value="${value}"${form[field] === value ? html` selected` : ''}>${label}</option>`,
  )}</select></div>`
}

function kindChoice(t: RulesText, form: RuleForm, check: RuleCheck | undefined): Markup {
  const error = check?.errors.kind
  return html`<fieldset class="checks"${error ? html` aria-describedby="${id('kind')}-error"` : ''}><legend>${t.kindLegend}</legend>${error ? html`<span class="field-error" id="${id('kind')}-error">${error}</span>` : ''}${RULE_KINDS.map(
    (k) =>
      html`<label><input type="radio" name="kind" value="${k}"${form.kind === k ? html` checked` : ''}><span><strong>${t.kinds[k].name}</strong>: ${t.kinds[k].hint}</span></label>`,
  )}</fieldset>`
}

export function ruleForm(
  lang: Lang,
  t: RulesText,
  code: string,
  csrfToken: string,
  check: RuleCheck | undefined,
): Markup {
  const form = check?.form ?? BLANK_RULE
  const metrics: [string, string][] = [
    ['', t.every],
    ...METRIC_NAMES.map((m): [string, string] => [
      m,
      `${METRICS[m].label[lang]} (${displayUnit(METRICS[m].unit)})`,
    ]),
  ]
  const severities = SEVERITIES.map((s): [string, string] => [s, textFor(lang).severity[s]])
  const field = (f: RuleField, kind?: 'decimal' | 'numeric' | 'time' | 'text') =>
    input(t, form, check, f, kind)
  return html`<form class="panel" method="post" action="/console/areas/${code}/rules" aria-labelledby="add-rule">
<input type="hidden" name="_csrf" value="${csrfToken}">
<h2 id="add-rule">${t.addTitle}</h2><p class="hint">${t.addLead}</p>
${check?.errors.form ? html`<p class="field-error">${check.errors.form}</p>` : ''}
${kindChoice(t, form, check)}
${select(t, form, check, 'metric', metrics)}
<div class="inline">${field('min')}${field('max')}</div>
${field('ratePerMinute')}
${field('silentMinutes')}
${field('forMinutes')}
<div class="inline">${field('repeatCount', 'numeric')}${field('repeatMinutes')}</div>
<div class="inline">${field('clearMargin')}${field('clearForMinutes')}</div>
<div class="inline">${field('activeFrom', 'time')}${field('activeTo', 'time')}</div>
${select(t, form, check, 'severity', severities)}
${field('name', 'text')}
<button type="submit">${t.add}</button>
</form>`
}
