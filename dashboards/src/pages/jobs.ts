// Scheduled jobs, for admins: each job's schedule, next run and newest runs, with a "Run now" form.
// What a run did is the job's own record (rows deleted, buckets refreshed…), shown as compact JSON.
import { formatDateTime, html, type Markup } from '@zonetrace/api'
import type { Job, JobRun, Lang } from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'
import { jobsText } from './jobs-text.ts'

export const RUNS_SHOWN = 5
/** A run's record can be long (per-table counts); the list shows its start. */
const DETAIL_CHARS = 300

export interface JobsView {
  jobs: Job[]
  csrfToken: string
  notice?: string
  problem?: string
}

function detailOf(run: JobRun): string {
  if (run.error) return run.error
  if (run.detail === null || run.detail === undefined) return ''
  const text = JSON.stringify(run.detail)
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS)}…` : text
}

function runsTable(lang: Lang, job: Job): Markup {
  const j = jobsText(lang)
  const t = textFor(lang)
  if (job.runs.length === 0) return html`<p>${j.noRuns}</p>`
  return html`<table class="cards"><caption class="note">${j.runs} · ${t.timeZoneNote}</caption>
<thead><tr><th scope="col">${j.started}</th><th scope="col">${j.finished}</th><th scope="col">${j.outcome}</th><th scope="col">${j.did}</th><th scope="col">${j.instance}</th></tr></thead>
<tbody>${job.runs.map(
    (r) =>
      html`<tr><td data-label="${j.started}">${formatDateTime(r.startedAt)}</td><td data-label="${j.finished}">${r.finishedAt ? formatDateTime(r.finishedAt) : j.notFinished}</td><td data-label="${j.outcome}"><span class="run-${r.status}">${j.statuses[r.status]}</span></td><td data-label="${j.did}"><code class="payload">${detailOf(r)}</code></td><td data-label="${j.instance}">${r.instance}</td></tr>`,
  )}</tbody></table>`
}

function jobSection(lang: Lang, job: Job, csrf: string): Markup {
  const j = jobsText(lang)
  const t = textFor(lang)
  return html`<section class="panel" aria-labelledby="job-${job.name}">
<h2 id="job-${job.name}"><code>${job.name}</code></h2>
<p>${job.description[lang]}</p>
<dl class="facts"><dt>${j.schedule}</dt><dd><code>${job.schedule}</code></dd>
<dt>${j.nextRun}</dt><dd>${job.nextRunAt ? html`${formatDateTime(job.nextRunAt)} <span class="note">${t.timeZoneNote}</span>` : j.notScheduledHere}</dd></dl>
<form method="post" action="/console/admin/jobs/${job.name}/run"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${j.runNow}</button></form>
${runsTable(lang, job)}
</section>`
}

export function jobsMain(lang: Lang, view: JobsView): Markup {
  const t = textFor(lang)
  const j = jobsText(lang)
  return html`<h1>${j.title}</h1><p class="lead">${j.lead}</p>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${view.problem ? html`<div class="error" role="alert"><h2>${t.problem}</h2><p>${view.problem}</p></div>` : ''}
${view.jobs.map((job) => jobSection(lang, job, view.csrfToken))}`
}
