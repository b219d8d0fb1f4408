// A dead letter as the broker stores a malformed SenML pack: what the dead-letter route and page tests list.
import type { DeadLetterEntry } from '@zonetrace/db'

export function malformedPack(
  i: number,
  receivedAt: Date,
  gatewayId: string,
  over: Partial<DeadLetterEntry> = {},
): DeadLetterEntry {
  const payload = Buffer.from(`[{"n":"bad ${i}"`)
  return {
    receivedAt,
    gatewayId,
    topic: `zt/v1/gw/${gatewayId}/readings`,
    reason: 'malformed_senml',
    detail: 'payload is not valid JSON',
    recordIndex: null,
    payload,
    payloadSize: payload.length,
    truncated: false,
    ...over,
  }
}
