// What `zonetrace gateway add` and `POST /api/v1/gateways` print (docs/interfaces.md): one schema, which
// the route answers with and which strips anything extra.
import { type Static, Type } from 'typebox'
import type { Metric } from './metrics.ts'

export const SensorChannel = Type.Object({
  sensorId: Type.String(),
  metric: Type.Unsafe<Metric>(Type.String()),
})
export type SensorChannel = Static<typeof SensorChannel>

export const GatewayCredentials = Type.Object(
  {
    gatewayId: Type.String(),
    username: Type.String(),
    password: Type.String({ description: 'Shown once; only its hash is stored' }),
    sensors: Type.Array(SensorChannel),
  },
  { description: 'Gateway provisioned' },
)
export type GatewayCredentials = Static<typeof GatewayCredentials>

/** Retained on `zt/v1/gw/{id}/status`. */
export interface GatewayStatus {
  state: 'online' | 'offline'
  spool?: number
  at?: string
  /** Set by the broker on an offline it announces for a gateway whose broker node was lost. */
  reason?: 'node-lost'
}

/** Written to DATA_DIR/demo.json by `zonetrace demo`. */
export interface DemoInfo {
  apiUrl: string
  mqttUrl: string
  adminToken: string
  [extra: string]: unknown
}
