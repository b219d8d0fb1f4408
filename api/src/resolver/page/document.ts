// The HTML document every public page is poured into: one inline stylesheet, no script, not indexed.
import { html, type Markup, raw } from './escape.ts'
import type { Lang } from './i18n.ts'
import { PAGE_CSS } from './styles.ts'

export function documentOf(
  lang: Lang,
  title: string,
  header: Markup,
  main: Markup,
  foot: Markup | string,
): string {
  // Label pages are not for search engines: an indexed serial is a serial anyone can copy onto a fake.
  return `<!doctype html>${html`<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="format-detection" content="telephone=no"><title>${title}</title><style>${raw(PAGE_CSS)}</style></head><body><header>${header}</header><main>${main}</main>${foot}</body></html>`}`
}
