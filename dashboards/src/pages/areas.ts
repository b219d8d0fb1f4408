// The officer's list of growing areas: the accessible view of the map, searchable and sortable with a
// plain GET form, worst open alert first by default so what needs attention is on top.
import { displayUnit, formatDateTime, formatNumber, html, type Markup } from '@zonetrace/api'
import { type AreaStatus, type Lang, METRICS, SEVERITIES, type Severity } from '@zonetrace/contracts'
import { type Text, textFor } from '../i18n.ts'

export const AREA_SORTS = ['worst', 'code', 'commune'] as const
export type AreaSort = (typeof AREA_SORTS)[number]

/** The metrics an officer reads first, in this order; others follow. */
const KEY_METRICS = ['salinity', 'dissolved_oxygen', 'ph', 'temperature']

const rank = (s: Severity | null) => (s === null ? -1 : SEVERITIES.indexOf(s))
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()

/** Matches code, today's or former commune, area or cooperative name, without regard to case or accents. */
export function matchesSearch(area: AreaStatus, query: string): boolean {
  const q = fold(query.trim())
  if (!q) return true
  const { zone } = area
  return [zone.code, zone.name, zone.commune.name, zone.commune.formerName, area.cooperativeName].some(
    (field) => field && fold(field).includes(q),
  )
}

export function sortAreas(areas: AreaStatus[], sort: AreaSort): AreaStatus[] {
  const byCode = (a: AreaStatus, b: AreaStatus) => a.zone.code.localeCompare(b.zone.code)
  const compare: Record<AreaSort, (a: AreaStatus, b: AreaStatus) => number> = {
    worst: (a, b) =>
      rank(b.worstSeverity) - rank(a.worstSeverity) || b.openAlerts - a.openAlerts || byCode(a, b),
    code: byCode,
    commune: (a, b) =>
      (a.zone.commune.name ?? '').localeCompare(b.zone.commune.name ?? '', 'vi') || byCode(a, b),
  }
  return [...areas].sort(compare[sort])
}

function severityBadge(t: Text, area: AreaStatus): Markup {
  if (!area.worstSeverity) return html`<span class="sev sev-none">${t.noAlert}</span>`
  return html`<span class="sev sev-${area.worstSeverity}">${t.severity[area.worstSeverity]}</span> × ${area.openAlerts}`
}

function latestList(lang: Lang, t: Text, area: AreaStatus): Markup {
  if (area.latest.length === 0) return html`<span class="note">${t.noReading}</span>`
  const ordered = [...area.latest].sort(
    (a, b) => ((KEY_METRICS.indexOf(a.metric) + 99) % 99) - ((KEY_METRICS.indexOf(b.metric) + 99) % 99),
  )
  return html`<ul class="metrics">${ordered.map((r) => {
    const m = METRICS[r.metric]
    return html`<li>${m.label[lang]}: <strong>${formatNumber(lang, r.value, m.decimals)}</strong> ${displayUnit(m.unit)} <span class="note">(${formatDateTime(r.time)})</span></li>`
  })}</ul>`
}

/** The areas the search finds, in the chosen order: the one list both the map and the table show. */
export function shownAreas(areas: AreaStatus[], query: string, sort: AreaSort): AreaStatus[] {
  return sortAreas(
    areas.filter((a) => matchesSearch(a, query)),
    sort,
  )
}

/** `shown` is already searched and sorted (shownAreas); `map` goes between the search form and the list. */
export function areasMain(
  lang: Lang,
  shown: AreaStatus[],
  query: string,
  sort: AreaSort,
  map: Markup,
): Markup {
  const t = textFor(lang)
  const sortLabel: Record<AreaSort, string> = { worst: t.sortWorst, code: t.sortCode, commune: t.sortCommune }
  const rows = shown.map(
    (a) => html`<tr>
<td data-label="${t.area}"><a href="/console/areas/${encodeURIComponent(a.zone.code)}"><strong>${a.zone.code}</strong></a><br>${a.zone.name}</td>
<td data-label="${t.commune}">${a.zone.commune.name ?? a.zone.commune.registeredCode}${a.zone.commune.formerName ? html`<br><span class="note">${t.formerly}: ${a.zone.commune.formerName}</span>` : ''}</td>
<td data-label="${t.cooperative}">${a.cooperativeName ?? t.none}</td>
<td data-label="${t.alerts}" data-severity-of="${a.zone.code}">${severityBadge(t, a)}</td>
<td data-label="${t.gateways}">${a.gatewaysOnline}/${a.gatewaysTotal}</td>
<td data-label="${t.latest}">${latestList(lang, t, a)}</td>
</tr>`,
  )
  return html`<h1>${t.areas}</h1>
<form method="get" action="/console" class="panel inline" role="search">
<div><label for="q">${t.search}<span class="hint">${t.searchHint}</span></label><input id="q" name="q" type="search" value="${query}" maxlength="100"></div>
<div><label for="sort">${t.sortBy}</label><select id="sort" name="sort">${AREA_SORTS.map(
    (s) => html`<option value="${s}"${s === sort ? html` selected` : ''}>${sortLabel[s]}</option>`,
  )}</select></div>
<button type="submit">${t.searchButton}</button>
</form>
<p class="note">${t.areasCount(shown.length)} · ${t.timeZoneNote}</p>
${map}
${
  shown.length === 0
    ? html`<p>${t.noAreas}</p>`
    : html`<table class="cards"><caption class="note">${t.areas}</caption><thead><tr><th scope="col">${t.area}</th><th scope="col">${t.commune}</th><th scope="col">${t.cooperative}</th><th scope="col">${t.alerts}</th><th scope="col">${t.gateways}</th><th scope="col">${t.latest}</th></tr></thead><tbody>${rows}</tbody></table>`
}`
}
