// /workspace/feedback: what buyers said (escaped), with a reply form and a hide/show button per comment as
// plain posts; where the labels were scanned; and the labels that look copied, with why in words.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import {
  type Feedback,
  type FlaggedSerial,
  type Lang,
  MAX_REPLY_LENGTH,
  type ScanRegions,
} from '@zonetrace/contracts'
import { ratingsChart, scanDotMap, weeklyRatings } from './feedback-charts.ts'
import { type FeedbackText, feedbackText } from './feedback-text.ts'

export interface FeedbackView {
  feedback: Feedback[]
  regions: ScanRegions
  flagged: FlaggedSerial[]
  now: Date
  /** A refused reply: which feedback, what was typed, so the form shows it again beside the problem. */
  refused?: { id: number; reply: string }
}

export function feedbackMain(lang: Lang, csrf: string, view: FeedbackView): Markup {
  const t = feedbackText(lang)
  return html`<h1>${t.title}</h1>
<section aria-labelledby="fb-ratings-h"><h2 id="fb-ratings-h">${t.ratings}</h2>${ratingsChart(lang, t, weeklyRatings(view.feedback, view.now))}</section>
<section aria-labelledby="fb-comments-h"><h2 id="fb-comments-h">${t.comments}</h2>${
    view.feedback.length === 0
      ? html`<p>${t.noComments}</p>`
      : html`<ul class="hc-list">${view.feedback.map((f) => commentCard(t, csrf, f, view.refused))}</ul>`
  }<p><a class="hc-more" href="/workspace/feedback.csv" download>${t.exportCsv}</a></p></section>
${regionsSection(t, view.regions)}
${flaggedSection(t, view.flagged)}`
}

function commentCard(t: FeedbackText, csrf: string, f: Feedback, refused: FeedbackView['refused']): Markup {
  const mine = refused?.id === f.id ? refused : undefined
  const fieldId = `reply-${f.id}`
  const problem = mine
    ? html`<span class="field-error" id="${fieldId}-error">${t.replyTooLong(MAX_REPLY_LENGTH)}</span>`
    : ''
  const typed = mine ? mine.reply : (f.reply ?? '')
  return html`<li class="hc-card${f.hidden ? ' hc-hidden' : ''}" id="fb-${f.id}"><p><span class="hc-stars" role="img" aria-label="${t.stars(f.rating)}">${'★'.repeat(f.rating)}${'☆'.repeat(5 - f.rating)}</span> · ${formatDateTime(f.createdAt)}${f.hidden ? html` · <strong>${t.hiddenNote}</strong>` : ''}</p><p>${t.lotSerial(f.lotId, f.serial)}</p><p>${f.comment ?? t.noComment}</p>${
    f.reply ? html`<p class="hc-reply"><strong>${t.yourReply}:</strong> ${f.reply}</p>` : ''
  }<form method="post" action="/workspace/feedback/${f.id}/reply" class="ws-form"><input type="hidden" name="_csrf" value="${csrf}"><label for="${fieldId}">${t.reply}</label><span class="hint" id="${fieldId}-hint">${t.replyHint}</span>${problem}<textarea id="${fieldId}" name="reply" rows="2" aria-describedby="${fieldId}-hint${mine ? ` ${fieldId}-error` : ''}"${mine ? html` aria-invalid="true"` : ''}>${typed}</textarea><button type="submit">${t.saveReply}</button></form><form method="post" action="/workspace/feedback/${f.id}/hidden"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="hidden" value="${f.hidden ? '0' : '1'}"><button type="submit" class="secondary">${f.hidden ? t.show : t.hide}</button></form></li>`
}

function regionsSection(t: FeedbackText, regions: ScanRegions): Markup {
  const body =
    regions.total === 0
      ? html`<p>${t.noScans}</p>`
      : html`<table class="hc-table"><thead><tr><th scope="col">${t.region}</th><th scope="col">${t.scans}</th><th scope="col">${t.lastAt}</th></tr></thead><tbody>${regions.regions.map(
          (r) =>
            html`<tr><td>${r.region ?? t.unknownRegion}</td><td>${r.scans}</td><td>${formatDateTime(r.lastAt)}</td></tr>`,
        )}</tbody></table>${scanDotMap(t, regions.cells)}`
  return html`<section aria-labelledby="fb-regions-h"><h2 id="fb-regions-h">${t.regions}</h2>${body}</section>`
}

function flaggedSection(t: FeedbackText, flagged: FlaggedSerial[]): Markup {
  const items = flagged.map(
    (f) =>
      html`<li class="hc-card alert-major"><a href="/workspace/lots/${encodeURIComponent(f.lotId)}">${t.serial} ${f.serial} · ${t.lot} ${f.lotId}</a><p>${t.flagReason[f.flag] ?? f.flag}</p><p>${t.scans}: ${f.scans} · ${t.flaggedAt}: ${formatDateTime(f.flaggedAt)}</p></li>`,
  )
  return html`<section aria-labelledby="fb-flagged-h"><h2 id="fb-flagged-h">${t.flagged}</h2>${
    flagged.length === 0 ? html`<p>${t.noFlagged}</p>` : html`<ul class="hc-list">${items}</ul>`
  }</section>`
}
