// A webhook and its deliveries, once: what the webhook routes answer, the body that registers one, and the
// outbox rows operators list and replay. Routes validate and document with these, the repository returns
// them, browser code imports them.
import { type Static, Type } from 'typebox'
import { DELIVERY_STATES } from '../alerts.ts'
import { SEVERITIES } from '../thresholds.ts'
import type { AlertEvent } from './alert.ts'
import { DateTime, Nullable, NullableDateTime } from './common.ts'
import { RowId } from './rule.ts'

export const WEBHOOK_URL_MAX_LENGTH = 2048

/**
 * What last_error says about a failed attempt, and all it says: never the target's answer nor its address,
 * so a webhook cannot be used to read an internal service or tell its open ports from its closed ones.
 * `refused`: no connection (refused, reset, the name did not resolve, or an address webhooks may not
 * reach); `timeout`: no answer in time; `tls`: the TLS handshake or certificate failed; `http_3xx` (a
 * redirect, not followed), `http_4xx`, `http_5xx`: the target answered that (any other non-2xx is `http_5xx`).
 */
export const WEBHOOK_ERROR_CLASSES = [
  'refused',
  'timeout',
  'tls',
  'http_3xx',
  'http_4xx',
  'http_5xx',
] as const
export type WebhookErrorClass = (typeof WEBHOOK_ERROR_CLASSES)[number]

const MinSeverity = Type.Enum(SEVERITIES, {
  description: 'Lowest severity sent: warning < minor < major < critical',
})

/** POST /webhooks. */
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
    minSeverity: Type.Optional(MinSeverity),
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
export type WebhookBody = Static<typeof WebhookBody>

/** A webhook without its secret. */
export const Webhook = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  description: Nullable(Type.String()),
  cooperativeId: Nullable(Type.String(), {
    description: "null: every growing area (an officer's or admin's webhook)",
  }),
  minSeverity: MinSeverity,
  enabled: Type.Boolean(),
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  pending: Type.Integer({ description: 'Deliveries waiting for their next attempt' }),
  dead: Type.Integer({ description: 'Deliveries that failed every attempt (the dead-letter list)' }),
})
export type Webhook = Static<typeof Webhook>

/** The answer to POST /webhooks: the only one that carries the secret. */
export const CreatedWebhook = Type.Object({
  ...Webhook.properties,
  secret: Type.String({
    description:
      'HMAC-SHA256 key of the zonetrace-signature header, shown only in this answer (docs/notifications.md)',
  }),
})
export type CreatedWebhook = Static<typeof CreatedWebhook>

export const WebhookParams = Type.Object({ id: RowId })

export const DeliveryStateName = Type.Enum(DELIVERY_STATES)

export const DeliveryError = Nullable(Type.Enum(WEBHOOK_ERROR_CLASSES), {
  description:
    'Why the last attempt failed, as a class only (never the answer nor the address): ' +
    'refused (no connection: refused, reset, unresolved, or an address webhooks may not reach), ' +
    'timeout (no answer within WEBHOOK_TIMEOUT_MS), tls (handshake or certificate), ' +
    'http_3xx (a redirect, not followed), http_4xx, http_5xx (or any other non-2xx). null after a 2xx',
})

/** One alert event queued for one webhook: the outbox row. */
export const WebhookDelivery = Type.Object({
  id: Type.Integer(),
  webhookId: Type.Integer(),
  eventId: Type.Integer(),
  state: DeliveryStateName,
  attempts: Type.Integer(),
  nextAttemptAt: DateTime,
  lastStatus: Nullable(Type.Integer(), { description: 'HTTP status of the last attempt' }),
  lastError: DeliveryError,
  createdAt: DateTime,
  deliveredAt: NullableDateTime,
  // Documented loosely: the stored JSON is sent as it is, in the key order the database keeps.
  payload: Type.Unsafe<AlertEvent>(Type.Unknown({ description: 'The AlertEvent as POSTed' })),
})
export type WebhookDelivery = Static<typeof WebhookDelivery>
