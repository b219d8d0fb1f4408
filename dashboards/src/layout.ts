// The frame of every console page: skip link, the bar with the sections this person may open, their
// name, the language switch and sign-out, then the page. Markup only through the escaping `html` tag.
import { html, type Markup } from '@zonetrace/api'
import type { Lang, User } from '@zonetrace/contracts'
import type { FastifyReply } from 'fastify'
import { type Text, textFor } from './i18n.ts'
import { deadLettersText } from './pages/dead-letters-text.ts'
import { jobsText } from './pages/jobs-text.ts'
import { labelKeysText } from './pages/label-keys-text.ts'
import { CONSOLE_CSS_PATH } from './styles.ts'

export type Section =
  | 'areas'
  | 'alerts'
  | 'users'
  | 'audit'
  | 'sign-in'
  | 'gateways'
  | 'dead-letters'
  | 'jobs'
  | 'label-keys'

export interface PageFrame {
  lang: Lang
  title: string
  section: Section
  /** Null on the sign-in page. */
  user: User | null
  csrfToken: string
  main: Markup
}

/** Which language a frame's Text is in, for sections whose names live in their page's own text file. */
const langOfText = (t: Text): Lang => (t === textFor('en') ? 'en' : 'vi')

const SECTIONS: { section: Section; href: string; label: (t: Text) => string; roles: User['role'][] }[] = [
  { section: 'areas', href: '/console', label: (t) => t.areas, roles: ['admin', 'officer'] },
  { section: 'alerts', href: '/console/alerts', label: (t) => t.alerts, roles: ['admin', 'officer'] },
  { section: 'users', href: '/console/admin/users', label: (t) => t.users, roles: ['admin'] },
  { section: 'audit', href: '/console/admin/audit', label: (t) => t.audit, roles: ['admin'] },
  {
    section: 'dead-letters',
    href: '/console/admin/dead-letters',
    label: (t) => deadLettersText(langOfText(t)).title,
    roles: ['admin'],
  },
  {
    section: 'jobs',
    href: '/console/admin/jobs',
    label: (t) => jobsText(langOfText(t)).title,
    roles: ['admin'],
  },
  {
    section: 'label-keys',
    href: '/console/admin/label-keys',
    label: (t) => labelKeysText(langOfText(t)).title,
    roles: ['admin'],
  },
  // The same word in Vietnamese and English.
  { section: 'gateways', href: '/console/admin/gateways', label: () => 'Gateway', roles: ['admin'] },
]

export function renderPage(frame: PageFrame): string {
  const t = textFor(frame.lang)
  const { user } = frame
  const nav = user
    ? html`<nav aria-label="${t.console}"><ul>${SECTIONS.filter((s) => s.roles.includes(user.role)).map(
        (s) =>
          html`<li><a href="${s.href}"${s.section === frame.section ? html` aria-current="page"` : ''}>${s.label(t)}</a></li>`,
      )}</ul></nav>
      <span class="who">${user.displayName} · ${t.roles[user.role]}</span>
      <form method="post" action="/console/lang"><input type="hidden" name="_csrf" value="${frame.csrfToken}"><input type="hidden" name="lang" value="${frame.lang === 'vi' ? 'en' : 'vi'}"><button type="submit" lang="${frame.lang === 'vi' ? 'en' : 'vi'}">${t.switchTo}</button></form>
      <form method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${frame.csrfToken}"><button type="submit">${t.signOut}</button></form>`
    : html`<a href="?lang=${frame.lang === 'vi' ? 'en' : 'vi'}" lang="${frame.lang === 'vi' ? 'en' : 'vi'}">${t.switchTo}</a>`
  return `<!doctype html>${html`<html lang="${frame.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${frame.title} · ${t.console}</title><link rel="stylesheet" href="${CONSOLE_CSS_PATH}"></head><body><a class="skip" href="#main">${t.skip}</a><header class="bar"><a class="brand" href="/console">zonetrace</a>${nav}</header><main id="main">${frame.main}</main></body></html>`}`
}

/** Console pages are private and change with every request: never cached, never framed, no foreign code. */
export function sendConsolePage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    .send(page)
}
