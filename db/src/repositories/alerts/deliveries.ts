// Webhook deliveries, the outbox recordAlertEvents fills: claimed by dispatchers, settled after each
// attempt, and listed (pending, delivered, dead) and replayed by operators.
import {
  type AlertEvent,
  type DeliveryState,
  WEBHOOK_ERROR_CLASSES,
  type WebhookDelivery,
  type WebhookErrorClass,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'

type Queryable = Pick<Database, 'query'>

/** The class of an HTTP answer that is not a 2xx. */
export function httpErrorClass(status: number): WebhookErrorClass {
  if (status >= 300 && status < 400) return 'http_3xx'
  if (status >= 400 && status < 500) return 'http_4xx'
  return 'http_5xx'
}

/**
 * The class of a stored last_error. Rows written before the classes held free text ("HTTP 500: <the
 * target's body>", "network error: ECONNREFUSED: connect … 127.0.0.1:8080"); they read as their class.
 */
export function webhookErrorClass(stored: string | null): WebhookErrorClass | null {
  if (stored === null) return null
  if ((WEBHOOK_ERROR_CLASSES as readonly string[]).includes(stored)) return stored as WebhookErrorClass
  const http = /^HTTP (\d{3})/.exec(stored)
  if (http) return httpErrorClass(Number(http[1]))
  if (stored.startsWith('no answer within')) return 'timeout'
  if (/CERT|TLS|SSL|certificate/.test(stored)) return 'tls'
  return 'refused'
}

/** A delivery a dispatcher holds for one attempt, with where and how to send it. */
export type ClaimedDelivery = {
  id: number
  webhookId: number
  eventId: number
  payload: AlertEvent
  /** Attempts made before this one. */
  attempts: number
  url: string
  secret: string
}

const iso = (d: Date) => d.toISOString()

/**
 * Takes up to `limit` due deliveries of enabled webhooks and moves their next_attempt_at to `leaseUntil`,
 * in one statement. SKIP LOCKED lets several API instances claim side by side without waiting on or
 * taking each other's rows, and the lease keeps a claimed row from being due again while it is in flight.
 * If the claiming process dies, the row falls due again when the lease runs out (at-least-once).
 */
export async function claimDueDeliveries(
  db: Queryable,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  return db.query<ClaimedDelivery>(
    `with due as (
       select d.id from webhook_deliveries d join webhooks w on w.id = d.webhook_id
        where d.state = 'pending' and d.next_attempt_at <= $1::timestamptz and w.enabled
        order by d.next_attempt_at, d.id
        limit $3
        for update of d skip locked)
     update webhook_deliveries d set next_attempt_at = $2::timestamptz
       from due, webhooks w
      where d.id = due.id and w.id = d.webhook_id
     returning d.id, d.webhook_id as "webhookId", d.event_id as "eventId", d.payload, d.attempts, w.url, w.secret`,
    [iso(now), iso(leaseUntil), limit],
  )
}

/**
 * Records a 2xx. The `attempts` guard makes a settle from a process that outlived its lease a no-op
 * rather than a double count.
 */
export async function markDelivered(
  db: Queryable,
  claimed: Pick<ClaimedDelivery, 'id' | 'attempts'>,
  status: number,
  at: Date,
): Promise<void> {
  await db.query(
    `update webhook_deliveries
        set state = 'delivered', attempts = attempts + 1, last_status = $3, last_error = null,
            delivered_at = $4::timestamptz
      where id = $1 and attempts = $2 and state = 'pending'`,
    [claimed.id, claimed.attempts, status, iso(at)],
  )
}

/**
 * Records a failed attempt: retried at `retryAt`, or dead once `maxAttempts` attempts are spent.
 * Returns the state the delivery is left in (null when another settle got there first).
 */
export async function markFailed(
  db: Queryable,
  claimed: Pick<ClaimedDelivery, 'id' | 'attempts'>,
  failure: { status: number | null; error: WebhookErrorClass; retryAt: Date; maxAttempts: number },
): Promise<'pending' | 'dead' | null> {
  const [row] = await db.query<{ state: 'pending' | 'dead' }>(
    `update webhook_deliveries
        set attempts = attempts + 1, last_status = $3, last_error = $4,
            state = case when attempts + 1 >= $6 then 'dead' else 'pending' end,
            next_attempt_at = $5::timestamptz
      where id = $1 and attempts = $2 and state = 'pending'
     returning state`,
    [claimed.id, claimed.attempts, failure.status, failure.error, iso(failure.retryAt), failure.maxAttempts],
  )
  return row?.state ?? null
}

/** Every field of a delivery, from `webhook_deliveries d` (ADR 0009: one column list per resource). */
const deliveryColumns: Columns<WebhookDelivery> = {
  id: 'd.id',
  webhookId: 'd.webhook_id',
  eventId: 'd.event_id',
  state: 'd.state',
  attempts: 'd.attempts',
  nextAttemptAt: 'd.next_attempt_at',
  lastStatus: 'd.last_status',
  lastError: 'd.last_error',
  createdAt: 'd.created_at',
  deliveredAt: 'd.delivered_at',
  payload: 'd.payload',
}
const DELIVERY_INSTANTS = ['nextAttemptAt', 'createdAt', 'deliveredAt'] as const
const VIEW_COLUMNS = selectList(deliveryColumns)

type DeliveryFields = Omit<WebhookDelivery, 'lastError'>
type DeliveryInstant = (typeof DELIVERY_INSTANTS)[number]
/** A row as stored: instants as Date, and last_error as written, which may predate the classes. */
type StoredDelivery = WithInstants<DeliveryFields, DeliveryInstant> & { lastError: string | null }

const deliveryOf = ({ lastError, ...row }: StoredDelivery): WebhookDelivery => ({
  ...withIsoInstants<DeliveryFields, DeliveryInstant>(row, DELIVERY_INSTANTS),
  lastError: webhookErrorClass(lastError),
})

/** One webhook's deliveries, newest first; `before` pages on by delivery id. */
export async function listDeliveries(
  db: Queryable,
  webhookId: number,
  filter: { state?: DeliveryState | undefined; before?: number | undefined; limit: number },
): Promise<WebhookDelivery[]> {
  const params: unknown[] = [webhookId]
  let where = 'd.webhook_id = $1'
  if (filter.state !== undefined) {
    params.push(filter.state)
    where += ` and d.state = $${params.length}`
  }
  if (filter.before !== undefined) {
    params.push(filter.before)
    where += ` and d.id < $${params.length}`
  }
  params.push(filter.limit)
  const rows = await db.query<StoredDelivery>(
    `select ${VIEW_COLUMNS} from webhook_deliveries d where ${where} order by d.id desc limit $${params.length}`,
    params,
  )
  return rows.map(deliveryOf)
}

/**
 * Puts a dead delivery back in the queue with a fresh set of attempts. Only dead ones: a pending one is
 * already queued, and a delivered one was answered with a 2xx.
 */
export async function requeueDeadDelivery(
  db: Queryable,
  webhookId: number,
  deliveryId: number,
  now: Date,
): Promise<WebhookDelivery> {
  const [row] = await db.query<StoredDelivery>(
    `update webhook_deliveries d set state = 'pending', attempts = 0, next_attempt_at = $3::timestamptz
      where d.id = $1 and d.webhook_id = $2 and d.state = 'dead'
     returning ${VIEW_COLUMNS}`,
    [deliveryId, webhookId, iso(now)],
  )
  if (row) return deliveryOf(row)
  const [existing] = await db.query<{ state: DeliveryState }>(
    'select state from webhook_deliveries where id = $1 and webhook_id = $2',
    [deliveryId, webhookId],
  )
  const { state } = found(existing, `delivery ${deliveryId} of webhook ${webhookId} not found`)
  throw new RegistryError(`delivery ${deliveryId} is ${state}; only dead deliveries are retried`, 'conflict')
}
