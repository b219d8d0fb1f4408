// Publish steps that look at the payload before anything else uses it: the size limit, which dead-letters
// an oversized payload on any gateway topic and ends its pipeline, and the gateway's status, which feeds
// presence (publish/pipelines.ts lists them).

import { findUnstorable } from '@zonetrace/contracts'
import type { PublishPacket } from 'aedes'
import { topicForLog } from '../acl/rules.ts'
import { type PublishRequest, STOP } from './request.ts'

/** Stored in gateways.status: a status is a few fields (state, spool depth), not a document. */
const STATUS_MAX_BYTES = 4096

export function payloadOf(packet: PublishPacket): Buffer {
  return typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
}

export function screenPayloadSize({ ctx, packet, gatewayId }: PublishRequest): typeof STOP | undefined {
  const payload = payloadOf(packet)
  const limit = ctx.ingest.maxPayloadBytes
  if (payload.length <= limit) return
  // Acknowledged like every dead letter; never kept as a retained message (one per gateway, in memory).
  packet.retain = false
  ctx.log.warn(
    { gatewayId, topic: topicForLog(packet.topic), bytes: payload.length, limit },
    'payload over INGEST_MAX_PAYLOAD_BYTES dead-lettered',
  )
  ctx.deadLetters.add({
    gatewayId,
    topic: packet.topic,
    reason: 'oversized_payload',
    detail: `payload of ${payload.length} bytes is over the limit of ${limit} bytes`,
    recordIndex: null,
    payload,
  })
  return STOP
}

/** The gateway's own status (or its will): kept for GET /api/v1/gateways and for presence. */
export function recordStatus({ ctx, client, packet, gatewayId }: PublishRequest): void {
  const payload = payloadOf(packet)
  if (payload.length > STATUS_MAX_BYTES) {
    ctx.log.info({ gatewayId, bytes: payload.length }, 'status not stored: over 4 KiB')
    return
  }
  let status: unknown
  try {
    status = JSON.parse(payload.toString('utf8'))
  } catch {
    status = undefined
  }
  if (status === null || typeof status !== 'object' || Array.isArray(status)) {
    ctx.log.info({ gatewayId }, 'status not stored: not a JSON object')
    return
  }
  // The platform's text rule (contracts/src/text.ts): what Postgres cannot store never reaches presence.
  const unstorable = findUnstorable(status, 'status')
  if (unstorable) {
    ctx.log.info({ gatewayId, reason: unstorable }, 'status not stored')
    return
  }
  ctx.presence.status(gatewayId, client, status as Record<string, unknown>)
}
