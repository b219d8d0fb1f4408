// The product form (new and edit): plain inputs that post without script, each problem beside its field.
// <gtin-check> (dashboards/islands) wraps the GTIN input and says what is wrong with it as it is typed,
// without ever stopping the form from being sent: the server says the same.
import { html, type Markup, strings } from '@zonetrace/api'
import { type Lang, OCOP_GROUPS } from '@zonetrace/contracts'
import type { ProductErrors, ProductForm } from '../product-form.ts'
import { type ProductField, productsText } from './products-text.ts'

export interface ProductEditPage {
  /** The product id being edited, or null for a new product. */
  editing: string | null
  form: ProductForm
  errors: ProductErrors
  csrfToken: string
}

const id = (field: string) => `product-${field}`

function described(lang: Lang, errors: ProductErrors, field: ProductField) {
  const t = productsText(lang)
  const hint = t.hint[field]
  const error = errors[field]
  const ids = [hint ? `${id(field)}-hint` : '', error ? `${id(field)}-error` : ''].filter(Boolean).join(' ')
  return {
    label: html`<label for="${id(field)}">${t.label[field]}${hint ? html`<span class="hint" id="${id(field)}-hint">${hint}</span>` : ''}</label>`,
    error: html`<span class="field-error" id="${id(field)}-error"${field === 'gtin' ? html` aria-live="polite"` : ''}>${error ?? ''}</span>`,
    aria: html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
    hasError: Boolean(error),
  }
}

function input(lang: Lang, p: ProductEditPage, field: ProductField, extra: Markup = html``): Markup {
  const d = described(lang, p.errors, field)
  return html`<div>${d.label}${d.hasError ? d.error : ''}<input id="${id(field)}" name="${field}" value="${p.form[field]}"${extra}${d.aria}></div>`
}

function gtinInput(lang: Lang, p: ProductEditPage): Markup {
  const d = described(lang, p.errors, 'gtin')
  // The error line is always there (empty when fine) so the island's words land in a live region that the
  // screen reader already knows.
  return html`<gtin-check data-lang="${lang}">${d.label}${d.error}<input id="${id('gtin')}" name="gtin" value="${p.form.gtin}" inputmode="numeric" autocomplete="off" maxlength="20" aria-describedby="${id('gtin')}-hint ${id('gtin')}-error"${d.hasError ? html` aria-invalid="true"` : ''}></gtin-check>`
}

export function productEditMain(lang: Lang, p: ProductEditPage): Markup {
  const t = productsText(lang)
  const title = p.editing ? t.editTitle(p.form.name) : t.newTitle
  const action = p.editing
    ? `/workspace/products/${encodeURIComponent(p.editing)}/edit`
    : '/workspace/products/new'
  const group = described(lang, p.errors, 'group')
  const starsError = p.errors.stars
  const anyError = Object.keys(p.errors).length > 0
  return html`<p><a href="/workspace/products">${t.backToList}</a></p>
<h1>${title}</h1>
${anyError ? html`<div class="error" role="alert"><p>${p.errors.form ?? t.problems}</p></div>` : ''}
<form class="panel ws-form" method="post" action="${action}">
<input type="hidden" name="_csrf" value="${p.csrfToken}">
${input(lang, p, 'name', html` maxlength="200"`)}
${input(lang, p, 'nameEn', html` maxlength="200" lang="en"`)}
<div>${group.label}${group.hasError ? group.error : ''}<select id="${id('group')}" name="group"${group.aria}><option value="">${t.choose}</option>${OCOP_GROUPS.map(
    (g) =>
      html`<option value="${g}"${p.form.group === g ? html` selected` : ''}>${strings(lang).ocopGroup[g]}</option>`,
  )}</select></div>
<fieldset class="checks ws-stars"${starsError ? html` aria-describedby="${id('stars')}-error"` : ''}><legend>${t.label.stars}</legend>
${starsError ? html`<span class="field-error" id="${id('stars')}-error">${starsError}</span>` : ''}${[
  1, 2, 3, 4, 5,
].map(
  (n) =>
    html`<label><input type="radio" name="stars" value="${n}"${p.form.stars === String(n) ? html` checked` : ''}><span>${t.stars(n)}</span></label>`,
)}</fieldset>
${gtinInput(lang, p)}
${input(lang, p, 'certificateNo', html` maxlength="64"`)}
<div class="inline">${input(lang, p, 'certifiedOn', html` type="date"`)}${input(lang, p, 'certificateExpiresOn', html` type="date"`)}</div>
<button type="submit" class="ws-submit">${t.save}</button>
</form>`
}
