// Notifications as one service of the API: the webhook dispatcher and the alert feed behind the live
// streams, started with the app and stopped with it (streams end before the server waits on connections).
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { Registry } from 'prom-client'
import { WebhookDispatcher } from './dispatcher.ts'
import { AlertFeed } from './feed.ts'
import { type NotifyMetrics, notifyMetrics } from './metrics.ts'

interface NotifyOptions {
  /**
   * Where the counters go: the broker's registry when one shares the process (what GET /metrics serves).
   * Without one they are kept but not served: an API alone serves only the process metrics.
   */
  registry?: Registry | undefined
  /** `manual`: the dispatcher sends only when its tick() is called (tests). Default `poll`. */
  dispatch?: 'poll' | 'manual' | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    webhookDispatcher: WebhookDispatcher
    alertFeed: AlertFeed
    notifyMetrics: NotifyMetrics
  }
}

const notify: FastifyPluginAsync<NotifyOptions> = async (fastify, opts) => {
  const metrics = notifyMetrics(opts.registry ?? new Registry())
  const dispatcher = new WebhookDispatcher({
    db: fastify.db,
    maxAttempts: fastify.config.alerts.webhookMaxAttempts,
    timeoutMs: fastify.config.alerts.webhookTimeoutMs,
    allowPrivate: fastify.config.alerts.webhookAllowPrivate,
    log: fastify.log.child({ component: 'webhooks' }),
    metrics,
  })
  const feed = new AlertFeed({ db: fastify.db, log: fastify.log.child({ component: 'alert-feed' }) })
  fastify.decorate('webhookDispatcher', dispatcher)
  fastify.decorate('alertFeed', feed)
  fastify.decorate('notifyMetrics', metrics)

  if (opts.dispatch !== 'manual') fastify.addHook('onReady', async () => dispatcher.start())
  fastify.addHook('preClose', async () => feed.close())
  fastify.addHook('onClose', async () => dispatcher.stop())
}

export default fp(notify, { name: 'notify', dependencies: ['context'] })
