// The scan page: the step, the camera (the label-scan island shows its button), the typed code for any
// phone without a camera or script, the queue of events waiting for a network, and the latest scans.
// Without script it is one form: the server verifies the label and records the event (routes/scan.ts).
import { randomUUID } from 'node:crypto'
import { html, type Markup } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import { type RecentScan, SCAN_BIZ_STEPS, type ScanBizStep } from '@zonetrace/db'
import { type ScanProblem, scanText } from './scan-text.ts'

export interface ScanPage {
  lang: Lang
  csrfToken: string
  step: ScanBizStep
  code?: string
  problem?: ScanProblem
  /** The event just recorded by the form, for the confirmation. */
  recorded?: RecentScan
  recent: RecentScan[]
}

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

export function scanMain(p: ScanPage): Markup {
  const t = scanText(p.lang)
  const problem = p.problem
  const codeProblem = problem && problem !== 'step'
  const notice = p.recorded
    ? html`<p class="scan-notice ok" role="status">${t.recorded(t.steps[p.recorded.bizStep], p.recorded.lotId)}</p>`
    : ''
  const steps = SCAN_BIZ_STEPS.map(
    (s) =>
      html`<label class="scan-step"><input type="radio" name="bizStep" value="${s}"${s === p.step ? html` checked` : ''}> ${t.steps[s]}</label>`,
  )
  const stepError =
    problem === 'step' ? html`<span class="field-error" id="step-error">${t.problems.step}</span>` : ''
  const codeError = codeProblem
    ? html`<span class="field-error" id="code-error" role="alert">${t.problems[problem]}</span>`
    : ''
  const described = codeProblem ? 'code-hint code-error' : 'code-hint'
  return html`<h1>${t.title}</h1><p class="lead">${t.lead}</p>${notice}
<label-scan class="scan">
<form method="post" action="/workspace/scan" class="scan-form" novalidate>
<input type="hidden" name="_csrf" value="${p.csrfToken}"><input type="hidden" name="eventId" value="${randomUUID()}">
<fieldset class="scan-steps"${problem === 'step' ? html` aria-describedby="step-error"` : ''}><legend>${t.stepLegend}</legend>${stepError}${steps}</fieldset>
<p class="scan-camera-row"><button type="button" class="scan-camera" data-camera hidden>${t.openCamera}</button></p>
<div class="scan-viewfinder" data-viewfinder hidden></div>
<div class="scan-status" data-status role="status" aria-live="polite"></div>
<label for="scan-code">${t.codeLabel}</label>
<span class="hint" id="code-hint">${t.codeHint}</span>${codeError}
<input id="scan-code" name="code" value="${p.code ?? ''}" autocomplete="off" autocapitalize="characters" spellcheck="false" inputmode="url" maxlength="2048" aria-describedby="${described}"${codeProblem ? html` aria-invalid="true"` : ''}>
<button type="submit" class="scan-record">${t.record}</button>
</form>
<p class="scan-pending" data-pending aria-live="polite"></p>
<ul class="scan-refused" data-refused></ul>
</label-scan>
<section class="scan-recent"><h2>${t.recentTitle}</h2>${recentList(p.lang, p.recent)}</section>`
}

function recentList(lang: Lang, recent: RecentScan[]): Markup {
  const t = scanText(lang)
  if (recent.length === 0) return html`<p data-recent-none>${t.recentNone}</p>`
  return html`<ul class="scan-list" data-recent>${recent.map(
    (s) =>
      html`<li><strong>${t.steps[s.bizStep]}</strong> · ${t.lot} ${s.lotId}<br><span class="hint">${TIME.format(s.time)}${s.place ? html` · ${s.place}` : ''}</span></li>`,
  )}</ul>`
}
