// Webhooks: where alert events are POSTed. A cooperative's webhook hears only its own growing areas and
// only that cooperative sees it; an officer's or admin's may be scoped to one cooperative or hear all.
// Scoping goes through the registry's Actor (trace/actor.ts), so a foreign webhook answers like a missing one.
import { randomBytes } from 'node:crypto'
import type { Severity } from '@zonetrace/contracts'
import type { Database } from '../../database.ts'
import { RegistryError } from '../../errors.ts'
import { type Actor, ownedBy } from '../trace/actor.ts'
import { webhookHostRefusal } from './webhook-address.ts'

export * from './webhook-address.ts'

export const WEBHOOK_URL_MAX_LENGTH = 2048

export interface WebhookInput {
  url: string
  description?: string | undefined
  minSeverity?: Severity | undefined
  /** Officers and admins may scope a webhook to one cooperative; a cooperative's is always its own. */
  cooperativeId?: string | undefined
}

export type WebhookView = {
  id: number
  url: string
  description: string | null
  cooperativeId: string | null
  minSeverity: Severity
  enabled: boolean
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
  /** Deliveries waiting for their next attempt, and dead ones (the dead-letter list). */
  pending: number
  dead: number
}

const COLUMNS = `w.id, w.url, w.description, w.cooperative_id as "cooperativeId", w.min_severity as "minSeverity",
  w.enabled, w.created_by as "createdBy", w.created_at as "createdAt", w.updated_at as "updatedAt",
  (select count(*) from webhook_deliveries d where d.webhook_id = w.id and d.state = 'pending')::int as pending,
  (select count(*) from webhook_deliveries d where d.webhook_id = w.id and d.state = 'dead')::int as dead`

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
  db: Pick<Database, 'query'>,
  actor: Actor,
  input: WebhookInput,
  policy: WebhookTargetPolicy = { allowPrivate: false },
): Promise<WebhookView & { secret: string }> {
  const url = checkWebhookUrl(input.url, policy)
  const cooperativeId = await scopeFor(db, actor, input.cooperativeId)
  const secret = newWebhookSecret()
  const [row] = await db.query<{ id: number }>(
    `insert into webhooks (url, secret, description, cooperative_id, min_severity, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [url, secret, input.description ?? null, cooperativeId, input.minSeverity ?? 'warning', actor.subject],
  )
  const created = await findWebhook(db, actor, row!.id)
  return { ...created!, secret }
}

export async function listWebhooks(db: Pick<Database, 'query'>, actor: Actor): Promise<WebhookView[]> {
  const params: unknown[] = []
  return db.query<WebhookView>(
    `select ${COLUMNS} from webhooks w where true${ownedBy(actor, 'w.cooperative_id', params)} order by w.id`,
    params,
  )
}

/** Null when missing or not the actor's. */
export async function findWebhook(
  db: Pick<Database, 'query'>,
  actor: Actor,
  id: number,
): Promise<WebhookView | null> {
  const params: unknown[] = [id]
  const [row] = await db.query<WebhookView>(
    `select ${COLUMNS} from webhooks w where w.id = $1${ownedBy(actor, 'w.cooperative_id', params)}`,
    params,
  )
  return row ?? null
}

export async function requireWebhook(
  db: Pick<Database, 'query'>,
  actor: Actor,
  id: number,
): Promise<WebhookView> {
  const hook = await findWebhook(db, actor, id)
  if (!hook) throw new RegistryError(`webhook ${id} not found`, 'not_found')
  return hook
}

/** Deletes the webhook and its deliveries (pending ones are never sent); false when missing or foreign. */
export async function deleteWebhook(db: Pick<Database, 'query'>, actor: Actor, id: number): Promise<boolean> {
  const params: unknown[] = [id]
  const rows = await db.query(
    `delete from webhooks w where w.id = $1${ownedBy(actor, 'w.cooperative_id', params)} returning w.id`,
    params,
  )
  return rows.length > 0
}

async function scopeFor(
  db: Pick<Database, 'query'>,
  actor: Actor,
  requested: string | undefined,
): Promise<string | null> {
  if (actor.cooperativeId !== null) {
    if (requested !== undefined && requested !== actor.cooperativeId) {
      throw new RegistryError('a cooperative can only create webhooks for itself', 'invalid')
    }
    return actor.cooperativeId
  }
  if (requested === undefined) return null
  const found = await db.query('select 1 from cooperatives where id = $1', [requested])
  if (found.length === 0) throw new RegistryError(`cooperative ${requested} does not exist`, 'invalid')
  return requested
}
