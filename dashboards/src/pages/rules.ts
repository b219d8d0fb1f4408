// The custom rules page: the area's own alert rules in plain words (what breaks them, for how long, when they
// clear), a button to delete each, and the form that adds one. Preset rules live on the thresholds page.
import { displayUnit, formatDateTime, formatNumber, html, type Markup } from '@zonetrace/api'
import { isMetric, type Lang, METRICS, type Rule } from '@zonetrace/contracts'
import type { RuleCheck } from '../area/rule-form.ts'
import { textFor } from '../i18n.ts'
import { metricLabel } from './area-facts.ts'
import { ruleForm } from './rules-form.ts'
import { type RulesText, rulesText } from './rules-text.ts'

export interface RulesView {
  code: string
  name: string
  /** Custom rules in force that watch the area (its own, or one of its gateways or sensors). */
  rules: Rule[]
  presetRules: number
  csrfToken: string
  notice?: string
  /** The refused form, if the last post was refused. */
  refused?: RuleCheck
  /** A refused delete. */
  problem?: string
}

const minutes = (lang: Lang, seconds: number) => formatNumber(lang, seconds / 60, 2)

function condition(lang: Lang, t: RulesText, r: Rule): Markup {
  const unit = r.metric && isMetric(r.metric) ? displayUnit(METRICS[r.metric].unit) : ''
  const n = (v: number) => `${formatNumber(lang, v, 4)}${unit ? ` ${unit}` : ''}`
  const what = r.metric ? metricLabel(r.metric, lang) : t.allChannels
  const scope = r.sensorId ? t.scopeSensor(r.sensorId) : r.gatewayId ? t.scopeGateway(r.gatewayId) : ''
  const test =
    r.kind === 'offline'
      ? t.silent(minutes(lang, r.silentSeconds ?? 0))
      : r.kind === 'rate'
        ? t.faster(formatNumber(lang, r.ratePerMinute ?? 0, 4), unit)
        : r.min !== null && r.max !== null
          ? t.between(n(r.min), n(r.max))
          : r.min !== null
            ? t.below(n(r.min))
            : t.above(n(r.max ?? 0))
  return html`${what}: ${test}${scope ? html`<br><span class="note">${scope}</span>` : ''}`
}

function timing(lang: Lang, t: RulesText, r: Rule): Markup {
  const parts = [
    r.forSeconds > 0 ? t.holds(minutes(lang, r.forSeconds)) : '',
    r.repeat ? t.repeats(r.repeat.count, minutes(lang, r.repeat.withinSeconds)) : '',
    r.clearMargin > 0 || r.clearForSeconds > 0
      ? t.clears(formatNumber(lang, r.clearMargin, 4), minutes(lang, r.clearForSeconds))
      : '',
    r.activeHours ? t.hours(r.activeHours.from, r.activeHours.to) : t.always,
  ].filter(Boolean)
  return html`${parts.map((p, i) => html`${i > 0 ? html`<br>` : ''}${p}`)}`
}

function rulesTable(lang: Lang, t: RulesText, view: RulesView): Markup {
  if (view.rules.length === 0) return html`<p>${t.none}</p>`
  const rows = view.rules.map(
    (r) => html`<tr>
<td data-label="${t.rule}">${t.kinds[r.kind].name} · ${r.id}${r.name ? html`<br><strong>${r.name}</strong>` : ''}</td>
<td data-label="${t.condition}">${condition(lang, t, r)}</td>
<td data-label="${t.timing}">${timing(lang, t, r)}</td>
<td data-label="${t.severity}"><span class="sev sev-${r.severity}">${textFor(lang).severity[r.severity]}</span></td>
<td data-label="${t.by}">${r.createdBy ?? '—'}<br><span class="note">${formatDateTime(r.createdAt)}</span></td>
<td data-label="${t.action}"><form method="post" action="/console/areas/${view.code}/rules/${r.id}/delete"><input type="hidden" name="_csrf" value="${view.csrfToken}"><button type="submit" class="warning" aria-describedby="remove-hint">${t.remove}</button></form></td>
</tr>`,
  )
  return html`<p class="note" id="remove-hint">${t.removeHint}</p><table class="cards"><caption>${t.listTitle} <span class="note">(${textFor(lang).timeZoneNote})</span></caption><thead><tr><th scope="col">${t.rule}</th><th scope="col">${t.condition}</th><th scope="col">${t.timing}</th><th scope="col">${t.severity}</th><th scope="col">${t.by}</th><th scope="col"><span class="note">${t.action}</span></th></tr></thead><tbody>${rows}</tbody></table>`
}

export function rulesMain(lang: Lang, view: RulesView): Markup {
  const t = rulesText(lang)
  const errors = view.refused ? Object.values(view.refused.errors) : view.problem ? [view.problem] : []
  const problem =
    errors.length > 0
      ? html`<div class="error" role="alert"><h2>${view.refused ? t.problem : textFor(lang).problem}</h2><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
      : ''
  return html`<p><a href="/console/areas/${view.code}">${t.backToArea}</a> · <a href="/console/areas/${view.code}/thresholds">${t.toThresholds}</a></p>
<h1>${t.title(view.code)}</h1>
<p class="lead">${view.name}</p>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}${problem}
<p>${t.lead}</p>${view.presetRules > 0 ? html`<p class="note">${t.presetNote(view.presetRules)}</p>` : ''}
<section aria-labelledby="rules-list"><h2 id="rules-list">${t.listTitle}</h2>${rulesTable(lang, t, view)}</section>
${ruleForm(lang, t, view.code, view.csrfToken, view.refused)}`
}
