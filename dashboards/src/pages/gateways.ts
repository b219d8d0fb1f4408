// Gateways, for admins: every gateway with its area (and where it stands), connection state, last contact
// and sensors, then the form that provisions one. Right after provisioning the page carries the secret, once, inside the edge
// agent's config; the list and any later page never do.
import { displayUnit, formatDateTime, html, type Markup } from '@zonetrace/api'
import {
  type Gateway,
  type GatewayCredentials,
  type Lang,
  METRIC_NAMES,
  METRICS,
  type Sensor,
} from '@zonetrace/contracts'
import { textFor } from '../i18n.ts'
import { AGENT_CONFIG_PATH, agentConfigJson } from './agent-config.ts'
import { gatewaysText } from './gateways-text.ts'

type Text = ReturnType<typeof gatewaysText>

export interface GatewaysView {
  gateways: Gateway[]
  sensors: Sensor[]
  areas: { code: string; name: string }[]
  csrfToken: string
  now: Date
  /** What the form held, kept when it was refused. */
  form?: { id: string; zone: string; metrics: string[]; position: string }
  problem?: string
  /** The gateway just provisioned and the broker its agent connects to: shown this once. */
  provisioned?: { credentials: GatewayCredentials; brokerUrl: string }
}

/** "5 phút trước": minutes under an hour, hours under two days, then days. */
export function timeAgo(t: Text, instant: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(instant)) / 60_000)
  if (minutes < 1) return t.justNow
  if (minutes < 60) return t.ago(minutes, 'minute')
  if (minutes < 48 * 60) return t.ago(Math.floor(minutes / 60), 'hour')
  return t.ago(Math.floor(minutes / 1440), 'day')
}

/** The spool depth from the gateway's last status: `spoolEntries`, or `spool` as gateways have long sent it. */
export function spoolDepth(status: Gateway['status']): number | null {
  const fields = (status ?? {}) as { spoolEntries?: unknown; spool?: unknown }
  const depth = fields.spoolEntries ?? fields.spool
  return typeof depth === 'number' && Number.isFinite(depth) ? depth : null
}

function sensorList(lang: Lang, t: Text, channels: Sensor[]): Markup {
  if (channels.length === 0) return html`<span class="note">${t.noSensors}</span>`
  const byId = new Map<string, string[]>()
  for (const c of channels) byId.set(c.sensorId, [...(byId.get(c.sensorId) ?? []), c.metric])
  return html`<ul class="metrics">${[...byId].map(
    ([id, metrics]) =>
      html`<li><code>${id}</code>: ${metrics.map((m) => (m in METRICS ? METRICS[m as keyof typeof METRICS].label[lang] : m)).join(', ')}</li>`,
  )}</ul>`
}

/** "9.93, 106.07": latitude first, as the form takes it and a phone's map app reads it. */
export function latLonText(position: Gateway['position']): string | null {
  if (!position) return null
  const [lon, lat] = position.coordinates
  return `${lat}, ${lon}`
}

function gatewayTable(lang: Lang, t: Text, view: GatewaysView): Markup {
  if (view.gateways.length === 0) return html`<p class="panel">${t.noGateways}</p>`
  const areaName = new Map(view.areas.map((a) => [a.code, a.name]))
  const zone = textFor(lang).timeZoneNote
  return html`<table class="cards"><caption class="note">${t.count(view.gateways.length)} · ${zone}</caption>
<thead><tr><th scope="col">${t.gateway}</th><th scope="col">${t.area}</th><th scope="col">${t.state}</th><th scope="col">${t.lastContact}</th><th scope="col">${t.sensors}</th><th scope="col">${t.spool}</th><th scope="col">${t.actions}</th></tr></thead>
<tbody>${view.gateways.map((g) => {
    const depth = spoolDepth(g.status)
    const where = latLonText(g.position)
    return html`<tr id="gw-${g.id}"><th scope="row" data-label="${t.gateway}"><code>${g.id}</code></th><td data-label="${t.area}">${areaName.get(g.zone) ?? g.zone} <span class="note">(${g.zone})</span>${where ? html`<br><span class="note">${t.position(where)}</span>` : ''}</td><td data-label="${t.state}"><span class="sev ${g.online ? 'sev-none' : 'sev-offline'}">${g.online ? t.online : t.offline}</span></td><td data-label="${t.lastContact}">${g.lastSeenAt ? html`<time datetime="${g.lastSeenAt}">${formatDateTime(g.lastSeenAt)}</time> <span class="note">(${timeAgo(t, g.lastSeenAt, view.now)})</span>` : t.never}</td><td data-label="${t.sensors}">${sensorList(
      lang,
      t,
      view.sensors.filter((s) => s.gatewayId === g.id),
    )}</td><td data-label="${t.spool}">${depth === null ? '—' : t.spoolEntries(depth)}</td><td data-label="${t.actions}"><a href="/console/admin/gateways/${encodeURIComponent(g.id)}/rotate" aria-label="${t.rotate} ${g.id}">${t.rotate}</a></td></tr>`
  })}</tbody></table>`
}

/** The secret, once, in the agent's config: after provisioning, and after a rotation (gateway-rotation.ts). */
export function secretPanel(
  t: Text,
  heading: string,
  done: NonNullable<GatewaysView['provisioned']>,
): Markup {
  const { credentials } = done
  return html`<section class="notice once" role="status" aria-labelledby="secret-title">
<h2 id="secret-title">${heading}</h2>
<p><strong>${t.secretOnce}</strong></p>
<p><span class="hint">${t.secretLabel}</span><code class="secret">${credentials.password}</code></p>
<h3><label for="agent-config">${t.configTitle}</label></h3>
<p class="hint">${t.configHint(AGENT_CONFIG_PATH)}</p>
<textarea id="agent-config" class="config" readonly rows="7" spellcheck="false">${agentConfigJson(credentials, done.brokerUrl)}</textarea>
${
  credentials.sensors.length > 0
    ? html`<h3>${t.nodesTitle}</h3><p class="hint">${t.nodesHint}</p><ul class="metrics">${credentials.sensors.map(
        (s) => html`<li><code>${s.sensorId}:${s.metric}</code></li>`,
      )}</ul>`
    : ''
}
<p><a href="/console/admin/gateways">${t.backToList}</a></p>
</section>`
}

function provisionForm(lang: Lang, t: Text, view: GatewaysView): Markup {
  const form = view.form ?? { id: '', zone: '', metrics: [], position: '' }
  return html`<h2 id="provision">${t.provisionTitle}</h2>
<form method="post" action="/console/admin/gateways" class="panel" aria-labelledby="provision">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<label for="gw-id">${t.idLabel}<span class="hint">${t.idHint}</span></label><input id="gw-id" name="id" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}" autocomplete="off" autocapitalize="none" spellcheck="false" value="${form.id}">
<label for="gw-zone">${t.areaLabel}</label><select id="gw-zone" name="zone" required><option value="">${t.chooseArea}</option>${view.areas.map(
    (a) =>
      html`<option value="${a.code}"${a.code === form.zone ? html` selected` : ''}>${a.code} · ${a.name}</option>`,
  )}</select>
<label for="gw-position">${t.positionLabel}<span class="hint" id="gw-position-hint">${t.positionHint}</span></label><input id="gw-position" name="position" maxlength="60" autocomplete="off" spellcheck="false" aria-describedby="gw-position-hint" value="${form.position}">
<fieldset class="checks"><legend>${t.metricsLabel}<span class="hint">${t.metricsHint(`${form.id || '{id}'}-s1`)}</span></legend>${METRIC_NAMES.map(
    (m) =>
      html`<label><input type="checkbox" name="metric" value="${m}"${form.metrics.includes(m) ? html` checked` : ''}> ${METRICS[m].label[lang]} <span class="note">(${displayUnit(METRICS[m].unit)})</span></label>`,
  )}</fieldset>
<button type="submit">${t.provision}</button>
</form>`
}

export function gatewaysMain(lang: Lang, view: GatewaysView): Markup {
  const t = gatewaysText(lang)
  return html`<h1>${t.title}</h1>
${view.provisioned ? secretPanel(t, t.provisioned(view.provisioned.credentials.gatewayId), view.provisioned) : html`<p class="lead">${t.lead}</p>`}
${view.problem ? html`<div class="error" role="alert"><h2>${t.problem}</h2><p>${view.problem}</p></div>` : ''}
${gatewayTable(lang, t, view)}
${provisionForm(lang, t, view)}`
}
