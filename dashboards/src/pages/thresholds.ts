// The thresholds page: the area's preset with every limit in force and where each value comes from, then
// one small form per limit to set or clear the area's own lower/upper value. Forms post without script and
// a refused one comes back with what was typed and the reason beside the field.
import { displayUnit, formatDateTime, formatNumber, html, type Markup } from '@zonetrace/api'
import { isMetric, type Lang, METRICS, type Severity, type ZoneThresholds } from '@zonetrace/contracts'
import { type Bound, type OverrideCheck, presetValue } from '../area/override-form.ts'
import { textFor } from '../i18n.ts'
import { metricLabel } from './area-facts.ts'
import { type PresetChoice, presetForm } from './preset-form.ts'
import { rulesText } from './rules-text.ts'
import { type ThresholdsText, thresholdsText } from './thresholds-text.ts'

export interface ThresholdsView {
  code: string
  name: string
  thresholds: ZoneThresholds
  csrfToken: string
  notice?: string
  /** The refused form, if the last post was refused. */
  refused?: OverrideCheck
  /** The refused preset choice, if the last preset post was refused. */
  presetRefused?: PresetChoice['refused']
}

type Limit = ZoneThresholds['limits'][number]

const decimalsOf = (metric: string) => (isMetric(metric) ? METRICS[metric].decimals : 2)
/** A stable id per limit and field, for label/for and aria-describedby. */
const fieldId = (l: Pick<Limit, 'metric' | 'severity'>, part: string) => `${l.metric}-${l.severity}-${part}`

/** "Độ mặn · Nghiêm trọng": how a limit is named in notices. */
export function limitName(lang: Lang, metric: string, severity: string): string {
  return `${metricLabel(metric, lang)} · ${textFor(lang).severity[severity as Severity] ?? severity}`
}

function limitsTable(lang: Lang, t: ThresholdsText, thresholds: ZoneThresholds): Markup {
  const sev = textFor(lang).severity
  const value = (l: Limit, bound: Bound) => {
    const v = l[bound]
    if (v === null) return '—'
    const source = bound === 'min' ? l.minSource : l.maxSource
    return html`${formatNumber(lang, v, decimalsOf(l.metric))}<br><span class="note">${source === 'override' ? t.fromOverride : t.fromPreset}</span>`
  }
  const rows = thresholds.limits.map((l) => {
    const standard = lang === 'vi' ? l.standardVi : l.standard
    const note = lang === 'vi' ? l.noteVi : l.note
    return html`<tr>
<td data-label="${t.metric}">${metricLabel(l.metric, lang)} (${displayUnit(l.unit)})</td>
<td data-label="${t.severity}">${sev[l.severity as Severity] ?? l.severity}</td>
<td data-label="${t.lower}">${value(l, 'min')}</td>
<td data-label="${t.upper}">${value(l, 'max')}</td>
<td data-label="${t.source}">${standard}${note ? html`<br><span class="note">${note}</span>` : ''}${l.unconfirmed ? html`<br><span class="note">${t.unconfirmed}</span>` : ''}</td>
</tr>`
  })
  return html`<table class="cards"><caption>${t.presetTable}</caption><thead><tr><th scope="col">${t.metric}</th><th scope="col">${t.severity}</th><th scope="col">${t.lower}</th><th scope="col">${t.upper}</th><th scope="col">${t.source}</th></tr></thead><tbody>${rows}</tbody></table>`
}

function overrideForm(lang: Lang, t: ThresholdsText, view: ThresholdsView, l: Limit): Markup {
  const own = view.thresholds.overrides.find((o) => o.metric === l.metric && o.severity === l.severity)
  const refused =
    view.refused?.form.metric === l.metric && view.refused.form.severity === l.severity ? view.refused : null
  const shown = (bound: Bound) =>
    refused ? refused.form[bound] : own?.[bound] == null ? '' : String(own[bound])
  const field = (bound: Bound) => {
    const id = fieldId(l, bound)
    const error = refused?.errors[bound]
    const preset = presetValue(view.thresholds, l.metric, l.severity, bound)
    const hint =
      preset === null ? t.noPresetValue : t.presetValue(formatNumber(lang, preset, decimalsOf(l.metric)))
    return html`<div><label for="${id}">${bound === 'min' ? t.ownMin : t.ownMax} (${displayUnit(l.unit)})<span class="hint" id="${id}-hint">${hint}</span></label>${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}<input id="${id}" name="${bound}" inputmode="decimal" autocomplete="off" value="${shown(bound)}" aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? html` aria-invalid="true"` : ''}></div>`
  }
  const changed = own?.updatedBy
    ? html`<p class="note">${t.by(own.updatedBy, formatDateTime(own.updatedAt))} <span class="note">(${t.clock})</span></p>`
    : ''
  return html`<form class="panel" method="post" action="/console/areas/${view.code}/thresholds" aria-labelledby="${fieldId(l, 'title')}">
<input type="hidden" name="_csrf" value="${view.csrfToken}"><input type="hidden" name="metric" value="${l.metric}"><input type="hidden" name="severity" value="${l.severity}">
<h3 id="${fieldId(l, 'title')}">${limitName(lang, l.metric, l.severity)}</h3>
${refused?.errors.limit ? html`<p class="field-error">${refused.errors.limit}</p>` : ''}${changed}
<div class="inline">${field('min')}${field('max')}</div>
<button type="submit" name="action" value="save">${t.save}</button>${own ? html` <button type="submit" class="secondary" name="action" value="clear">${t.clear}</button>` : ''}
</form>`
}

export function thresholdsMain(lang: Lang, view: ThresholdsView): Markup {
  const t = thresholdsText(lang)
  const { thresholds } = view
  const preset = thresholds.preset
  const errors = view.refused
    ? Object.values(view.refused.errors)
    : view.presetRefused
      ? [view.presetRefused.error]
      : []
  const problem =
    errors.length > 0
      ? html`<div class="error" role="alert"><h2>${t.problem}</h2><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
      : ''
  return html`<p><a href="/console/areas/${view.code}">${t.backToArea}</a> · <a href="/console/areas/${view.code}/rules">${rulesText(lang).link}</a></p>
<h1>${t.title(view.code)}</h1>
<p class="lead">${view.name}</p>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}${problem}
<dl class="facts"><dt>${t.preset}</dt><dd>${preset ? html`${preset.label[lang]}<br><span class="note">${preset.standard}</span>` : t.noPreset}</dd></dl>
${
  preset && thresholds.limits.length > 0
    ? html`<p>${t.lead}</p>${limitsTable(lang, t, thresholds)}
<section aria-labelledby="own"><h2 id="own">${t.overridesTitle}</h2><p class="hint">${t.overridesLead}</p>${thresholds.overrides.length === 0 ? html`<p>${t.noOverrides}</p>` : ''}
${thresholds.limits.map((l) => overrideForm(lang, t, view, l))}</section>`
    : ''
}
${presetForm(lang, { code: view.code, current: preset?.id ?? null, csrfToken: view.csrfToken, refused: view.presetRefused })}`
}
