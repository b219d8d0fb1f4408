// The satisfaction form (1–5 stars and a comment). Plain HTML form so it works without JavaScript; the
// stars are radio buttons laid out right-to-left so CSS alone can light up every star up to the chosen one.
import { html, type Markup, safeHref } from './escape.ts'
import type { PageContext } from './i18n.ts'

const FEEDBACK_COMMENT_MAX = 1000

function starInputs({ s }: PageContext): Markup[] {
  return [5, 4, 3, 2, 1].map(
    (n) =>
      html`<input type="radio" id="rating-${n}" name="rating" value="${n}" required><label for="rating-${n}" title="${s.starLabel(n)}"><span aria-hidden="true">★</span><span class="vh">${s.starLabel(n)}</span></label>`,
  )
}

export function feedbackSection(
  action: string,
  opts: { feedbackSent?: boolean; feedbackError?: string },
  ctx: PageContext,
): Markup {
  const { s, lang } = ctx
  if (opts.feedbackSent) {
    return html`<section class="feedback" id="feedback"><h2>${s.feedback}</h2><p class="thanks" role="status">${s.thanks}</p></section>`
  }
  const error = opts.feedbackError
    ? html`<p class="error" role="alert">${s.feedbackFailed} ${opts.feedbackError}</p>`
    : ''
  return html`<section class="feedback" id="feedback"><h2>${s.feedback}</h2>${error}<form method="post" action="${safeHref(action)}"><input type="hidden" name="lang" value="${lang}"><fieldset><legend>${s.rating}</legend><div class="rate">${starInputs(ctx)}</div></fieldset><label for="comment">${s.comment}</label><textarea id="comment" name="comment" maxlength="${FEEDBACK_COMMENT_MAX}" rows="3"></textarea><button type="submit">${s.send}</button></form></section>`
}
