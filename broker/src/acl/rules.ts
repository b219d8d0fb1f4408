// The whole ACL: a gateway lives under zt/v1/gw/{its id}/ and nowhere else (docs/asyncapi.yaml).
// Exact topics only: parseGatewayTopic returns null for wildcards, $SYS and anything outside the layout.
import { type GatewayTopicKind, parseGatewayTopic } from '@zonetrace/contracts'

/** The topic kinds a gateway publishes to; publish/pipelines.ts has one pipeline for each. */
export type PublishableKind = Extract<GatewayTopicKind, 'readings' | 'status' | 'alarms'>

const PUBLISHABLE = new Set<GatewayTopicKind>(['readings', 'status', 'alarms'] satisfies PublishableKind[])
const SUBSCRIBABLE = new Set<GatewayTopicKind>(['config', 'command'])

/** The kind of topic this gateway may publish to, or null when it may not. */
export function publishableKind(gatewayId: string, topic: string): PublishableKind | null {
  const t = parseGatewayTopic(topic)
  return t && t.gatewayId === gatewayId && isPublishable(t.kind) ? t.kind : null
}

function isPublishable(kind: GatewayTopicKind): kind is PublishableKind {
  return PUBLISHABLE.has(kind)
}

export function maySubscribe(gatewayId: string, topic: string): boolean {
  const t = parseGatewayTopic(topic)
  return t !== null && t.gatewayId === gatewayId && SUBSCRIBABLE.has(t.kind)
}

/** Topics come from the client: keep log lines short whatever it sent. */
export function topicForLog(topic: string): string {
  return topic.length > 128 ? `${topic.slice(0, 125)}...` : topic
}
