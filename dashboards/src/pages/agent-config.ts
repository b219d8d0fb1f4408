// The edge agent's config file for a gateway just provisioned, in the format the agent reads
// (edge-agent/src/config/schema.ts, README § Edge agent on a field gateway). Only the four fields without a
// default are written: every other one has a default that suits a small gateway, and a field the agent does
// not know would make it refuse the whole file, so the sensors are not in it (they are listed beside it).
import type { GatewayCredentials } from '@zonetrace/contracts'

/** Where the README puts it; the page tells the technician to save it there. */
export const AGENT_CONFIG_PATH = '/etc/zonetrace/agent.json'
const AGENT_DATA_DIR = '/var/lib/zonetrace-agent'

/** The broker as this person reached the platform: same host name, the broker's own MQTT port. */
export function brokerUrlFor(hostname: string, mqttPort: number): string {
  return `mqtt://${hostname}:${mqttPort}`
}

export function agentConfigJson(credentials: GatewayCredentials, brokerUrl: string): string {
  const config = {
    gatewayId: credentials.gatewayId,
    secret: credentials.password,
    brokerUrl,
    dataDir: AGENT_DATA_DIR,
  }
  return JSON.stringify(config, null, 2)
}
