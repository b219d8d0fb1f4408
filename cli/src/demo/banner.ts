// What the demo prints and writes to DATA_DIR/demo.json (CONTRACT.md § Commands: apiUrl, mqttUrl, adminToken).
import type { DemoInfo } from '@zonetrace/contracts'
import { DEMO_SERIES } from './seed-data.ts'

export interface DemoEndpoints {
  apiPort: number
  mqttPort: number
  adminToken: string
  database: string
  gateways: string[]
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
    'Press Ctrl-C to stop.',
    '',
  ].join('\n')
}
