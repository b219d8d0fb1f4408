// Webhook and delivery shapes as the API shows them.
import { Type } from '@fastify/type-provider-typebox'
import { SEVERITIES } from '@zonetrace/contracts'
import { DELIVERY_STATES, WEBHOOK_ERROR_CLASSES, WEBHOOK_URL_MAX_LENGTH } from '@zonetrace/db'
import { DateTime, NullableDateTime } from '../../schemas/common.ts'

export const Severity = Type.Enum(SEVERITIES, {
  description: 'Lowest severity sent: warning < minor < major < critical',
})

export const WebhookBody = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      // Checked again with a clearer message; this bound only stops absurd bodies early.
      maxLength: WEBHOOK_URL_MAX_LENGTH * 4,
      description:
        `http(s) URL without credentials, at most ${WEBHOOK_URL_MAX_LENGTH} characters, of a public host: ` +
        'localhost and loopback, private, link-local and other non-public addresses are refused ' +
        '(unless the operator sets WEBHOOK_ALLOW_PRIVATE)',
    }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    minSeverity: Type.Optional(Severity),
    cooperativeId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "Officers and admins: only this cooperative's growing areas (default: all). " +
          "A cooperative's webhook is always its own.",
      }),
    ),
  },
  { additionalProperties: false },
)

export const Webhook = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  cooperativeId: Type.Union([Type.String(), Type.Null()], {
    description: "null: every growing area (an officer's or admin's webhook)",
  }),
  minSeverity: Severity,
  enabled: Type.Boolean(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
  pending: Type.Integer({ description: 'Deliveries waiting for their next attempt' }),
  dead: Type.Integer({ description: 'Deliveries that failed every attempt (the dead-letter list)' }),
})

export const CreatedWebhook = Type.Object({
  ...Webhook.properties,
  secret: Type.String({
    description:
      'HMAC-SHA256 key of the zonetrace-signature header, shown only in this answer (docs/notifications.md)',
  }),
})

/** Ids are bigserial; past the safe range a number would not even reach the database intact. */
export const RowId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })

export const WebhookParams = Type.Object({ id: RowId })

export const DeliveryState = Type.Enum(DELIVERY_STATES)

export const DeliveryError = Type.Union([Type.Enum(WEBHOOK_ERROR_CLASSES), Type.Null()], {
  description:
    'Why the last attempt failed, as a class only (never the answer nor the address): ' +
    'refused (no connection: refused, reset, unresolved, or an address webhooks may not reach), ' +
    'timeout (no answer within WEBHOOK_TIMEOUT_MS), tls (handshake or certificate), ' +
    'http_3xx (a redirect, not followed), http_4xx, http_5xx (or any other non-2xx). null after a 2xx',
})

export const Delivery = Type.Object({
  id: Type.Integer(),
  webhookId: Type.Integer(),
  eventId: Type.Integer(),
  state: DeliveryState,
  attempts: Type.Integer(),
  nextAttemptAt: DateTime,
  lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'HTTP status of the last attempt' }),
  lastError: DeliveryError,
  createdAt: DateTime,
  deliveredAt: NullableDateTime,
  payload: Type.Unknown({ description: 'The AlertEvent as POSTed' }),
})

export function webhookView<T extends { createdAt: Date; updatedAt: Date }>(w: T) {
  return { ...w, createdAt: w.createdAt.toISOString(), updatedAt: w.updatedAt.toISOString() }
}

export function deliveryView<T extends { nextAttemptAt: Date; createdAt: Date; deliveredAt: Date | null }>(
  d: T,
) {
  return {
    ...d,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  }
}
