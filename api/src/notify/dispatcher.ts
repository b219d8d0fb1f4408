// Sends the webhook deliveries recordAlertEvents queued: claims the due ones, POSTs each signed, and
// settles it as delivered, retried later (exponential backoff) or dead after the last allowed attempt.
// Several API instances may run one each: claims never overlap (claimDueDeliveries). Requests go out only
// through webhookAgent, which refuses addresses webhooks may not reach unless allowPrivate is set.
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  type Database,
  markDelivered,
  markFailed,
} from '@zonetrace/db'
import type { FastifyBaseLogger } from 'fastify'
import type { Agent } from 'undici'
import { retryDelayMs } from './backoff.ts'
import { type Resolver, webhookAgent } from './egress.ts'
import type { NotifyMetrics } from './metrics.ts'
import { postWebhook } from './send.ts'
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader, WEBHOOK_USER_AGENT } from './signature.ts'

export interface DispatcherOptions {
  db: Pick<Database, 'query'>
  maxAttempts: number
  timeoutMs: number
  /** WEBHOOK_ALLOW_PRIVATE: send to loopback, private and other non-public addresses too. Default false. */
  allowPrivate?: boolean
  /** How host names are resolved at connect time (default: the system resolver); tests inject one. */
  resolve?: Resolver | undefined
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>
  metrics?: NotifyMetrics | undefined
  /** The clock deliveries are due and retried by; tests move it forward instead of waiting. */
  now?: () => Date
  random?: () => number
  pollMs?: number
  batchSize?: number
}

interface TickResult {
  claimed: number
  delivered: number
  retried: number
  dead: number
}

/** How long past its timeout a claimed delivery stays leased before another dispatcher may take it. */
const LEASE_MARGIN_MS = 30_000

export class WebhookDispatcher {
  private readonly opts: Required<Omit<DispatcherOptions, 'metrics' | 'resolve'>> &
    Pick<DispatcherOptions, 'metrics' | 'resolve'>
  /** Made at the first attempt, closed by stop(); its pools keep connections to targets alive. */
  private agent: Agent | undefined
  private timer: NodeJS.Timeout | undefined
  private running = false
  /** Ticks run one after another, whether from the loop, a nudge or a test. */
  private queue: Promise<unknown> = Promise.resolve()
  private ticking = false
  private nudged = false

  constructor(opts: DispatcherOptions) {
    this.opts = {
      now: () => new Date(),
      random: Math.random,
      pollMs: 1000,
      batchSize: 25,
      allowPrivate: false,
      ...opts,
    }
  }

  /** Polls every pollMs until stop(); a full batch is followed at once by the next. */
  start(): void {
    if (this.running) return
    this.running = true
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.timer)
    await this.queue
    const agent = this.agent
    this.agent = undefined
    await agent?.close()
  }

  /** Something was just queued or requeued: look now rather than at the next poll. */
  nudge(): void {
    if (!this.running) return
    if (this.ticking) this.nudged = true
    else this.schedule(0)
  }

  /** Claims one batch of due deliveries and attempts each once. */
  tick(): Promise<TickResult> {
    const run = this.queue.then(() => this.dispatchBatch())
    this.queue = run.catch(() => {})
    return run
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.loop(), ms)
    this.timer.unref()
  }

  private async loop(): Promise<void> {
    if (!this.running) return
    this.ticking = true
    this.nudged = false
    let full = false
    try {
      full = (await this.tick()).claimed === this.opts.batchSize
    } catch (err) {
      this.opts.log.error({ err }, 'webhook dispatch failed; retrying at the next poll')
    } finally {
      this.ticking = false
    }
    if (this.running) this.schedule(full || this.nudged ? 0 : this.opts.pollMs)
  }

  private async dispatchBatch(): Promise<TickResult> {
    const { db, now, timeoutMs, batchSize } = this.opts
    const at = now()
    const leaseUntil = new Date(at.getTime() + timeoutMs + LEASE_MARGIN_MS)
    const claimed = await claimDueDeliveries(db, at, leaseUntil, batchSize)
    const result: TickResult = { claimed: claimed.length, delivered: 0, retried: 0, dead: 0 }
    const outcomes = await Promise.all(claimed.map((delivery) => this.attempt(delivery)))
    for (const outcome of outcomes) if (outcome) result[outcome] += 1
    return result
  }

  private async attempt(delivery: ClaimedDelivery): Promise<'delivered' | 'retried' | 'dead' | null> {
    const { db, now, random, timeoutMs, maxAttempts, log, metrics } = this.opts
    // The bytes signed are exactly the bytes sent.
    const body = JSON.stringify(delivery.payload)
    const sentAt = now()
    const headers = {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      [EVENT_ID_HEADER]: String(delivery.eventId),
      [SIGNATURE_HEADER]: signatureHeader(delivery.secret, body, Math.floor(sentAt.getTime() / 1000)),
    }
    this.agent ??= webhookAgent({
      allowPrivate: this.opts.allowPrivate,
      timeoutMs,
      resolve: this.opts.resolve,
    })
    const outcome = await postWebhook(delivery.url, body, headers, timeoutMs, this.agent)
    try {
      if (outcome.ok) {
        await markDelivered(db, delivery, outcome.status, now())
        metrics?.attempts.inc({ outcome: 'delivered' })
        return 'delivered'
      }
      const failed = delivery.attempts + 1
      // The fuller reason stays in the server's log; the record and the API keep only the class.
      log.warn(
        {
          webhookId: delivery.webhookId,
          deliveryId: delivery.id,
          attempt: failed,
          status: outcome.status,
          error: outcome.error,
          reason: outcome.reason,
        },
        'webhook attempt failed',
      )
      const state = await markFailed(db, delivery, {
        status: outcome.status,
        error: outcome.error,
        retryAt: new Date(now().getTime() + retryDelayMs(failed, random)),
        maxAttempts,
      })
      if (state === null) return null
      metrics?.attempts.inc({ outcome: state === 'dead' ? 'dead' : 'retry' })
      if (state === 'dead') {
        log.warn(
          { webhookId: delivery.webhookId, deliveryId: delivery.id, attempts: failed, error: outcome.error },
          'webhook delivery is dead after its last attempt',
        )
        return 'dead'
      }
      return 'retried'
    } catch (err) {
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      log.error({ err, deliveryId: delivery.id }, 'could not record a webhook attempt')
      return null
    }
  }
}
