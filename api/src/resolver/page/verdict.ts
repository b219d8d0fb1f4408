// The first thing a shopper sees: is this label real, and is anything wrong with the lot or the code.
import type { ConsumerView, LabelVerdictReason } from '@zonetrace/contracts'
import { html, type Markup } from './escape.ts'
import { formatDate, formatDay, formatNumber } from './format.ts'
import type { PageContext } from './i18n.ts'

/**
 * The one verdict a shopper sees. A valid signature on a code the scan log flags is its own state, never a
 * green banner with a warning under it. Worst first: a label that is not authentic, a recalled lot, a
 * possible copy, an expired OCOP certificate.
 */
type PageVerdict = LabelVerdictReason | 'suspected_copy'

export function pageVerdict(view: ConsumerView): PageVerdict {
  if ((view.reason === 'authentic' || view.reason === 'ocop_expired') && view.scans.flag)
    return 'suspected_copy'
  return view.reason
}

/** Each state its own colour (styles.ts) and icon; the not-authentic reasons share one. */
const LOOK: Record<PageVerdict, { tone: string; icon: string }> = {
  authentic: { tone: 'ok', icon: '✓' },
  suspected_copy: { tone: 'copy', icon: '?' },
  ocop_expired: { tone: 'expired', icon: '!' },
  recalled: { tone: 'recalled', icon: '⚠' },
  unsigned: { tone: 'bad', icon: '✕' },
  bad_signature: { tone: 'bad', icon: '✕' },
  unknown_key: { tone: 'bad', icon: '✕' },
}

function verdictDetail(view: ConsumerView, verdict: PageVerdict, ctx: PageContext): Markup {
  const { s } = ctx
  switch (verdict) {
    case 'recalled':
      return html`${view.lotInfo.recallReason ? html`<p><strong>${s.recallReason}:</strong> ${view.lotInfo.recallReason}</p>` : ''}${view.lotInfo.recalledAt ? html`<p><strong>${s.recalledOn}:</strong> ${formatDate(view.lotInfo.recalledAt)}</p>` : ''}`
    case 'ocop_expired':
      return html`<p>${s.ocopExpiredOn(formatDay(view.product.certificateExpiresOn))}</p>`
    case 'suspected_copy':
      return html`<p>${s.clone[view.scans.flag!] ?? ''}</p><p>${scannedText(view, ctx)}</p>`
    case 'unsigned':
    case 'bad_signature':
    case 'unknown_key':
      return html`<p>${s.verdictDetail[verdict]}</p><p class="small">${s.untrusted}</p>`
    default:
      return html`<p>${s.verdictDetail.authentic}</p>`
  }
}

/** The big verdict: colour, icon, title, what it means, and what the shopper should do now. */
export function verdictBanner(view: ConsumerView, ctx: PageContext): Markup {
  const verdict = pageVerdict(view)
  const { tone, icon } = LOOK[verdict]
  const title = ctx.s.verdictTitle[verdict]
  const advice = ctx.s.advice[verdict](view.cooperative.name)
  const role = tone === 'ok' ? '' : html` role="alert"`
  return html`<section class="verdict ${tone}" data-reason="${verdict}"${role}><p class="icon" aria-hidden="true">${icon}</p><h2>${title}</h2>${verdictDetail(view, verdict, ctx)}<p class="advice"><strong>${ctx.s.whatToDo}</strong> ${advice}</p></section>`
}

function scannedText(view: ConsumerView, { lang, s }: PageContext): string {
  const first = view.scans.firstAt ? formatDate(view.scans.firstAt) : null
  return s.scanned(formatNumber(lang, view.scans.count, 0), first)
}

/** "scanned N times, first on …", or that this is the first scan. */
export function scanLine(view: ConsumerView, ctx: PageContext): Markup {
  const text = view.scans.count <= 1 ? ctx.s.firstScan : scannedText(view, ctx)
  return html`<p class="scans">${text}</p>`
}
