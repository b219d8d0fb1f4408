// The growing-area form (new and edit): plain inputs that post without script, each problem beside its
// field. The outline is a textarea of GeoJSON or "lat,lon" lines; <area-draw> (dashboards/islands) puts a
// map above it that writes the same textarea, which stays what is posted.
import { html, type Markup } from '@zonetrace/api'
import {
  CERTIFICATION_SCHEMES,
  type Lang,
  type MapTiles,
  PRESET_IDS,
  THRESHOLD_PRESETS,
  thresholdTextVi,
} from '@zonetrace/contracts'
import type { CommuneToday } from '@zonetrace/db'
import type { AreaDrawData } from '../../../islands/lib/area-draw-data.ts'
import { scriptJson } from '../../pages/area-map.ts'
import { areaMapText } from '../../pages/area-map-text.ts'
import {
  type AreaErrors,
  type AreaForm,
  CERT_KEYS,
  certName,
  certRows,
  PUBLIC_OFFERED,
} from '../area-form.ts'
import { drawText } from './area-draw-text.ts'
import { type AreaField, areasText } from './areas-text.ts'

export interface AreaEditPage {
  /** The code being edited, or null for a new area. */
  editing: string | null
  form: AreaForm
  errors: AreaErrors
  communes: CommuneToday[]
  tiles: MapTiles | null
  csrfToken: string
}

const id = (field: string) => `area-${field}`

/** "Xã Hòa Minh (trước: Xã Hòa Minh, Xã Long Hòa…)": at most three former names, then an ellipsis. */
export function communeOption(lang: Lang, c: CommuneToday): string {
  if (c.formerNames.length === 0) return c.name
  const shown = c.formerNames.slice(0, 3).join(', ')
  return `${c.name} (${areasText(lang).formerly}: ${shown}${c.formerNames.length > 3 ? '…' : ''})`
}

function described(lang: Lang, errors: AreaErrors, field: AreaField) {
  const t = areasText(lang)
  const hint = t.hint[field]
  const error = errors[field]
  const ids = [hint ? `${id(field)}-hint` : '', error ? `${id(field)}-error` : ''].filter(Boolean).join(' ')
  return {
    label: html`<label for="${id(field)}">${t.label[field]}${hint ? html`<span class="hint" id="${id(field)}-hint">${hint}</span>` : ''}</label>${error ? html`<span class="field-error" id="${id(field)}-error">${error}</span>` : ''}`,
    aria: html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
  }
}

function textInput(lang: Lang, p: AreaEditPage, field: AreaField, extra: Markup = html``): Markup {
  const d = described(lang, p.errors, field)
  const value = p.form[field as keyof AreaForm] as string
  return html`<div>${d.label}<input id="${id(field)}" name="${field}" value="${value}"${extra}${d.aria}></div>`
}

function presetChoice(lang: Lang, p: AreaEditPage): Markup {
  const t = areasText(lang)
  const error = p.errors.preset
  const chosen = p.form.preset === '' ? 'none' : p.form.preset
  const option = (value: string, label: Markup | string) =>
    html`<label><input type="radio" name="preset" value="${value}"${chosen === value ? html` checked` : ''}><span>${label}</span></label>`
  return html`<fieldset class="checks ws-presets"${error ? html` aria-describedby="${id('preset')}-error"` : ''}><legend>${t.label.preset}</legend>
${error ? html`<span class="field-error" id="${id('preset')}-error">${error}</span>` : ''}${PRESET_IDS.map(
  (pid) => {
    const preset = THRESHOLD_PRESETS[pid]
    const standard = lang === 'vi' ? thresholdTextVi(preset.standard) : preset.standard
    return option(pid, html`<strong>${preset.label[lang]}</strong><br><span class="note">${standard}</span>`)
  },
)}${option('none', t.noPresetOption)}</fieldset>`
}

function certFields(lang: Lang, p: AreaEditPage): Markup {
  const t = areasText(lang)
  const error = p.errors.certs
  return html`<fieldset class="ws-certs-fields"${error ? html` aria-describedby="${id('certs')}-error"` : ''}><legend>${t.label.certs}</legend>
<p class="hint">${t.certLead}</p>${error ? html`<span class="field-error" id="${id('certs')}-error">${error}</span>` : ''}
${certRows(p.form).map(
  (row, i) => html`<fieldset class="ws-cert"><legend>${t.certRow(i + 1)}</legend><div class="ws-grid">
${CERT_KEYS.map((key) => {
  const name = certName(i, key)
  const label = html`<label for="${name}">${t.certField[key]}</label>`
  if (key === 'scheme') {
    return html`<div>${label}<select id="${name}" name="${name}"><option value="">${t.choose}</option>${CERTIFICATION_SCHEMES.map(
      (s) => html`<option value="${s}"${row.scheme === s ? html` selected` : ''}>${t.scheme[s]}</option>`,
    )}</select></div>`
  }
  const type = key === 'validFrom' || key === 'validTo' ? html` type="date"` : html` maxlength="200"`
  return html`<div>${label}<input id="${name}" name="${name}"${type} value="${row[key]}"></div>`
})}</div></fieldset>`,
)}</fieldset>`
}

/** Ticked unless the cooperative chose private; the hidden marker makes an unticked box mean "private". */
function publicChoice(lang: Lang, p: AreaEditPage): Markup {
  const t = areasText(lang).openData
  return html`<fieldset class="checks"><legend>${t.legend}</legend>
<input type="hidden" name="${PUBLIC_OFFERED}" value="1">
<label><input type="checkbox" id="${id('public')}" name="public" value="on"${p.form.public === false ? '' : html` checked`} aria-describedby="${id('public')}-hint"><span>${t.publish}</span></label>
<span class="hint" id="${id('public')}-hint">${t.hint}</span></fieldset>`
}

function drawData(lang: Lang, p: AreaEditPage): AreaDrawData {
  return {
    polygonId: id('polygon'),
    areaHaId: id('areaHa'),
    tiles: p.tiles && { url: p.tiles.url, attribution: p.tiles.attribution },
    lang,
    text: { ...drawText(lang), outlineAttribution: areaMapText(lang).outlineAttribution },
  }
}

export function areaEditMain(lang: Lang, p: AreaEditPage): Markup {
  const t = areasText(lang)
  const title = p.editing ? t.editTitle(p.editing) : t.newTitle
  const action = p.editing ? `/workspace/areas/${encodeURIComponent(p.editing)}/edit` : '/workspace/areas/new'
  const polygon = described(lang, p.errors, 'polygon')
  const commune = described(lang, p.errors, 'communeCode')
  const anyError = Object.keys(p.errors).length > 0
  return html`<p><a href="/workspace/areas">${t.backToList}</a></p>
<h1>${title}</h1>
${anyError ? html`<div class="error" role="alert"><p>${p.errors.form ?? t.problems}</p></div>` : ''}
<form class="panel ws-form" method="post" action="${action}">
<input type="hidden" name="_csrf" value="${p.csrfToken}">
${p.editing ? html`<input type="hidden" name="code" value="${p.editing}">` : textInput(lang, p, 'code', html` maxlength="128" autocapitalize="characters" autocomplete="off" spellcheck="false"`)}
${textInput(lang, p, 'name', html` maxlength="200"`)}
${textInput(lang, p, 'crop', html` maxlength="64"`)}
${textInput(lang, p, 'areaHa', html` inputmode="decimal" autocomplete="off"`)}
<div>${commune.label}<select id="${id('communeCode')}" name="communeCode"${commune.aria}><option value="">${t.choose}</option>${p.communes.map(
    (c) =>
      html`<option value="${c.code}"${p.form.communeCode === c.code ? html` selected` : ''}>${communeOption(lang, c)}</option>`,
  )}</select></div>
<div class="ws-polygon">${polygon.label}
<area-draw role="region" aria-label="${drawText(lang).region}"><script type="application/json">${scriptJson(drawData(lang, p))}</script></area-draw>
<textarea id="${id('polygon')}" name="polygon" rows="5" class="config" spellcheck="false"${polygon.aria}>${p.form.polygon}</textarea></div>
${presetChoice(lang, p)}
${certFields(lang, p)}
${publicChoice(lang, p)}
<button type="submit" class="ws-submit">${t.save}</button>
</form>`
}
