// The thresholds page's preset choice: every preset with its standard and what it limits, the area's own
// checked, and "none". One POST form without script; the route keeps the area's own values that still fit.
import { html, type Markup } from '@zonetrace/api'
import {
  type Lang,
  METRICS,
  PRESET_IDS,
  THRESHOLD_PRESETS,
  type ThresholdLimit,
  thresholdTextVi,
} from '@zonetrace/contracts'
import { thresholdsText } from './thresholds-text.ts'

export interface PresetChoice {
  code: string
  /** The preset the area follows, or null. */
  current: string | null
  csrfToken: string
  /** What was chosen and why it was refused, if the last post was refused. */
  refused?: { preset: string; error: string }
}

/** The value the form posts for "no preset". */
export const NO_PRESET = 'none'

function metricsOf(lang: Lang, limits: readonly ThresholdLimit[]): string {
  return [...new Set(limits.map((l) => METRICS[l.metric].label[lang]))].join(', ')
}

export function presetForm(lang: Lang, choice: PresetChoice): Markup {
  const t = thresholdsText(lang)
  const chosen = choice.refused ? choice.refused.preset : (choice.current ?? NO_PRESET)
  const error = choice.refused?.error
  const option = (value: string, label: Markup | string) =>
    html`<label><input type="radio" name="preset" value="${value}"${chosen === value ? html` checked` : ''}><span>${label}</span></label>`
  const presets = PRESET_IDS.map((id) => {
    const p = THRESHOLD_PRESETS[id]
    const standard = lang === 'vi' ? thresholdTextVi(p.standard) : p.standard
    return option(
      id,
      html`<strong>${p.label[lang]}</strong><br><span class="note">${standard}. ${t.presetLimits(metricsOf(lang, p.limits))}</span>`,
    )
  })
  return html`<form class="panel" method="post" action="/console/areas/${choice.code}/thresholds/preset" aria-labelledby="preset-title">
<input type="hidden" name="_csrf" value="${choice.csrfToken}">
<h2 id="preset-title">${t.presetTitle}</h2>
<p class="hint" id="preset-lead">${t.presetLead}</p>
<fieldset class="checks" aria-describedby="preset-lead${error ? ' preset-error' : ''}"><legend>${t.preset}</legend>
${error ? html`<span class="field-error" id="preset-error">${error}</span>` : ''}${presets}${option(NO_PRESET, t.noneOption)}</fieldset>
<button type="submit">${t.changePreset}</button>
</form>`
}
