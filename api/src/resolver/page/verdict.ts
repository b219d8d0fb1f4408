// The first thing a shopper sees: is this label real, and is anything wrong with the lot or the code.
import type { ConsumerView, LabelVerdictReason } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import { formatDate, formatDay, formatNumber } from './format.ts'
import type { PageContext } from './i18n.ts'

type Tone = 'ok' | 'warn' | 'bad'

const TONE: Record<LabelVerdictReason, Tone> = {
  authentic: 'ok',
  unsigned: 'bad',
  bad_signature: 'bad',
  unknown_key: 'bad',
  recalled: 'bad',
  ocop_expired: 'warn',
}
const ICON: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✕' }

function verdictDetail(view: ConsumerView, { s }: PageContext): Markup {
  switch (view.reason) {
    case 'recalled':
      return html`${view.lotInfo.recallReason ? html`<p><strong>${s.recallReason}:</strong> ${view.lotInfo.recallReason}</p>` : ''}${view.lotInfo.recalledAt ? html`<p><strong>${s.recalledOn}:</strong> ${formatDate(view.lotInfo.recalledAt)}</p>` : ''}`
    case 'ocop_expired':
      return html`<p>${s.ocopExpiredOn(formatDay(view.product.certificateExpiresOn))}</p>`
    case 'unsigned':
    case 'bad_signature':
    case 'unknown_key':
      return html`<p>${s.verdictDetail[view.reason]}</p><p class="small">${s.untrusted}</p>`
    default:
      return html`<p>${s.verdictDetail.authentic}</p>`
  }
}

/** The big coloured verdict for view.reason. */
export function verdictBanner(view: ConsumerView, ctx: PageContext): Markup {
  const tone = TONE[view.reason] ?? 'bad'
  const title = ctx.s.verdictTitle[view.reason] ?? ctx.s.verdictTitle.bad_signature
  return html`<section class="verdict ${tone}" data-reason="${view.reason}"><p class="icon" aria-hidden="true">${ICON[tone]}</p><h2>${title}</h2>${verdictDetail(view, ctx)}</section>`
}

function scannedText(view: ConsumerView, { lang, s }: PageContext): string {
  const first = view.scans.firstAt ? formatDate(view.scans.firstAt) : null
  return s.scanned(formatNumber(lang, view.scans.count, 0), first)
}

/** A clone warning when the scan log flagged this serial; nothing otherwise. */
export function cloneWarning(view: ConsumerView, ctx: PageContext): Markup | null {
  const flag = view.scans.flag
  if (!flag) return null
  const why = ctx.s.clone[flag] ?? ''
  return html`<section class="verdict warn clone" role="alert" data-flag="${flag}"><p class="icon" aria-hidden="true">!</p><h2>${ctx.s.cloneTitle}</h2><p>${why}</p><p>${scannedText(view, ctx)}</p></section>`
}

/** "scanned N times, first on …", or that this is the first scan. */
export function scanLine(view: ConsumerView, ctx: PageContext): Markup {
  const text = view.scans.count <= 1 ? ctx.s.firstScan : scannedText(view, ctx)
  return html`<p class="scans">${text}</p>`
}
