// Accounts, for admins: who may sign in, with which role, when they last did; add, disable, reset.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import { type Lang, TOKEN_ROLES, type User } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'

export interface UsersView {
  users: User[]
  cooperatives: { id: string; name: string }[]
  csrfToken: string
  /** What the last action did, or why it could not. */
  notice?: string
  problem?: string
  /** A password the platform just made: shown this once. */
  secret?: { email: string; password: string }
}

function actions(lang: Lang, csrf: string, user: User, self: boolean): Markup {
  const t = textFor(lang)
  const path = `/console/admin/users/${encodeURIComponent(user.email)}`
  const token = html`<input type="hidden" name="_csrf" value="${csrf}">`
  if (self) return html``
  return html`<form method="post" action="${path}/${user.disabled ? 'enable' : 'disable'}">${token}<button type="submit" class="${user.disabled ? 'secondary' : 'warning'}">${user.disabled ? t.enable : t.disable}</button></form><form method="post" action="${path}/reset-password">${token}<button type="submit" class="secondary">${t.resetPassword}</button></form>`
}

export function usersMain(lang: Lang, view: UsersView, selfId: string): Markup {
  const t = textFor(lang)
  const coopName = new Map(view.cooperatives.map((c) => [c.id, c.name]))
  return html`<h1>${t.users}</h1>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${view.problem ? html`<div class="error" role="alert"><h2>${t.problem}</h2><p>${view.problem}</p></div>` : ''}
${view.secret ? html`<div class="notice" role="status"><p>${t.newPassword(view.secret.email)}</p><code class="secret">${view.secret.password}</code></div>` : ''}
<table class="cards"><caption class="note">${t.users} · ${t.timeZoneNote}</caption>
<thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.role}</th><th scope="col">${t.cooperative}</th><th scope="col">${t.state}</th><th scope="col">${t.lastLogin}</th><th scope="col"><span class="note">${t.action}</span></th></tr></thead>
<tbody>${view.users.map(
    (u) =>
      html`<tr><td data-label="${t.name}">${u.displayName}</td><td data-label="${t.email}">${u.email}</td><td data-label="${t.role}">${t.roles[u.role]}</td><td data-label="${t.cooperative}">${u.cooperativeId ? (coopName.get(u.cooperativeId) ?? u.cooperativeId) : t.none}</td><td data-label="${t.state}">${u.disabled ? t.disabledState : t.active}</td><td data-label="${t.lastLogin}">${u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t.never}</td><td data-label="${t.action}">${actions(lang, view.csrfToken, u, u.id === selfId)}</td></tr>`,
  )}</tbody></table>
<h2 id="add">${t.addUser}</h2>
<form method="post" action="/console/admin/users" class="panel" aria-labelledby="add">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<label for="displayName">${t.name}</label><input id="displayName" name="displayName" required maxlength="120" autocomplete="off">
<label for="email">${t.email}</label><input id="email" name="email" type="email" required maxlength="254" autocomplete="off">
<label for="role">${t.role}</label><select id="role" name="role">${TOKEN_ROLES.map((r) => html`<option value="${r}">${t.roles[r]}</option>`)}</select>
<label for="cooperativeId">${t.cooperative}<span class="hint">${t.cooperativeHint}</span></label><select id="cooperativeId" name="cooperativeId"><option value="">${t.none}</option>${view.cooperatives.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select>
<label for="password">${t.password}<span class="hint">${t.passwordHint}</span></label><input id="password" name="password" type="password" minlength="10" maxlength="200" autocomplete="new-password">
<button type="submit">${t.add}</button>
</form>
<h2 id="add-cooperative">${t.addCooperative}</h2>
<p class="lead">${t.addCooperativeLead}</p>
<form method="post" action="/console/admin/cooperatives" class="panel" aria-labelledby="add-cooperative">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<label for="coop-id">${t.cooperativeId}<span class="hint">${t.cooperativeIdHint}</span></label><input id="coop-id" name="id" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" autocomplete="off">
<label for="coop-name">${t.cooperativeName}</label><input id="coop-name" name="name" required maxlength="200" autocomplete="off">
<label for="coop-commune">${t.communeCode}<span class="hint">${t.communeCodeHint}</span></label><input id="coop-commune" name="communeCode" inputmode="numeric" maxlength="5" autocomplete="off">
<button type="submit">${t.addCooperative}</button>
</form>`
}
