// The frame of every console page: skip link, the bar with the sections this person may open, their
// name, the language switch and sign-out, then the page. Markup only through the escaping `html` tag.
import { html, type Markup } from '@zonetrace/api'
import type { Lang, User } from '@zonetrace/contracts'
import type { FastifyReply } from 'fastify'
import { homeOf } from './home.ts'
import { textFor } from './i18n.ts'
import { type IslandName, islandScripts, islandStyles } from './islands.ts'
import { deadLettersText } from './pages/dead-letters-text.ts'
import { jobsText } from './pages/jobs-text.ts'
import { labelKeysText } from './pages/label-keys-text.ts'
import { reportsText } from './pages/reports-text.ts'
import { CONSOLE_CSS_PATH } from './styles.ts'
import { MANIFEST_PATH, THEME_COLOUR } from './workspace/routes/pwa.ts'
import { WORKSPACE_SECTIONS, type WorkspaceSection } from './workspace/sections.ts'

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
  | 'reports'
  | WorkspaceSection

export interface PageFrame {
  lang: Lang
  title: string
  section: Section
  /** Null on the sign-in page. */
  user: User | null
  csrfToken: string
  main: Markup
  /** The script islands this page upgrades its markup with (ADR 0010); none by default. */
  islands?: readonly IslandName[]
}

const STAFF: User['role'][] = ['admin', 'officer']
const ADMIN: User['role'][] = ['admin']

/** The sections in the bar, in this order; each person sees those their role may open. */
const SECTIONS: { section: Section; href: string; label: (lang: Lang) => string; roles: User['role'][] }[] = [
  { section: 'areas', href: '/console', label: (lang) => textFor(lang).areas, roles: STAFF },
  { section: 'alerts', href: '/console/alerts', label: (lang) => textFor(lang).alerts, roles: STAFF },
  { section: 'reports', href: '/console/reports', label: (lang) => reportsText(lang).title, roles: STAFF },
  // The same word in Vietnamese and English.
  { section: 'gateways', href: '/console/admin/gateways', label: () => 'Gateway', roles: ADMIN },
  {
    section: 'dead-letters',
    href: '/console/admin/dead-letters',
    label: (lang) => deadLettersText(lang).title,
    roles: ADMIN,
  },
  { section: 'jobs', href: '/console/admin/jobs', label: (lang) => jobsText(lang).title, roles: ADMIN },
  {
    section: 'label-keys',
    href: '/console/admin/label-keys',
    label: (lang) => labelKeysText(lang).title,
    roles: ADMIN,
  },
  { section: 'users', href: '/console/admin/users', label: (lang) => textFor(lang).users, roles: ADMIN },
  { section: 'audit', href: '/console/admin/audit', label: (lang) => textFor(lang).audit, roles: ADMIN },
  ...WORKSPACE_SECTIONS,
]

/** The workspace installs as an app on a cooperative's phone (workspace/routes/pwa.ts). */
const workspaceHead = html`<link rel="manifest" href="${MANIFEST_PATH}"><meta name="theme-color" content="${THEME_COLOUR}">`

export function renderPage(frame: PageFrame): string {
  const t = textFor(frame.lang)
  const { user } = frame
  const other: Lang = frame.lang === 'vi' ? 'en' : 'vi'
  // Every workspace page registers the service worker, so the app works offline from whichever page opened.
  const islands: readonly IslandName[] = frame.section.startsWith('ws-')
    ? [...new Set([...(frame.islands ?? []), 'workspace-sw' as const])]
    : (frame.islands ?? [])
  const csrf = html`<input type="hidden" name="_csrf" value="${frame.csrfToken}">`
  // The account row first (who, language, sign-out), the sections under it. Below 640 px the sections fold
  // behind the "Mục lục" summary that ends the account row, so the bar is two rows on a phone: the nav under
  // it shows while the details is open (styles.ts, with :has), and always on wider screens, where the summary
  // is hidden. No script, and one list rather than a copy per width.
  const sections = user ? SECTIONS.filter((s) => s.roles.includes(user.role)) : []
  const account = user
    ? html`<span class="who">${user.displayName} · ${t.roles[user.role]}</span>
<form method="post" action="/console/lang">${csrf}<input type="hidden" name="lang" value="${other}"><button type="submit" lang="${other}">${t.switchTo}</button></form>
<form method="post" action="/console/logout">${csrf}<button type="submit">${t.signOut}</button></form>
${sections.length > 0 ? html`<details class="menu"><summary aria-controls="sections">${t.menu}</summary></details>` : ''}`
    : html`<a href="?lang=${other}" lang="${other}">${t.switchTo}</a>`
  const nav =
    sections.length > 0
      ? html`<nav id="sections" aria-label="${t.console}"><ul>${sections.map(
          (s) =>
            html`<li><a href="${s.href}"${s.section === frame.section ? html` aria-current="page"` : ''}>${s.label(frame.lang)}</a></li>`,
        )}</ul></nav>`
      : ''
  return `<!doctype html>${html`<html lang="${frame.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${frame.title} · ${t.console}</title>${frame.section.startsWith('ws-') ? workspaceHead : ''}<link rel="stylesheet" href="${CONSOLE_CSS_PATH}">${islandStyles(islands)}${islandScripts(islands)}</head><body><a class="skip" href="#main">${t.skip}</a><header class="bar"><div class="account"><a class="brand" href="${user ? homeOf(user.role) : '/console'}">zonetrace</a>${account}</div>${nav}</header><main id="main">${frame.main}</main></body></html>`}`
}

/**
 * Console pages are private and change with every request: never cached, never framed, no foreign code.
 * `imgOrigins` adds image origins a page really needs (the map's tile server, MAP_TILES_URL) to img-src.
 */
export function sendConsolePage(
  reply: FastifyReply,
  page: string,
  status = 200,
  imgOrigins: readonly string[] = [],
): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'self'; img-src ${["'self'", 'data:', ...imgOrigins].join(' ')}; script-src 'self'; worker-src 'self'; manifest-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    )
    .send(page)
}
