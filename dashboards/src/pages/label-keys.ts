// Label signing keys, for admins: which key signs, which only verify, which are revoked; rotate, and
// revoke behind a page that says what revocation does to labels already on products.
import { formatDateTime, html, type LabelKeyInfo, type Markup } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'
import { labelKeysText } from './label-keys-text.ts'

export interface LabelKeysView {
  keys: LabelKeyInfo[]
  csrfToken: string
  notice?: string
  problem?: string
}

const keyPath = (kid: string) => `/console/admin/label-keys/${encodeURIComponent(kid)}`

function stateOf(lang: Lang, key: LabelKeyInfo): string {
  const k = labelKeysText(lang)
  if (key.revokedAt) return k.revoked(formatDateTime(key.revokedAt))
  return key.active ? k.signing : k.published
}

export function labelKeysMain(lang: Lang, view: LabelKeysView): Markup {
  const t = textFor(lang)
  const k = labelKeysText(lang)
  const token = html`<input type="hidden" name="_csrf" value="${view.csrfToken}">`
  return html`<h1>${k.title}</h1><p class="lead">${k.lead}</p>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${view.problem ? html`<div class="error" role="alert"><h2>${t.problem}</h2><p>${view.problem}</p></div>` : ''}
${
  view.keys.length === 0
    ? html`<p>${k.none}</p>`
    : html`<table class="cards"><caption class="note">${k.title} · ${t.timeZoneNote}</caption>
<thead><tr><th scope="col">${k.kid}</th><th scope="col">${k.created}</th><th scope="col">${k.state}</th><th scope="col"><span class="note">${k.action}</span></th></tr></thead>
<tbody>${view.keys.map(
        (key) =>
          html`<tr><td data-label="${k.kid}"><code>${key.kid}</code></td><td data-label="${k.created}">${formatDateTime(key.createdAt)}</td><td data-label="${k.state}">${stateOf(lang, key)}</td><td data-label="${k.action}">${key.revokedAt ? '' : html`<form method="post" action="${keyPath(key.kid)}/revoke-confirm">${token}<button type="submit" class="warning">${k.revoke}</button></form>`}</td></tr>`,
      )}</tbody></table>`
}
<form method="post" action="/console/admin/label-keys/rotate" class="panel">${token}<p class="note">${k.rotateHint}</p><button type="submit">${k.rotate}</button></form>`
}

/** The step between "Revoke…" and the revocation: what it does, in plain words, and one button that does it. */
export function revokeConfirmMain(lang: Lang, key: LabelKeyInfo, csrfToken: string): Markup {
  const k = labelKeysText(lang)
  return html`<h1>${k.confirmTitle(key.kid)}</h1>
<div class="error" role="alert"><p><strong>${k.confirmWarning}</strong></p><p>${k.confirmWhen}</p>${key.active ? html`<p>${k.confirmSigning}</p>` : ''}</div>
<form method="post" action="${keyPath(key.kid)}/revoke"><input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="confirm" value="yes"><button type="submit" class="warning">${k.confirmButton}</button></form>
<p><a href="/console/admin/label-keys">${k.cancel}</a></p>`
}
