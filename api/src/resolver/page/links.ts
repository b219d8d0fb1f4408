// The language switch and the footer. The switch must keep the label's `s` and `k` query parameters:
// without them the other language would verify an unsigned link and show "signature invalid".
import type { ConsumerView } from '@zonetrace/contracts'
import { html, type Markup, safeHref } from './escape.ts'
import type { Lang, PageContext } from './i18n.ts'

function otherLang(lang: Lang): Lang {
  return lang === 'vi' ? 'en' : 'vi'
}

/** Path and query of the signed link with `lang` set; relative, so it stays on whichever host served it. */
function langSwitchHref(self: string, lang: Lang): string {
  try {
    const url = new URL(self, 'http://resolver.invalid')
    url.searchParams.set('lang', lang)
    // The thanks after a feedback post belongs to that one answer, not to the page in another language.
    url.searchParams.delete('feedback')
    return `${url.pathname}${url.search}`
  } catch {
    return `?lang=${lang}`
  }
}

export function langSwitch(view: ConsumerView, { s, lang }: PageContext): Markup {
  const target = otherLang(lang)
  return html`<a class="lang" href="${langSwitchHref(view.links.self, target)}" hreflang="${target}" lang="${target}">${s.otherLang}</a>`
}

export function footer(view: ConsumerView, ctx: PageContext): Markup {
  const { s } = ctx
  const { epcis, jwks, linkset } = view.links
  return html`<footer><nav><a href="${safeHref(epcis)}">${s.epcis}</a> · <a href="${safeHref(jwks)}">${s.jwks}</a> · <a href="${safeHref(linkset)}">${s.linkset}</a> · ${langSwitch(view, ctx)}</nav><p class="small">${s.siteName} · GTIN ${view.gtin}</p></footer>`
}
