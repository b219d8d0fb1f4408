// Webhooks cannot be pointed at zonetrace's own network (SSRF). With WEBHOOK_ALLOW_PRIVATE off (the
// default): every spelling of a loopback, private, link-local or otherwise non-public address is refused
// at registration and nothing is stored; a name that resolves to such an address at send time (DNS
// rebinding) is refused at connect time and the receiver hears nothing; a stored private target is never
// reached. A failed attempt keeps only a fixed class: never the target's answer, nor which ports are open.
// Every connection made here goes to 127.0.0.1; names resolve through an injected resolver, not DNS.
import { type DispatcherOptions, guardedLookup, type Resolver, WebhookDispatcher } from '@zonetrace/api'
import { ConfigError, loadConfig } from '@zonetrace/contracts'
import { checkWebhookUrl } from '@zonetrace/db'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { openAlert, startNotifyHarness, startTarget, type WebhookTarget } from './harness.ts'

const REFUSAL_TAIL =
  '. Webhook targets on the local host or a private network are refused unless the operator sets ' +
  'WEBHOOK_ALLOW_PRIVATE'

const notify = sharedFixture(() => startNotifyHarness({ WEBHOOK_ALLOW_PRIVATE: 'off' }))
let target: WebhookTarget
let officer: { authorization: string }
let coop: { authorization: string }
let port: number
let clock: number
const made: WebhookDispatcher[] = []
const logs: { level: string; obj: Record<string, unknown>; msg: string }[] = []

const log = {
  warn: (obj: Record<string, unknown>, msg: string) => logs.push({ level: 'warn', obj, msg }),
  error: (obj: Record<string, unknown>, msg: string) => logs.push({ level: 'error', obj, msg }),
} as unknown as DispatcherOptions['log']

beforeAll(async () => {
  target = await startTarget()
  port = Number(new URL(target.url).port)
  officer = await notify.auth({ role: 'officer' })
  coop = await notify.auth({ role: 'cooperative', cooperativeId: 'htx-test' })
})
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => d.stop()))
  await notify.test.db.query('delete from webhooks')
  target.received.length = 0
  target.respond((_req, res) => res.writeHead(204).end())
  logs.length = 0
})
afterAll(async () => {
  await target?.close()
})

/** A resolver that answers every name with these addresses and records what it was asked. */
function fakeResolver(...addresses: string[]): Resolver & { asked: string[] } {
  const asked: string[] = []
  const resolve = async (hostname: string) => {
    asked.push(hostname)
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return Object.assign(resolve, { asked })
}

function dispatcher(over: Partial<DispatcherOptions> = {}): WebhookDispatcher {
  clock = Date.now() + 1000
  const d = new WebhookDispatcher({
    db: notify.test.db,
    maxAttempts: 5,
    timeoutMs: 2000,
    log,
    now: () => new Date(clock),
    random: () => 0.5,
    ...over,
  })
  made.push(d)
  return d
}

const register = (url: string, headers = officer) =>
  notify.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload: { url } })

/** A webhook stored as if registered while WEBHOOK_ALLOW_PRIVATE was on. */
async function storedWebhook(url: string): Promise<number> {
  const [row] = await notify.test.db.query<{ id: number }>(
    `insert into webhooks (url, secret, created_by) values ($1, $2, 'earlier') returning id`,
    [url, 's'.repeat(43)],
  )
  return row!.id
}

async function deliveriesResponse(hookId: number) {
  const res = await notify.app.inject({ url: `/api/v1/webhooks/${hookId}/deliveries`, headers: officer })
  expect(res.statusCode).toBe(200)
  return res
}

async function onlyDelivery(hookId: number) {
  const { deliveries } = (await deliveriesResponse(hookId)).json()
  expect(deliveries).toHaveLength(1)
  return deliveries[0] as {
    state: string
    attempts: number
    lastStatus: number | null
    lastError: string | null
  }
}

async function webhookCount(): Promise<number> {
  const [row] = await notify.test.db.query<{ n: number }>('select count(*)::int as n from webhooks')
  return row!.n
}

describe('WEBHOOK_ALLOW_PRIVATE', () => {
  it('is off unless set, and takes only on or off', () => {
    expect(loadConfig({}).alerts.webhookAllowPrivate).toBe(false)
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'on' }).alerts.webhookAllowPrivate).toBe(true)
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'off' }).alerts.webhookAllowPrivate).toBe(false)
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(ConfigError)
    expect(notify.config.alerts.webhookAllowPrivate).toBe(false)
  })

  it('on, lets a loopback target be registered as given', () => {
    expect(checkWebhookUrl(`http://127.0.0.1:${port}/hooks`, { allowPrivate: true })).toBe(
      `http://127.0.0.1:${port}/hooks`,
    )
    expect(checkWebhookUrl('http://localhost./x', { allowPrivate: true })).toBe('http://localhost./x')
  })
})

describe('registration with WEBHOOK_ALLOW_PRIVATE off', () => {
  it.each([
    // Loopback, in every spelling WHATWG URL accepts.
    ['http://127.0.0.1:8080/hooks', '127.0.0.1 is a loopback address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['http://0x7f000001/', '127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://127.1/', '127.0.0.1 is a loopback address'],
    ['http://127.0.0.1./', '127.0.0.1 is a loopback address'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1 is a loopback address'],
    ['https://127.255.255.254:8443/', '127.255.255.254 is a loopback address'],
    ['http://localhost:3000/', 'localhost is the local host'],
    ['http://LOCALHOST./', 'localhost. is the local host'],
    ['http://api.localhost/', 'api.localhost is the local host'],
    ['http://a.b.localhost./', 'a.b.localhost. is the local host'],
    ['http://[::1]/', '[::1] is a loopback address'],
    ['http://[0:0:0:0:0:0:0:1]:8080/', '[::1] is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1] is a loopback address'],
    ['http://[::ffff:7f00:1]/', '[::ffff:7f00:1] is a loopback address'],
    ['http://[64:ff9b::127.0.0.1]/', '[64:ff9b::7f00:1] is a loopback address'],
    ['http://[::127.0.0.1]/', '[::7f00:1] is a reserved address'],
    ['http://[::ffff:0:7f00:1]/', '[::ffff:0:7f00:1] is a reserved address'],
    ['http://[2002:7f00:1::]/', '[2002:7f00:1::] is a reserved address'],
    // Unspecified and broadcast.
    ['http://0.0.0.0/', '0.0.0.0 is an unspecified address'],
    ['http://0/', '0.0.0.0 is an unspecified address'],
    ['http://[::]/', '[::] is an unspecified address'],
    ['http://255.255.255.255/', '255.255.255.255 is a broadcast address'],
    // Cloud metadata and link-local.
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['http://2852039166/', '169.254.169.254 is a link-local address'],
    ['http://[::ffff:a9fe:a9fe]/', '[::ffff:a9fe:a9fe] is a link-local address'],
    ['http://[64:ff9b::169.254.169.254]/', '[64:ff9b::a9fe:a9fe] is a link-local address'],
    ['http://[fe80::1]/', '[fe80::1] is a link-local address'],
    // Private networks, CGNAT and unique-local.
    ['http://10.0.0.5/', '10.0.0.5 is a private address'],
    ['http://012.1/', '10.0.0.1 is a private address'],
    ['http://172.16.3.4/', '172.16.3.4 is a private address'],
    ['http://172.31.255.255/', '172.31.255.255 is a private address'],
    ['http://0xc0a80101/', '192.168.1.1 is a private address'],
    ['http://[::ffff:10.1.2.3]/', '[::ffff:a01:203] is a private address'],
    ['http://[64:ff9b:1::a00:1]/', '[64:ff9b:1::a00:1] is a private address'],
    ['http://100.64.0.1/', '100.64.0.1 is a shared (CGNAT) address'],
    ['http://100.127.255.255/', '100.127.255.255 is a shared (CGNAT) address'],
    ['http://[fc00::1]/', '[fc00::1] is a unique-local address'],
    ['http://[fd12:3456::1]/', '[fd12:3456::1] is a unique-local address'],
    // Multicast, reserved and documentation.
    ['http://224.0.0.251/', '224.0.0.251 is a multicast address'],
    ['http://[ff02::1]/', '[ff02::1] is a multicast address'],
    ['http://240.0.0.1/', '240.0.0.1 is a reserved address'],
    ['http://198.18.0.1/', '198.18.0.1 is a reserved address'],
    ['http://192.0.0.8/', '192.0.0.8 is a reserved address'],
    ['http://192.0.2.10/', '192.0.2.10 is a documentation address'],
    ['http://198.51.100.7/', '198.51.100.7 is a documentation address'],
    ['http://203.0.113.9/', '203.0.113.9 is a documentation address'],
    ['http://[2001:db8::1]/', '[2001:db8::1] is a documentation address'],
    ['http://[100::1]/', '[100::1] is a reserved address'],
    ['http://[4000::1]/', '[4000::1] is a reserved address'],
  ])('refuses %s with a 400 and stores nothing', async (url, refusal) => {
    const before = await webhookCount()
    const res = await register(url)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe(`url must reach a public address: ${refusal}${REFUSAL_TAIL}`)
    expect(await webhookCount()).toBe(before)
  })

  it('refuses a cooperative the same way', async () => {
    const res = await register('http://[::ffff:127.0.0.1]:9000/', coop)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe(
      `url must reach a public address: [::ffff:7f00:1] is a loopback address${REFUSAL_TAIL}`,
    )
    expect(await webhookCount()).toBe(0)
  })

  it.each([
    ['https://relay.example.vn/zonetrace', 'https://relay.example.vn/zonetrace'],
    ['https://localhost.example.org/hook', 'https://localhost.example.org/hook'],
    ['https://mylocalhost/hook', 'https://mylocalhost/hook'],
    ['http://8.8.8.8:8080/', 'http://8.8.8.8:8080/'],
    ['http://134744072/', 'http://8.8.8.8/'],
    ['http://100.63.255.255/', 'http://100.63.255.255/'],
    ['http://100.128.0.1/', 'http://100.128.0.1/'],
    ['http://172.32.0.1/', 'http://172.32.0.1/'],
    ['http://11.0.0.1/', 'http://11.0.0.1/'],
    ['http://[2606:4700:4700::1111]/', 'http://[2606:4700:4700::1111]/'],
    ['http://[::ffff:8.8.8.8]/', 'http://[::ffff:808:808]/'],
    ['http://[64:ff9b::8.8.8.8]/', 'http://[64:ff9b::808:808]/'],
  ])('accepts the public target %s', async (url, stored) => {
    const res = await register(url)
    expect(res.statusCode).toBe(201)
    expect(res.json().url).toBe(stored)
    const [row] = await notify.test.db.query<{ url: string }>('select url from webhooks where id = $1', [
      res.json().id,
    ])
    expect(row!.url).toBe(stored)
  })
})

describe('connect-time check', () => {
  it('refuses a name that was public at registration but resolves to 127.0.0.1 when sent', async () => {
    const res = await register(`http://hooks.rebind.test:${port}/hooks/zonetrace`)
    expect(res.statusCode).toBe(201)
    const hook = res.json().id
    const resolve = fakeResolver('127.0.0.1')
    const d = dispatcher({ resolve })
    await openAlert(notify, notify.zone)

    expect(await d.tick()).toEqual({ claimed: 1, delivered: 0, retried: 1, dead: 0 })
    expect(resolve.asked).toEqual(['hooks.rebind.test'])
    expect(target.received).toHaveLength(0)
    expect(await onlyDelivery(hook)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastStatus: null,
      lastError: 'refused',
    })
    const warned = logs.find((l) => l.msg === 'webhook attempt failed')
    expect(warned?.obj).toEqual({
      webhookId: hook,
      deliveryId: expect.any(Number),
      attempt: 1,
      status: null,
      error: 'refused',
      reason: 'EWEBHOOKBLOCKED: hooks.rebind.test resolves to 127.0.0.1, a loopback address',
    })

    // The same resolver with private targets allowed reaches the receiver: the injected resolver is
    // what the connection really uses.
    const allowed = dispatcher({ resolve, allowPrivate: true })
    clock += 10_000
    expect(await allowed.tick()).toEqual({ claimed: 1, delivered: 1, retried: 0, dead: 0 })
    expect(target.received).toHaveLength(1)
    expect(target.received[0]!.headers.host).toBe(`hooks.rebind.test:${port}`)
  })

  it('refuses a name when any of its addresses is blocked, whichever comes first', async () => {
    const answer = (addresses: string[]) =>
      new Promise<{ err: NodeJS.ErrnoException | null; result: unknown }>((done) =>
        guardedLookup(fakeResolver(...addresses), false)('hooks.example.vn', { all: true }, (err, result) =>
          done({ err, result }),
        ),
      )
    const mixed = await answer(['8.8.8.8', '::ffff:169.254.169.254'])
    expect(mixed.err?.code).toBe('EWEBHOOKBLOCKED')
    expect(mixed.err?.message).toBe(
      'hooks.example.vn resolves to ::ffff:169.254.169.254, a link-local address',
    )
    const v6 = await answer(['2606:4700:4700::1111', 'fd00::5'])
    expect(v6.err?.message).toBe('hooks.example.vn resolves to fd00::5, a unique-local address')
    const publicOnly = await answer(['8.8.8.8', '2606:4700:4700::1111'])
    expect(publicOnly.err).toBe(null)
    expect(publicOnly.result).toEqual([
      { address: '8.8.8.8', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ])
    const none = await answer([])
    expect(none.err?.code).toBe('ENOTFOUND')
  })

  it('never reaches a stored loopback target, literal or IPv6, while private targets are not allowed', async () => {
    const literal = await storedWebhook(target.url)
    const v6 = await storedWebhook(`http://[::1]:${port}/hooks/zonetrace`)
    await openAlert(notify, notify.zone)

    // The app's own dispatcher, configured from WEBHOOK_ALLOW_PRIVATE=off.
    expect(await notify.app.webhookDispatcher.tick()).toEqual({
      claimed: 2,
      delivered: 0,
      retried: 2,
      dead: 0,
    })
    expect(target.received).toHaveLength(0)
    for (const hook of [literal, v6]) {
      expect(await onlyDelivery(hook)).toMatchObject({ attempts: 1, lastStatus: null, lastError: 'refused' })
    }

    // With it on, the same delivery arrives.
    await notify.test.db.query('delete from webhook_deliveries where webhook_id = $1', [v6])
    const allowed = dispatcher({ allowPrivate: true })
    clock += 20_000
    expect(await allowed.tick()).toEqual({ claimed: 1, delivered: 1, retried: 0, dead: 0 })
    expect(target.received).toHaveLength(1)
    expect(await onlyDelivery(literal)).toMatchObject({
      state: 'delivered',
      attempts: 2,
      lastStatus: 204,
      lastError: null,
    })
  })

  it('says refused alike for a blocked address and a closed port, so ports cannot be mapped', async () => {
    const closed = await startTarget()
    await closed.close()
    const blocked = await storedWebhook(target.url)
    const closedPort = await storedWebhook(closed.url)
    await openAlert(notify, notify.zone)
    const d = dispatcher({ allowPrivate: true })
    await notify.test.db.query('update webhooks set enabled = (id = $1)', [closedPort])
    expect(await d.tick()).toMatchObject({ claimed: 1, retried: 1 })
    await notify.test.db.query('update webhooks set enabled = (id = $1)', [blocked])
    expect(await notify.app.webhookDispatcher.tick()).toMatchObject({ claimed: 1, retried: 1 })

    const a = await onlyDelivery(blocked)
    const b = await onlyDelivery(closedPort)
    expect([a.lastStatus, a.lastError]).toEqual([null, 'refused'])
    expect([b.lastStatus, b.lastError]).toEqual([null, 'refused'])
    expect(target.received).toHaveLength(0)
  })
})

describe('what a failed attempt keeps', () => {
  it('stores http_5xx for a 500, and its body appears nowhere in the API or the log', async () => {
    const body = 'Traceback: password=hunter2 at db-internal.lan:5432'
    target.respond((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end(body))
    const hook = await storedWebhook(target.url)
    await openAlert(notify, notify.zone)
    expect(await dispatcher({ allowPrivate: true }).tick()).toMatchObject({ claimed: 1, retried: 1 })

    const res = await deliveriesResponse(hook)
    expect(res.json().deliveries[0]).toMatchObject({ lastStatus: 500, lastError: 'http_5xx' })
    expect(res.body.includes('hunter2')).toBe(false)
    expect(res.body.includes('Traceback')).toBe(false)
    expect(res.body.includes('127.0.0.1')).toBe(false)
    expect(JSON.stringify(logs).includes('hunter2')).toBe(false)
    expect(logs.find((l) => l.msg === 'webhook attempt failed')?.obj.reason).toBe('HTTP 500')
    const [stored] = await notify.test.db.query<{ last_error: string }>(
      'select last_error from webhook_deliveries where webhook_id = $1',
      [hook],
    )
    expect(stored!.last_error).toBe('http_5xx')
  })

  it.each([
    [404, 'http_4xx'],
    [429, 'http_4xx'],
    [302, 'http_3xx'],
    [503, 'http_5xx'],
  ])('stores a %i as %s and follows no redirect', async (status, errorClass) => {
    target.respond((_req, res) => res.writeHead(status, { location: target.url }).end('secret page'))
    const hook = await storedWebhook(target.url)
    await openAlert(notify, notify.zone)
    expect(await dispatcher({ allowPrivate: true }).tick()).toMatchObject({ claimed: 1, retried: 1 })
    expect(await onlyDelivery(hook)).toMatchObject({ lastStatus: status, lastError: errorClass })
    expect(target.received).toHaveLength(1)
  })

  it('stores timeout for a target that does not answer in time', async () => {
    const held: (() => void)[] = []
    target.respond((_req, res) => {
      const timer = setTimeout(() => res.writeHead(200).end(), 5000)
      held.push(() => {
        clearTimeout(timer)
        res.destroy()
      })
    })
    const hook = await storedWebhook(target.url)
    await openAlert(notify, notify.zone)
    const started = Date.now()
    expect(await dispatcher({ allowPrivate: true, timeoutMs: 300 }).tick()).toMatchObject({ retried: 1 })
    expect(Date.now() - started).toBeLessThan(3000)
    for (const release of held) release()
    expect(await onlyDelivery(hook)).toMatchObject({ lastStatus: null, lastError: 'timeout' })
  })

  it('stores tls when the TLS handshake fails', async () => {
    // An https URL on a plain HTTP port: the handshake cannot succeed.
    const hook = await storedWebhook(`https://127.0.0.1:${port}/hooks/zonetrace`)
    await openAlert(notify, notify.zone)
    expect(await dispatcher({ allowPrivate: true }).tick()).toMatchObject({ retried: 1 })
    expect(await onlyDelivery(hook)).toMatchObject({ lastStatus: null, lastError: 'tls' })
  })

  it('shows a row stored before the classes as its class, never its old text', async () => {
    const hook = await storedWebhook(target.url)
    await openAlert(notify, notify.zone)
    const legacy = [
      ['HTTP 500: <h1>secret</h1>', 'http_5xx'],
      ['HTTP 301', 'http_3xx'],
      ['HTTP 401: nope', 'http_4xx'],
      ['no answer within 10000 ms', 'timeout'],
      ['network error: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:6379', 'refused'],
      ['network error: DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate', 'tls'],
    ]
    for (const [old, errorClass] of legacy) {
      await notify.test.db.query(
        "update webhook_deliveries set last_error = $2, last_status = 500, state = 'dead' where webhook_id = $1",
        [hook, old],
      )
      const res = await deliveriesResponse(hook)
      expect(res.json().deliveries[0].lastError).toBe(errorClass)
      expect(res.body.includes(old!)).toBe(false)
    }
    const [dead] = (await deliveriesResponse(hook)).json().deliveries
    const retried = await notify.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${hook}/deliveries/${dead.id}/retry`,
      headers: officer,
    })
    expect(retried.statusCode).toBe(200)
    expect(retried.json()).toMatchObject({ state: 'pending', lastError: 'tls' })
  })
})
