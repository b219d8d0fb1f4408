// What the broker acknowledged but did not store, once: the row of GET /dead-letters, its stored bytes
// shown as text when they are UTF-8 (the reasons are defined with the MQTT payloads they refuse).
import { type Static, Type } from 'typebox'
import { DEAD_LETTER_REASONS } from '../mqtt-schemas.ts'
import { DateTime, Nullable } from './common.ts'

const Reason = Type.Enum(DEAD_LETTER_REASONS, {
  description:
    'malformed_senml: the payload is not a SenML pack, refused whole. invalid_record, non_finite_value, ' +
    'time_out_of_bounds, unknown_sensor, foreign_sensor: one or more records refused, the rest of the ' +
    'pack stored. oversized_payload: over INGEST_MAX_PAYLOAD_BYTES, refused whole. malformed_alarm: an ' +
    'alarm report that is not one; a report is refused whole, also for the record reasons above.',
})

export const DeadLetter = Type.Object({
  id: Type.Integer(),
  receivedAt: DateTime,
  gatewayId: Type.String(),
  topic: Type.String(),
  reason: Reason,
  detail: Type.String(),
  recordIndex: Nullable(Type.Integer(), {
    description: 'First refused record of this reason in the pack; null when the whole payload was refused',
  }),
  payloadSize: Type.Integer({ description: 'Bytes received' }),
  truncated: Type.Boolean({ description: 'Only the first 16 KiB of the payload are kept' }),
  payload: Type.String({ description: 'The stored bytes, as text or base64 (payloadEncoding)' }),
  payloadEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64')]),
})
export type DeadLetter = Static<typeof DeadLetter>
