// The webhook dispatcher against a real HTTP target, on a clock the test moves: failed attempts back off
// exponentially, retries stop exactly at WEBHOOK_MAX_ATTEMPTS and leave a dead delivery in the list, a 2xx
// on a later attempt delivers, a target slower than the timeout counts as a failure, two dispatchers never
// send one delivery twice, and a dead delivery replayed through the API is delivered.
import { notifyMetrics, retryDelayMs, WebhookDispatcher } from '@zonetrace/api'
import { Registry } from 'prom-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { openAlert, startNotifyHarness, startTarget, type WebhookTarget } from './harness.ts'

const MAX_ATTEMPTS = 4

const notify = sharedFixture(() => startNotifyHarness({ WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) }))
let target: WebhookTarget
let officer: { authorization: string }
let clock: number
/** Dispatchers a test made, stopped after it (their connection pools closed). */
const made: WebhookDispatcher[] = []

beforeAll(async () => {
  target = await startTarget()
  officer = await notify.auth({ role: 'officer' })
})
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => d.stop()))
  await notify.test.db.query('delete from webhooks')
  target.received.length = 0
  target.respond((_req, res) => res.writeHead(204).end())
})
afterAll(async () => {
  await target?.close()
})

/** Starts the test clock just after the database's: deliveries queued so far are due. */
function due(): void {
  clock = Date.now() + 1000
}

function dispatcher(over: { timeoutMs?: number; registry?: Registry } = {}) {
  const d = new WebhookDispatcher({
    db: notify.test.db,
    maxAttempts: MAX_ATTEMPTS,
    timeoutMs: over.timeoutMs ?? 2000,
    // The target listens on 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE=on); ssrf.test.ts covers it off.
    allowPrivate: true,
    log: notify.app.log,
    metrics: over.registry ? notifyMetrics(over.registry) : undefined,
    now: () => new Date(clock),
    // No jitter: each delay is exactly 10 s · 2^(n−1).
    random: () => 0.5,
  })
  made.push(d)
  return d
}

async function webhook(url = target.url): Promise<number> {
  const res = await notify.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: officer,
    payload: { url },
  })
  expect(res.statusCode).toBe(201)
  return res.json().id
}

async function deliveries(hookId: number, state?: string) {
  const query = state ? `?state=${state}` : ''
  const res = await notify.app.inject({
    url: `/api/v1/webhooks/${hookId}/deliveries${query}`,
    headers: officer,
  })
  expect(res.statusCode).toBe(200)
  return res.json().deliveries as {
    id: number
    eventId: number
    state: string
    attempts: number
    nextAttemptAt: string
    lastStatus: number | null
    lastError: string | null
    deliveredAt: string | null
    payload: { eventId: number }
  }[]
}

describe('retryDelayMs', () => {
  it('doubles from 10 s, caps at an hour, and spreads each wait by at most ±20 %', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([10_000, 20_000, 40_000, 80_000])
    expect(retryDelayMs(30, () => 0.5)).toBe(3_600_000)
    expect(retryDelayMs(1, () => 0)).toBe(8000)
    expect(retryDelayMs(1, () => 1)).toBe(12_000)
    // Even the extremes of the spread keep every wait longer than the one before.
    for (let n = 1; n < 9; n++) expect(retryDelayMs(n + 1, () => 0)).toBeGreaterThan(retryDelayMs(n, () => 1))
  })
})

describe('WebhookDispatcher', () => {
  it('backs off 10, 20, 40 s and stops exactly at the limit with a dead delivery in the list', async () => {
    const registry = new Registry()
    const d = dispatcher({ registry })
    target.respond((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('database down'))
    const hook = await webhook()
    const event = await openAlert(notify, notify.zone)
    due()

    const waits: number[] = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await d.tick()
      expect(result.claimed).toBe(1)
      const [delivery] = await deliveries(hook)
      expect(delivery!.attempts).toBe(attempt)
      if (attempt < MAX_ATTEMPTS) {
        expect(delivery!.state).toBe('pending')
        waits.push(Date.parse(delivery!.nextAttemptAt) - clock)
        // Not due before its time.
        clock += waits.at(-1)! - 1000
        expect((await d.tick()).claimed).toBe(0)
        clock += 1000
      }
    }
    expect(waits).toEqual([10_000, 20_000, 40_000])
    expect(target.received).toHaveLength(MAX_ATTEMPTS)

    // A day later nothing more is sent.
    clock += 86_400_000
    expect((await d.tick()).claimed).toBe(0)
    expect(target.received).toHaveLength(MAX_ATTEMPTS)

    const dead = await deliveries(hook, 'dead')
    expect(dead).toHaveLength(1)
    expect(dead[0]).toMatchObject({
      eventId: event.eventId,
      attempts: MAX_ATTEMPTS,
      lastStatus: 500,
      lastError: 'http_5xx',
      deliveredAt: null,
    })
    expect(dead[0]!.payload.eventId).toBe(event.eventId)
    expect(await deliveries(hook, 'pending')).toHaveLength(0)
    const listed = (await notify.app.inject({ url: '/api/v1/webhooks', headers: officer })).json().webhooks
    expect(listed.find((w: { id: number }) => w.id === hook)).toMatchObject({ dead: 1, pending: 0 })

    const counts = (await registry.getSingleMetric('zonetrace_webhook_attempts_total')!.get()).values
    expect(counts.find((v) => v.labels.outcome === 'retry')?.value).toBe(MAX_ATTEMPTS - 1)
    expect(counts.find((v) => v.labels.outcome === 'dead')?.value).toBe(1)
  })

  it('delivers when a later attempt gets a 2xx', async () => {
    const d = dispatcher()
    let calls = 0
    target.respond((_req, res) => {
      calls += 1
      res.writeHead(calls === 1 ? 503 : 200).end()
    })
    const hook = await webhook()
    await openAlert(notify, notify.zone)
    due()

    expect(await d.tick()).toMatchObject({ claimed: 1, retried: 1 })
    clock += 10_000
    expect(await d.tick()).toMatchObject({ claimed: 1, delivered: 1 })
    const [delivery] = await deliveries(hook)
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200, lastError: null })
    expect(Date.parse(delivery!.deliveredAt!)).toBe(clock)
    clock += 3_600_000
    expect((await d.tick()).claimed).toBe(0)
    expect(target.received).toHaveLength(2)
  })

  it('counts a target slower than the timeout as a failed attempt and retries it', async () => {
    const d = dispatcher({ timeoutMs: 300 })
    const held: (() => void)[] = []
    target.respond((_req, res) => {
      const timer = setTimeout(() => res.writeHead(200).end(), 3000)
      held.push(() => clearTimeout(timer))
    })
    const hook = await webhook()
    await openAlert(notify, notify.zone)
    due()

    const started = Date.now()
    expect(await d.tick()).toMatchObject({ claimed: 1, retried: 1 })
    expect(Date.now() - started).toBeLessThan(2500)
    const [slow] = await deliveries(hook)
    expect(slow).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null })
    expect(slow!.lastError).toBe('timeout')
    for (const release of held) release()

    target.respond((_req, res) => res.writeHead(202).end())
    clock += 10_000
    expect(await d.tick()).toMatchObject({ delivered: 1 })
    expect((await deliveries(hook))[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 202 })
  })

  it('records a refused connection as refused', async () => {
    const d = dispatcher()
    const closed = await startTarget()
    await closed.close()
    const hook = await webhook(closed.url)
    await openAlert(notify, notify.zone)
    due()
    expect(await d.tick()).toMatchObject({ retried: 1 })
    expect((await deliveries(hook))[0]).toMatchObject({ lastStatus: null, lastError: 'refused' })
  })

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const d = dispatcher()
    target.respond((_req, res) => res.writeHead(301, { location: 'http://127.0.0.1:1/' }).end())
    const hook = await webhook()
    await openAlert(notify, notify.zone)
    due()
    expect(await d.tick()).toMatchObject({ retried: 1 })
    expect((await deliveries(hook))[0]).toMatchObject({ lastStatus: 301, lastError: 'http_3xx' })
    expect(target.received).toHaveLength(1)
  })

  it('never sends one delivery from two dispatchers ticking at once', async () => {
    const a = dispatcher()
    const b = dispatcher()
    target.respond((_req, res) => setTimeout(() => res.writeHead(204).end(), 50))
    await webhook()
    const events = []
    for (let i = 0; i < 12; i++) events.push(await openAlert(notify, notify.zone))
    due()

    const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(12)
    const sent = target.received.map((r) => Number(r.headers['zonetrace-event-id']))
    expect(sent.sort((x, y) => x - y)).toEqual(events.map((e) => e.eventId))
  })
})

describe('POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry', () => {
  it('requeues a dead delivery with fresh attempts, and the dispatcher then delivers it', async () => {
    const d = dispatcher()
    target.respond((_req, res) => res.writeHead(410).end())
    const hook = await webhook()
    const event = await openAlert(notify, notify.zone)
    due()
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await d.tick()
      clock += 3_600_000
    }
    const [dead] = await deliveries(hook, 'dead')
    expect(dead).toBeDefined()

    const coop = await notify.auth({ role: 'cooperative', cooperativeId: 'htx-test' })
    const url = `/api/v1/webhooks/${hook}/deliveries/${dead!.id}/retry`
    expect((await notify.app.inject({ method: 'POST', url, headers: coop })).statusCode).toBe(404)

    const retried = await notify.app.inject({ method: 'POST', url, headers: officer })
    expect(retried.statusCode).toBe(200)
    expect(retried.json()).toMatchObject({ id: dead!.id, state: 'pending', attempts: 0, lastStatus: 410 })
    const twice = await notify.app.inject({ method: 'POST', url, headers: officer })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().message).toMatch(/only dead deliveries/)

    target.respond((_req, res) => res.writeHead(200).end())
    // The app's own dispatcher, on the real clock.
    expect(await notify.app.webhookDispatcher.tick()).toMatchObject({ delivered: 1 })
    expect((await deliveries(hook))[0]).toMatchObject({ state: 'delivered', eventId: event.eventId })

    const missing = `/api/v1/webhooks/${hook}/deliveries/999999/retry`
    expect((await notify.app.inject({ method: 'POST', url: missing, headers: officer })).statusCode).toBe(404)
  })
})
