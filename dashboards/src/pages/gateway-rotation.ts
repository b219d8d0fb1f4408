// Rotating a gateway's secret, for admins: first a page that says what it breaks (the gateway is refused
// until it is reconfigured) with the one button that does it, then the new secret, once, in the same
// copyable agent config provisioning shows.
import { html, type Markup } from '@zonetrace/api'
import type { Lang } from '@zonetrace/contracts'
import { type GatewaysView, secretPanel } from './gateways.ts'
import { gatewaysText } from './gateways-text.ts'

export function rotateConfirmMain(lang: Lang, gatewayId: string, zone: string, csrfToken: string): Markup {
  const t = gatewaysText(lang)
  const action = `/console/admin/gateways/${encodeURIComponent(gatewayId)}/rotate`
  return html`<h1>${t.rotateTitle(gatewayId)}</h1>
<p class="note">${t.area}: ${zone}</p>
<div class="error" role="note"><p><strong>${t.rotateWarning}</strong></p><p>${t.rotateSteps}</p></div>
<form method="post" action="${action}" class="panel">
<input type="hidden" name="_csrf" value="${csrfToken}">
<button type="submit" class="warning">${t.rotateConfirm}</button>
</form>
<p><a href="/console/admin/gateways#gw-${gatewayId}">${t.cancel}</a></p>`
}

export function rotatedMain(lang: Lang, done: NonNullable<GatewaysView['provisioned']>): Markup {
  const t = gatewaysText(lang)
  const id = done.credentials.gatewayId
  return html`<h1>${t.rotateTitle(id)}</h1>${secretPanel(t, t.rotated(id), done)}`
}

export function unknownGatewayMain(lang: Lang, gatewayId: string): Markup {
  const t = gatewaysText(lang)
  return html`<h1>${t.rotate}</h1><div class="error" role="alert"><p>${t.unknownGateway(gatewayId)}</p></div>
<p><a href="/console/admin/gateways">${t.backToList}</a></p>`
}
