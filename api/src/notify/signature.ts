// The webhook signature, Stripe style: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over "<t>.<raw body>", keyed
// with the webhook secret as the ASCII string it was shown as. docs/notifications.md is the receiver's spec;
// change both together.
import { createHmac } from 'node:crypto'

export const SIGNATURE_HEADER = 'zonetrace-signature'
export const EVENT_ID_HEADER = 'zonetrace-event-id'
export const WEBHOOK_USER_AGENT = 'zonetrace-webhooks'

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex')
  return `t=${unixSeconds},v1=${mac}`
}
