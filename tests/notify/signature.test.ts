// A receiver that knows only docs/notifications.md and node:crypto can verify every webhook: the test runs
// the verifier the doc prints, and it also refuses a changed body, a wrong secret and a stale time.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type NotifyHarness,
  openAlert,
  startNotifyHarness,
  startTarget,
  type WebhookTarget,
} from './harness.ts'

type Verify = (secret: string, header: string, rawBody: Buffer, toleranceSeconds?: number) => boolean

/** The Node.js verifier exactly as docs/notifications.md prints it, given node:crypto and nothing else. */
async function verifierFromDocs(): Promise<Verify> {
  const doc = await readFile(new URL('../../docs/notifications.md', import.meta.url), 'utf8')
  const block = /```js\n(import \{ createHmac, timingSafeEqual \} from 'node:crypto'\n[\s\S]*?)```/.exec(doc)
  if (!block) throw new Error('docs/notifications.md has no Node.js verifier')
  const source = block[1]!.replace(/^import .*$/m, '')
  return new Function('createHmac', 'timingSafeEqual', `${source}\nreturn verify`)(
    createHmac,
    timingSafeEqual,
  )
}

let verify: Verify
let harness: NotifyHarness
let target: WebhookTarget

beforeAll(async () => {
  harness = await startNotifyHarness()
  target = await startTarget()
  verify = await verifierFromDocs()
})
afterAll(async () => {
  await target?.close()
  await harness?.close()
})

describe('webhook signature', () => {
  it('verifies with the documented verifier, and nothing else does', async () => {
    const officer = await harness.auth({ role: 'officer' })
    const created = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: officer,
      payload: { url: target.url },
    })
    const { secret } = created.json()
    const event = await openAlert(harness, harness.zone, { value: 1.85 })
    expect(await harness.app.webhookDispatcher.tick()).toMatchObject({ delivered: 1 })

    expect(target.received).toHaveLength(1)
    const [req] = target.received
    expect(req!.method).toBe('POST')
    expect(req!.headers['content-type']).toBe('application/json')
    expect(req!.headers['user-agent']).toBe('zonetrace-webhooks')
    expect(req!.headers['zonetrace-event-id']).toBe(String(event.eventId))
    const header = String(req!.headers['zonetrace-signature'])
    expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/)

    expect(verify(secret, header, req!.raw)).toBe(true)
    // The body is the AlertEvent as recorded, its message in Vietnamese and English.
    const body = JSON.parse(req!.raw.toString('utf8'))
    expect(body).toEqual(event)
    expect(body.alert.message.vi).toMatch(/dưới ngưỡng/)

    const tampered = Buffer.from(req!.raw.toString('utf8').replace('1.85', '9.85'))
    expect(verify(secret, header, tampered)).toBe(false)
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`
    expect(verify(wrong, header, req!.raw)).toBe(false)
    const t = Number(/t=(\d+)/.exec(header)![1])
    const stale = createHmac('sha256', secret)
      .update(`${t - 600}.`)
      .update(req!.raw)
      .digest('hex')
    expect(verify(secret, `t=${t - 600},v1=${stale}`, req!.raw)).toBe(false)
  })
})
