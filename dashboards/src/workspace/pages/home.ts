// The workspace's home: on one phone screen, what needs the cooperative today. Each area with its open
// alerts and latest readings (and a certificate running out), the lots still moving, feedback of the last
// week and labels that look copied; each card links to the page where it is dealt with.
import { displayUnit, formatNumber, html, type Markup } from '@zonetrace/api'
import type { AreaView, Feedback, FlaggedSerial, Lang, Lot, Severity } from '@zonetrace/contracts'
import type { ChannelLatest } from '@zonetrace/db'
import { textFor } from '../../i18n.ts'
import { ageText, metricLabel } from '../../pages/area-facts.ts'
import { areaText } from '../../pages/area-text.ts'
import { expiryFlag, showDay } from './expiry.ts'
import { type HomeText, homeText } from './home-text.ts'
import { quantityText } from './lots-text.ts'

export interface HomeArea {
  area: AreaView
  openAlerts: Severity[]
  /** Channels with a reading, newest first, at most a few. */
  readings: ChannelLatest[]
}

export interface HomeView {
  areas: HomeArea[]
  lots: Lot[]
  feedback: Feedback[]
  flagged: FlaggedSerial[]
  /** 'YYYY-MM-DD' on the Vietnamese clock. */
  today: string
  now: Date
}

const RANK: Record<Severity, number> = { warning: 0, minor: 1, major: 2, critical: 3 }

export function homeMain(lang: Lang, view: HomeView): Markup {
  const t = homeText(lang)
  return html`<h1>${t.title}</h1>
${areasSection(lang, t, view)}
${lotsSection(lang, t, view.lots)}
${feedbackSection(t, view.feedback)}
${flaggedSection(t, view.flagged)}`
}

function areasSection(lang: Lang, t: HomeText, view: HomeView): Markup {
  const cards = view.areas.map(({ area, openAlerts, readings }) => {
    const worst = [...openAlerts].sort((a, b) => RANK[b] - RANK[a])[0]
    const alert = worst
      ? html`<p class="hc-alert sev-${worst}"><strong>${t.openAlerts(openAlerts.length, textFor(lang).severity[worst])}</strong></p>`
      : html`<p class="hc-ok">${t.allWell}</p>`
    const certs = area.certifications.map((c) => expiryFlag(lang, c.validTo, view.today, t))
    const a = areaText(lang)
    const values =
      readings.length === 0
        ? html`<p>${t.noReadings}</p>`
        : html`<ul class="hc-readings">${readings.map(
            (r) =>
              html`<li><span>${metricLabel(r.metric, lang)}</span> <strong>${formatNumber(lang, r.value)}${r.unit === r.metric || r.unit === 'pH' ? '' : ` ${displayUnit(r.unit)}`}</strong> <small>${r.time ? ageText(a, r.time, view.now) : ''}</small></li>`,
          )}</ul>`
    return html`<li class="hc-card${worst ? ` alert-${worst}` : ''}"><a href="/workspace/areas/${encodeURIComponent(area.code)}">${area.name} <small>${area.code}</small></a>${alert}${certs.some((c) => c !== '') ? html`<p>${certs}</p>` : ''}${values}</li>`
  })
  return html`<section aria-labelledby="ws-areas-h"><h2 id="ws-areas-h">${t.areas}</h2>${
    cards.length === 0 ? html`<p>${t.noAreas}</p>` : html`<ul class="hc-list">${cards}</ul>`
  }</section>`
}

function lotsSection(lang: Lang, t: HomeText, lots: Lot[]): Markup {
  const cards = lots.map(
    (l) =>
      html`<li class="hc-card"><a href="/workspace/lots/${encodeURIComponent(l.id)}">${l.id}</a><p>${quantityText(lang, l.quantity, l.unit)} · ${t.harvested(showDay(lang, l.harvestedTo.slice(0, 10)))}</p></li>`,
  )
  return html`<section aria-labelledby="ws-lots-h"><h2 id="ws-lots-h">${t.lots}</h2>${
    cards.length === 0 ? html`<p>${t.noLots}</p>` : html`<ul class="hc-list">${cards}</ul>`
  }<p><a class="hc-more" href="/workspace/lots">${t.allLots}</a></p></section>`
}

function feedbackSection(t: HomeText, feedback: Feedback[]): Markup {
  const items = feedback
    .slice(0, 3)
    .map(
      (f) =>
        html`<li class="hc-card"><p><span class="hc-stars" role="img" aria-label="${t.stars(f.rating)}">${'★'.repeat(f.rating)}${'☆'.repeat(5 - f.rating)}</span> · ${f.lotId}</p><p>${f.comment ?? t.noComment}</p></li>`,
    )
  return html`<section aria-labelledby="ws-feedback-h"><h2 id="ws-feedback-h">${t.feedback}</h2>${
    feedback.length === 0
      ? html`<p>${t.noFeedback}</p>`
      : html`<p><strong>${t.newFeedback(feedback.length)}</strong></p><ul class="hc-list">${items}</ul>`
  }<p><a class="hc-more" href="/workspace/feedback">${t.allFeedback}</a></p></section>`
}

function flaggedSection(t: HomeText, flagged: FlaggedSerial[]): Markup {
  const items = flagged
    .slice(0, 5)
    .map(
      (f) =>
        html`<li class="hc-card alert-major"><a href="/workspace/lots/${encodeURIComponent(f.lotId)}">${t.serialOfLot(f.serial, f.lotId)}</a><p>${t.flagReason[f.flag] ?? f.flag} · ${t.scans(f.scans)}</p></li>`,
    )
  return html`<section aria-labelledby="ws-flagged-h"><h2 id="ws-flagged-h">${t.flagged}</h2>${
    flagged.length === 0 ? html`<p>${t.noFlagged}</p>` : html`<ul class="hc-list">${items}</ul>`
  }</section>`
}
