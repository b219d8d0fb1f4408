// The area page's upper half: the registry facts, the limits in force with where each value comes from,
// and every sensor with its latest reading and how long ago that was.
import { cropName, displayUnit, formatDateTime, formatNumber, html, type Markup } from '@zonetrace/api'
import { isMetric, type Lang, METRICS, type Severity, type ZoneThresholds } from '@zonetrace/contracts'
import { type AreaFacts, type ChannelLatest, vietnamDate } from '@zonetrace/db'
import { textFor } from '../i18n.ts'
import { type AreaText, areaText } from './area-text.ts'
import { rulesText } from './rules-text.ts'
import { thresholdsText } from './thresholds-text.ts'

/** YYYY-MM-DD as dd/mm/yyyy, with no time zone in between. */
const day = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1')
/** Today on the Vietnamese clock, YYYY-MM-DD, to mark expired certificates. */
const vietnamToday = (now: Date) => vietnamDate(now.getTime())

export const metricLabel = (metric: string, lang: Lang) =>
  isMetric(metric) ? METRICS[metric].label[lang] : metric
const decimalsOf = (metric: string) => (isMetric(metric) ? METRICS[metric].decimals : 2)

/** "12 phút trước": how old a reading is, in the largest whole unit. */
export function ageText(a: AreaText, time: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - time.getTime()) / 60_000)
  if (minutes < 1) return a.justNow
  if (minutes < 60) return a.minutesAgo(minutes)
  if (minutes < 48 * 60) return a.hoursAgo(Math.floor(minutes / 60))
  return a.daysAgo(Math.floor(minutes / 1440))
}

export function factsSection(
  lang: Lang,
  facts: AreaFacts,
  thresholds: ZoneThresholds | null,
  now: Date,
): Markup {
  const a = areaText(lang)
  const { area } = facts
  const today = vietnamToday(now)
  const certs =
    area.certifications.length === 0
      ? a.noCertifications
      : html`<ul class="metrics">${area.certifications.map(
          (c) =>
            html`<li>${a.schemes[c.scheme]} ${c.certificateNo}${c.issuer ? ` (${c.issuer})` : ''}, ${a.validTo(day(c.validTo))}${c.validTo < today ? html` <strong>${a.expired}</strong>` : ''}</li>`,
        )}</ul>`
  const preset = thresholds?.preset
  return html`<section aria-labelledby="facts"><h2 id="facts">${a.facts}</h2><dl class="facts">
<dt>${a.code}</dt><dd>${area.code}</dd>
<dt>${a.name}</dt><dd>${area.name}</dd>
<dt>${a.crop}</dt><dd>${cropName(area.crop, lang)}</dd>
${area.areaHa === null ? '' : html`<dt>${a.areaHa}</dt><dd>${a.hectares(formatNumber(lang, area.areaHa))}</dd>`}
<dt>${a.commune}</dt><dd>${area.commune.name ?? area.commune.registeredCode}${area.commune.formerName ? html` <span class="note">(${a.formerly}: ${area.commune.formerName})</span>` : ''}</dd>
<dt>${a.cooperative}</dt><dd>${facts.cooperativeName ?? facts.cooperativeId ?? '—'}</dd>
<dt>${a.certifications}</dt><dd>${certs}</dd>
<dt>${a.preset}</dt><dd>${preset ? preset.label[lang] : a.noPreset}</dd>
<dt>${a.openData}</dt><dd>${area.public ? a.published : html`<strong>${a.private}</strong>`}</dd>
</dl>${thresholds && thresholds.limits.length > 0 ? limitsTable(lang, a, thresholds) : ''}<p><a href="/console/areas/${area.code}/thresholds">${thresholdsText(lang).link}</a> · <a href="/console/areas/${area.code}/rules">${rulesText(lang).link}</a></p></section>`
}

function limitsTable(lang: Lang, a: AreaText, thresholds: ZoneThresholds): Markup {
  const t = textFor(lang)
  const value = (metric: string, v: number | null, source: string | null) =>
    v === null
      ? '—'
      : html`${formatNumber(lang, v, decimalsOf(metric))}${source === 'override' ? html`<br><span class="note">${a.override}</span>` : ''}`
  const rows = thresholds.limits.map((l) => {
    const standard = lang === 'vi' ? l.standardVi : l.standard
    const note = lang === 'vi' ? l.noteVi : l.note
    return html`<tr>
<td data-label="${a.metric}">${metricLabel(l.metric, lang)} (${displayUnit(l.unit)})</td>
<td data-label="${a.severity}">${t.severity[l.severity as Severity] ?? l.severity}</td>
<td data-label="${a.lower}">${value(l.metric, l.min, l.minSource)}</td>
<td data-label="${a.upper}">${value(l.metric, l.max, l.maxSource)}</td>
<td data-label="${a.source}">${standard}${note ? html`<br><span class="note">${note}</span>` : ''}${l.unconfirmed ? html`<br><span class="note">${a.unconfirmed}</span>` : ''}</td>
</tr>`
  })
  return html`<h3>${a.thresholds}</h3><table class="cards"><thead><tr><th scope="col">${a.metric}</th><th scope="col">${a.severity}</th><th scope="col">${a.lower}</th><th scope="col">${a.upper}</th><th scope="col">${a.source}</th></tr></thead><tbody>${rows}</tbody></table>`
}

export function sensorsSection(lang: Lang, channels: ChannelLatest[], now: Date): Markup {
  const a = areaText(lang)
  const rows = channels.map(
    (c) => html`<tr>
<td data-label="${a.sensor}">${c.sensorId}</td>
<td data-label="${a.gateway}">${c.gatewayId}</td>
<td data-label="${a.metric}">${metricLabel(c.metric, lang)}</td>
<td data-label="${a.latest}">${
      c.value === null || c.time === null
        ? html`<span class="note">${a.never}</span>`
        : html`<strong>${formatNumber(lang, c.value, decimalsOf(c.metric))}</strong> ${displayUnit(c.unit)} · ${ageText(a, c.time, now)} <span class="note">(${formatDateTime(c.time.toISOString())})</span>`
    }</td>
</tr>`,
  )
  return html`<section aria-labelledby="sensors"><h2 id="sensors">${a.sensors}</h2>${
    channels.length === 0
      ? html`<p>${a.noSensors}</p>`
      : html`<table class="cards"><thead><tr><th scope="col">${a.sensor}</th><th scope="col">${a.gateway}</th><th scope="col">${a.metric}</th><th scope="col">${a.latest}</th></tr></thead><tbody>${rows}</tbody></table>`
  }</section>`
}
