// One labelled form field of the lot pages: label, hint and error tied to the control by aria, so a screen
// reader says why a field was refused, and the typed value kept.
import { html, type Markup } from '@zonetrace/api'

export interface FieldOpts {
  id: string
  label: string
  hint?: string | undefined
  error?: string | undefined
}

export function described(o: FieldOpts) {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ')
  return {
    hint: o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : '',
    error: o.error ? html`<span class="field-error" id="${o.id}-error">${o.error}</span>` : '',
    aria: html`${ids ? html` aria-describedby="${ids}"` : ''}${o.error ? html` aria-invalid="true"` : ''}`,
  }
}

/** An input; `attrs` is the rest of its attributes (type, inputmode, required…), already markup. */
export function inputField(o: FieldOpts & { name: string; value: string; attrs?: Markup }): Markup {
  const d = described(o)
  return html`<div><label for="${o.id}">${o.label}${d.hint}</label>${d.error}<input id="${o.id}" name="${o.name}" value="${o.value}"${o.attrs ?? ''}${d.aria}></div>`
}

export function selectField(
  o: FieldOpts & { name: string; value: string; options: readonly (readonly [string, string])[] },
): Markup {
  const d = described(o)
  return html`<div><label for="${o.id}">${o.label}${d.hint}</label>${d.error}<select id="${o.id}" name="${o.name}"${d.aria}>${o.options.map(
    ([value, label]) =>
      html`<option value="${value}"${o.value === value ? html` selected` : ''}>${label}</option>`,
  )}</select></div>`
}

export function noticeOf(
  notice: string | undefined,
  problem: string | undefined,
  problemTitle: string,
): Markup {
  return html`${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}${
    problem ? html`<div class="error" role="alert"><h2>${problemTitle}</h2><p>${problem}</p></div>` : ''
  }`
}
