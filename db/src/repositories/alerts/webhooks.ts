// Webhooks: where alert events are POSTed. A cooperative's webhook hears only its own growing areas and
// only that cooperative sees it; an officer's or admin's may be scoped to one cooperative or hear all.
// Scoping goes through the registry's Actor (trace/actor.ts), so a foreign webhook answers like a missing one.
import { randomBytes } from 'node:crypto'
import {
  type CreatedWebhook,
  WEBHOOK_URL_MAX_LENGTH,
  type Webhook,
  type WebhookBody,
} from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'
import { found } from '../found.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'
import { webhookHostRefusal } from './webhook-address.ts'

export * from './webhook-address.ts'

type Queryable = Pick<Database, 'query'>

/** Every field of a webhook but its secret, from `webhooks w` (ADR 0009: one column list per resource). */
const webhookColumns: Columns<Webhook> = {
  id: 'w.id',
  url: 'w.url',
  description: 'w.description',
  cooperativeId: 'w.cooperative_id',
  minSeverity: 'w.min_severity',
  enabled: 'w.enabled',
  createdBy: 'w.created_by',
  createdAt: 'w.created_at',
  updatedAt: 'w.updated_at',
  pending: `(select count(*) from webhook_deliveries d where d.webhook_id = w.id and d.state = 'pending')::int`,
  dead: `(select count(*) from webhook_deliveries d where d.webhook_id = w.id and d.state = 'dead')::int`,
}
const WEBHOOK_INSTANTS = ['createdAt', 'updatedAt'] as const
type WebhookRow = WithInstants<Webhook, (typeof WEBHOOK_INSTANTS)[number]>
const SELECT = `select ${selectList(webhookColumns)} from webhooks w`
const webhookOf = (row: WebhookRow): Webhook => withIsoInstants(row, WEBHOOK_INSTANTS)

/** Who may point webhooks where: `allowPrivate` is WEBHOOK_ALLOW_PRIVATE, an operator's setting. */
export interface WebhookTargetPolicy {
  /** Accept loopback, private, link-local and other non-public targets (a receiver on the same LAN). */
  allowPrivate: boolean
}

/**
 * The target must be an absolute http(s) URL without credentials: a user:password in the URL would be
 * stored and shown in listings, and the signature already proves the sender. Unless the policy allows
 * private targets, its host must not be localhost nor an address outside the public internet, in any
 * spelling (WHATWG URL turns 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1 first). Returns the
 * normalised URL.
 */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy = { allowPrivate: false }): string {
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) {
    throw new RegistryError(
      `url is ${raw.length} characters long; at most ${WEBHOOK_URL_MAX_LENGTH}`,
      'invalid',
    )
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new RegistryError(`url "${raw.slice(0, 200)}" is not an absolute URL`, 'invalid')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RegistryError(`url must use http or https, not ${url.protocol.replace(/:$/, '')}`, 'invalid')
  }
  if (url.username !== '' || url.password !== '') {
    throw new RegistryError(
      'url must not carry credentials (user:password@); verify the zonetrace-signature header instead',
      'invalid',
    )
  }
  if (url.href.length > WEBHOOK_URL_MAX_LENGTH) {
    throw new RegistryError(
      `url is longer than ${WEBHOOK_URL_MAX_LENGTH} characters once normalised`,
      'invalid',
    )
  }
  const refusal = policy.allowPrivate ? null : webhookHostRefusal(url.hostname)
  if (refusal !== null) {
    throw new RegistryError(
      `url must reach a public address: ${refusal}. Webhook targets on the local host or a private ` +
        'network are refused unless the operator sets WEBHOOK_ALLOW_PRIVATE',
      'invalid',
    )
  }
  return url.href
}

/** 32 random bytes, base64url: the HMAC key, used as the ASCII string itself. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Creates a webhook; the secret comes back here and never again. */
export async function createWebhook(
  db: Queryable,
  actor: Actor,
  input: WebhookBody,
  policy: WebhookTargetPolicy = { allowPrivate: false },
): Promise<CreatedWebhook> {
  const url = checkWebhookUrl(input.url, policy)
  const cooperativeId = await scopeFor(db, actor, input.cooperativeId)
  const secret = newWebhookSecret()
  const [row] = await db.query<{ id: number }>(
    `insert into webhooks (url, secret, description, cooperative_id, min_severity, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [url, secret, input.description ?? null, cooperativeId, input.minSeverity ?? 'warning', actor.subject],
  )
  return { ...(await requireWebhook(db, actor, row!.id)), secret }
}

export async function listWebhooks(db: Queryable, actor: Actor): Promise<Webhook[]> {
  const params: unknown[] = []
  const rows = await db.query<WebhookRow>(
    `${SELECT} where true${ownedBy(actor, 'w.cooperative_id', params)} order by w.id`,
    params,
  )
  return rows.map(webhookOf)
}

/** Null when missing or not the actor's. */
export async function findWebhook(db: Queryable, actor: Actor, id: number): Promise<Webhook | null> {
  const params: unknown[] = [id]
  const [row] = await db.query<WebhookRow>(
    `${SELECT} where w.id = $1${ownedBy(actor, 'w.cooperative_id', params)}`,
    params,
  )
  return row ? webhookOf(row) : null
}

/** findWebhook that refuses with not_found. */
export async function requireWebhook(db: Queryable, actor: Actor, id: number): Promise<Webhook> {
  return found(await findWebhook(db, actor, id), `webhook ${id} not found`)
}

/** Deletes the webhook and its deliveries (pending ones are never sent); not_found when missing or foreign. */
export async function deleteWebhook(db: Queryable, actor: Actor, id: number): Promise<void> {
  const params: unknown[] = [id]
  const rows = await db.query(
    `delete from webhooks w where w.id = $1${ownedBy(actor, 'w.cooperative_id', params)} returning w.id`,
    params,
  )
  found(rows.length > 0, `webhook ${id} not found`)
}

async function scopeFor(db: Queryable, actor: Actor, requested: string | undefined): Promise<string | null> {
  if (actor.cooperativeId !== null) {
    if (requested !== undefined && requested !== actor.cooperativeId) {
      throw new RegistryError('a cooperative can only create webhooks for itself', 'invalid')
    }
    return actor.cooperativeId
  }
  if (requested === undefined) return null
  const exists = await db.query('select 1 from cooperatives where id = $1', [requested])
  if (exists.length === 0) throw new RegistryError(`cooperative ${requested} does not exist`, 'invalid')
  return requested
}
