// The consumer page a shopper sees after scanning a label, and the small pages for links that resolve to
// nothing. Server-rendered, one HTML document with inline CSS and SVG: no script, font or third-party
// request, so it opens fast on a slow phone connection and leaks nothing about who scanned what.
import type { ConsumerView, MapTiles } from '@zonetrace/contracts'
import { areasSection } from './areas.ts'
import { documentOf } from './document.ts'
import { html } from './escape.ts'
import { evidenceSection } from './evidence.ts'
import { feedbackSection } from './feedback.ts'
import { dayOf } from './format.ts'
import { type Lang, type PageContext, strings } from './i18n.ts'
import { footer, langSwitch } from './links.ts'
import { productSection } from './product.ts'
import { timelineSection } from './timeline.ts'
import { pageVerdict, scanLine, verdictBanner } from './verdict.ts'

export type { Lang } from './i18n.ts'

interface ConsumerPageOptions {
  lang: Lang
  /** The feedback form was just stored: thank instead of showing the form again. */
  feedbackSent?: boolean
  /** Why the feedback was refused (plain text, shown escaped above the form). */
  feedbackError?: string
  /** The clock for marking certificates expired; defaults to now. */
  now?: Date
  /** A basemap under each growing area's map (MAP_TILES_URL); none by default. */
  mapTiles?: MapTiles | null
}

interface MessagePageOptions {
  lang: Lang
  status: 400 | 404 | 429
  title?: string
  detail: string
}

export function renderConsumerPage(view: ConsumerView, opts: ConsumerPageOptions): string {
  const ctx: PageContext = { lang: opts.lang, s: strings(opts.lang), today: dayOf(opts.now ?? new Date()) }
  const name = opts.lang === 'en' && view.product.nameEn ? view.product.nameEn : view.product.name
  const header = html`<span>${ctx.s.siteName}</span>${langSwitch(view, ctx)}`
  const main = html`${verdictBanner(view, ctx)}${productSection(view, ctx)}${areasSection(
    view.areas,
    ctx,
    opts.mapTiles,
  )}${timelineSection(view.timeline, ctx)}${evidenceSection(view.evidence, ctx)}${
    // A suspected copy already says how often and since when, in its verdict.
    pageVerdict(view) === 'suspected_copy' ? '' : html`<section>${scanLine(view, ctx)}</section>`
  }${feedbackSection(view.links.feedback, opts, ctx)}`
  return documentOf(
    opts.lang,
    `${name} · ${ctx.s.verdictTitle[pageVerdict(view)]}`,
    header,
    main,
    footer(view, ctx),
  )
}

export function renderMessagePage(opts: MessagePageOptions): string {
  const s = strings(opts.lang)
  const title = opts.title ?? s.status[opts.status]
  const tone = opts.status === 429 ? 'warn' : 'bad'
  const main = html`<section class="verdict ${tone}" data-status="${opts.status}"><p class="icon" aria-hidden="true">${
    opts.status === 429 ? '!' : '✕'
  }</p><h1>${title}</h1><p>${opts.detail}</p>${opts.status === 429 ? html`<p>${s.tryLater}</p>` : ''}</section>`
  return documentOf(opts.lang, title, html`<span>${s.siteName}</span>`, main, '')
}
