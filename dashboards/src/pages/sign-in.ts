// The sign-in form: a plain form post, so it works without script and password managers fill it.
import { html } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'
import { renderPage } from '../layout.ts'

export interface SignInForm {
  lang: Lang
  csrfToken: string
  next: string
  email?: string
  problem?: string
}

export function signInPage(form: SignInForm): string {
  const t = textFor(form.lang)
  const problem = form.problem
    ? html`<div class="error" role="alert" id="problem"><p>${form.problem}</p></div>`
    : ''
  return renderPage({
    lang: form.lang,
    title: t.signIn,
    section: 'sign-in',
    user: null,
    csrfToken: form.csrfToken,
    main: html`<h1>${t.signInTitle}</h1><p class="lead">${t.signInLead}</p>${problem}
<form method="post" action="/console/login?lang=${form.lang}" class="panel">
<input type="hidden" name="_csrf" value="${form.csrfToken}"><input type="hidden" name="next" value="${form.next}">
<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${form.email ?? ''}"${form.problem ? html` aria-describedby="problem"` : ''}>
<label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">${t.signIn}</button>
</form>`,
  })
}
