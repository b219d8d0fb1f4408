// MQTT topic layout (docs/asyncapi.yaml). Every gateway lives under its own prefix so one ACL rule covers it.

export const TOPIC_ROOT = 'zt/v1/gw'

export type GatewayTopicKind = 'readings' | 'status' | 'config' | 'command' | 'alarms'

export const topics = {
  readings: (gatewayId: string) => `${TOPIC_ROOT}/${gatewayId}/readings`,
  status: (gatewayId: string) => `${TOPIC_ROOT}/${gatewayId}/status`,
  config: (gatewayId: string) => `${TOPIC_ROOT}/${gatewayId}/config`,
  command: (gatewayId: string) => `${TOPIC_ROOT}/${gatewayId}/command`,
  alarms: (gatewayId: string) => `${TOPIC_ROOT}/${gatewayId}/alarms`,
}

/**
 * The edge agent's local broker for the field nodes on a gateway's LAN (issue 4): each node publishes SenML
 * packs on its own readings topic; the agent announces settings (the sampling interval), retained, on one
 * config topic that nodes may read and never write.
 */
export const LOCAL_TOPIC_ROOT = 'zt/v1/local'
export const localReadingsTopic = (nodeId: string) => `${LOCAL_TOPIC_ROOT}/${nodeId}/readings`
export const LOCAL_CONFIG_TOPIC = `${LOCAL_TOPIC_ROOT}/config`

const KINDS = new Set<string>(['readings', 'status', 'config', 'command', 'alarms'])

/** Splits `zt/v1/gw/{id}/{kind}`; returns null for anything else, including wildcards. */
export function parseGatewayTopic(topic: string): { gatewayId: string; kind: GatewayTopicKind } | null {
  const parts = topic.split('/')
  if (parts.length !== 5 || parts[0] !== 'zt' || parts[1] !== 'v1' || parts[2] !== 'gw') return null
  const gatewayId = parts[3]!
  const kind = parts[4]!
  if (!isGatewayId(gatewayId) || !KINDS.has(kind)) return null
  return { gatewayId, kind: kind as GatewayTopicKind }
}

/** Gateway ids appear in topics and usernames, so they exclude MQTT wildcards and separators. */
export const GATEWAY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export function isGatewayId(id: string): boolean {
  return GATEWAY_ID_PATTERN.test(id)
}

/** Sensor ids are carried in SenML names before the last ':'; same alphabet as gateway ids. */
export const SENSOR_ID_PATTERN = GATEWAY_ID_PATTERN

export function isSensorId(id: string): boolean {
  return SENSOR_ID_PATTERN.test(id)
}
