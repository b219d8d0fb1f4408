// What the demo prints and writes to DATA_DIR/demo.json (docs/interfaces.md § demo.json).
import { type DemoInfo, THRESHOLD_PRESETS, type ThresholdLimit } from '@zonetrace/contracts'
import type { DemoAccount } from './accounts.ts'
import { DEMO_AERATOR_DRILL } from './aerator-drill.ts'
import { DEMO_AREAS, DEMO_GATEWAYS, DEMO_SERIES } from './seed-data.ts'

interface DemoEndpoints {
  apiPort: number
  mqttPort: number
  adminToken: string
  database: string
  gateways: string[]
  /** A signed label of the flagship lot, as issued (on PUBLIC_BASE_URL). */
  labelUrl: string
  /** Console logins, one per role. */
  accounts: DemoAccount[]
}

export function demoInfo(e: DemoEndpoints): DemoInfo {
  const apiUrl = `http://localhost:${e.apiPort}`
  const { sensorId, metric } = DEMO_SERIES
  return {
    apiUrl,
    mqttUrl: `mqtt://localhost:${e.mqttPort}`,
    adminToken: e.adminToken,
    docsUrl: `${apiUrl}/docs`,
    demoSensor: { sensorId, metric },
    seriesUrl: `${apiUrl}/api/v1/sensors/${sensorId}/series?metric=${metric}&bucket=1m`,
    alertsUrl: `${apiUrl}/api/v1/alerts?state=active`,
    alertStreamUrl: `${apiUrl}/api/v1/alerts/stream`,
    consumerUrl: openableUrl(e.labelUrl, apiUrl),
    consoleUrl: `${apiUrl}/console`,
    accounts: e.accounts,
    gateways: e.gateways,
    database: e.database,
    startedAt: new Date().toISOString(),
  }
}

export function banner(info: DemoInfo, infoFile: string): string {
  const { sensorId, metric } = DEMO_SERIES
  return [
    '',
    'zonetrace demo is running',
    `  API          ${info.apiUrl}   (OpenAPI UI: ${info.docsUrl})`,
    `  MQTT         ${info.mqttUrl}`,
    `  Database     ${info.database}`,
    `  Gateways     ${(info.gateways as string[]).join(', ')} (simulated)`,
    `  Admin token  ${info.adminToken}`,
    `  Saved in     ${infoFile}`,
    '',
    `Live ${metric} of demo sensor ${sensorId}, one-minute buckets (first points within a minute):`,
    `  curl -H 'Authorization: Bearer ${info.adminToken}' '${info.seriesUrl}'`,
    '',
    ...liveAlert(info),
    `Console (sign in at ${info.consoleUrl}; a cooperative lands in its workspace, /workspace, on a phone):`,
    ...(info.accounts as DemoAccount[]).map((a) => `  ${a.role.padEnd(12)} ${a.email}  ${a.password}`),
    '',
    'Scan page of a demo label (open in a browser):',
    `  ${info.consumerUrl}`,
    '',
    `Public map of the growing areas: ${info.apiUrl}/  ·  open data: ${info.apiUrl}/ogc, ${info.apiUrl}/open/downloads`,
    `  ogrinfo OAPIF:${info.apiUrl}/ogc growing-areas`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n')
}

/** Where to watch the alert of the shrimp pond's aerator stop (aerator-drill.ts); nothing without a pond. */
function liveAlert(info: DemoInfo): string[] {
  const pond = DEMO_AREAS.find((a) => a.kind === 'shrimp_pond')
  const gateway = DEMO_GATEWAYS.find((g) => g.zone === pond?.code)
  if (!pond || !gateway || !(info.gateways as string[]).includes(gateway.id)) return []
  const limits: readonly ThresholdLimit[] = THRESHOLD_PRESETS[pond.preset].limits
  const limit = limits.find((l) => l.metric === 'dissolved_oxygen' && l.min !== undefined)
  if (!limit) return []
  const minutes = Math.round(DEMO_AERATOR_DRILL.afterSeconds / 60)
  const auth = `-H 'Authorization: Bearer ${info.adminToken}'`
  return [
    `Live alert: about ${minutes} minutes from now the aerator of the shrimp pond ${pond.code} (gateway`,
    `${gateway.id}) stops; dissolved oxygen falls under ${limit.min} mg/L (${limit.standard}) and a ${limit.severity} alert`,
    'opens within a few minutes, then clears once the aerator runs again. Later stops come on some nights,',
    'before dawn. Open alerts, and the live stream of alert events:',
    `  curl ${auth} '${info.alertsUrl}'`,
    `  curl -N ${auth} '${info.alertStreamUrl}'`,
    '',
  ]
}

/**
 * The label link a person can open against this demo. The signature does not cover the host
 * (docs/label-signature.md), so a link moved onto another origin still verifies. When PUBLIC_BASE_URL
 * points at this machine (the default http://localhost:3000) but the API listens elsewhere (HTTP_PORT=3999),
 * the link is moved onto the API's own origin, or it would not open; a public domain (a proxy in front of
 * the API) is left as configured.
 */
export function openableUrl(labelUrl: string, apiUrl: string): string {
  const label = new URL(labelUrl)
  const api = new URL(apiUrl)
  if (!LOOPBACK.has(label.hostname) || label.origin === api.origin) return labelUrl
  return `${api.origin}${label.pathname}${label.search}`
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])
