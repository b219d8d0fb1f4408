// What `zonetrace gateway add` and `POST /api/v1/gateways` print (docs/interfaces.md).
import type { Metric } from './metrics.ts'

export interface SensorChannel {
  sensorId: string
  metric: Metric
}

export interface GatewayCredentials {
  gatewayId: string
  username: string
  password: string
  sensors: SensorChannel[]
}

/** Retained on `zt/v1/gw/{id}/status`. */
export interface GatewayStatus {
  state: 'online' | 'offline'
  spool?: number
  at?: string
}

/** Written to DATA_DIR/demo.json by `zonetrace demo`. */
export interface DemoInfo {
  apiUrl: string
  mqttUrl: string
  adminToken: string
  [extra: string]: unknown
}
