// Webhook management: the secret is shown once, bad target URLs are a 400 with a reason, a cooperative
// sees and touches only its own webhooks (a foreign one is a 404) and hears only its own growing areas.
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { OTHER_COOP, OTHER_ZONE, openAlert, startNotifyHarness } from './harness.ts'

const notify = sharedFixture(startNotifyHarness)
let officer: { authorization: string }
let coop: { authorization: string }
let otherCoop: { authorization: string }

beforeAll(async () => {
  officer = await notify.auth({ role: 'officer', subject: 'can-bo-thu-y' })
  coop = await notify.auth({ role: 'cooperative', cooperativeId: 'htx-test' })
  otherCoop = await notify.auth({ role: 'cooperative', cooperativeId: OTHER_COOP })
})

const create = (body: unknown, headers = officer) =>
  notify.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload: body as object })
const list = async (headers: { authorization: string }) =>
  (await notify.app.inject({ url: '/api/v1/webhooks', headers })).json().webhooks as { id: number }[]

describe('POST /api/v1/webhooks', () => {
  it('answers 201 with a 32-byte base64url secret that no listing shows again', async () => {
    const res = await create({
      url: 'https://example.org/zonetrace?x=1',
      description: 'Zalo OA',
      minSeverity: 'major',
    })
    expect(res.statusCode).toBe(201)
    const hook = res.json()
    expect(hook).toMatchObject({
      url: 'https://example.org/zonetrace?x=1',
      description: 'Zalo OA',
      minSeverity: 'major',
      cooperativeId: null,
      enabled: true,
      createdBy: 'can-bo-thu-y',
      pending: 0,
      dead: 0,
    })
    expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(hook.secret, 'base64url')).toHaveLength(32)

    const listed = (await notify.app.inject({ url: '/api/v1/webhooks', headers: officer })).json().webhooks
    const again = listed.find((w: { id: number }) => w.id === hook.id)
    expect(again).toMatchObject({ url: hook.url, minSeverity: 'major' })
    expect(again).not.toHaveProperty('secret')
  })

  it.each([
    ['ftp://example.org/drop', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['example.org/hook', /not an absolute URL/],
    ['https://user:pa55@example.org/hook', /credentials/],
    ['https://token@example.org/hook', /credentials/],
    [`https://example.org/${'a'.repeat(2040)}`, /at most 2048/],
  ])('refuses %s with a 400 that says why', async (url, reason) => {
    const res = await create({ url })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(reason)
  })

  it('refuses an unknown severity or cooperative with a 400', async () => {
    expect((await create({ url: 'https://example.org/', minSeverity: 'apocalyptic' })).statusCode).toBe(400)
    const unknown = await create({ url: 'https://example.org/', cooperativeId: 'htx-khong-co' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toMatch(/htx-khong-co does not exist/)
  })

  it('needs a token: 401 without one', async () => {
    const res = await notify.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: 'https://example.org/' },
    })
    expect(res.statusCode).toBe(401)
  })
})

describe('cooperative scoping', () => {
  it("binds a cooperative's webhook to itself and refuses one for another cooperative", async () => {
    const own = await create({ url: 'https://htx.example/alerts' }, coop)
    expect(own.statusCode).toBe(201)
    expect(own.json().cooperativeId).toBe('htx-test')
    const foreign = await create({ url: 'https://htx.example/alerts', cooperativeId: OTHER_COOP }, coop)
    expect(foreign.statusCode).toBe(400)
  })

  it('lists, reads deliveries of and deletes only its own; anything else is a 404', async () => {
    const officers = (await create({ url: 'https://so-nn.example/hook' })).json()
    const scoped = (await create({ url: 'https://so-nn.example/htx', cooperativeId: OTHER_COOP })).json()
    const mine = (await create({ url: 'https://htx.example/mine' }, coop)).json()

    const seen = (await list(coop)).map((w) => w.id)
    expect(seen).toContain(mine.id)
    expect(seen).not.toContain(officers.id)
    expect(seen).not.toContain(scoped.id)
    expect((await list(otherCoop)).map((w) => w.id)).toContain(scoped.id)
    expect((await list(officer)).map((w) => w.id)).toEqual(
      expect.arrayContaining([officers.id, scoped.id, mine.id]),
    )

    for (const id of [officers.id, scoped.id]) {
      const deliveries = await notify.app.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: coop })
      expect(deliveries.statusCode).toBe(404)
      const del = await notify.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: coop })
      expect(del.statusCode).toBe(404)
    }
    const del = await notify.app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${mine.id}`,
      headers: coop,
    })
    expect(del.statusCode).toBe(204)
    expect((await list(coop)).map((w) => w.id)).not.toContain(mine.id)
    const gone = await notify.app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${mine.id}`,
      headers: coop,
    })
    expect(gone.statusCode).toBe(404)
  })

  it("queues a cooperative's webhook only for its own areas, and an officer's for all above its severity", async () => {
    const ours = (await create({ url: 'https://htx.example/ours' }, coop)).json()
    const all = (await create({ url: 'https://so-nn.example/all', minSeverity: 'major' })).json()

    const inOurZone = await openAlert(notify, notify.zone, { severity: 'critical' })
    const elsewhere = await openAlert(notify, OTHER_ZONE, { severity: 'critical' })
    const minorHere = await openAlert(notify, notify.zone, { severity: 'minor' })
    const historical = await openAlert(notify, notify.zone, { severity: 'critical', historical: true })

    const events = async (id: number, headers: { authorization: string }) =>
      (await notify.app.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers }))
        .json()
        .deliveries.map((d: { eventId: number }) => d.eventId)
    const ourEvents = await events(ours.id, coop)
    expect(ourEvents).toContain(inOurZone.eventId)
    expect(ourEvents).toContain(minorHere.eventId)
    expect(ourEvents).not.toContain(elsewhere.eventId)
    expect(ourEvents).not.toContain(historical.eventId)

    const allEvents = await events(all.id, officer)
    expect(allEvents).toEqual(expect.arrayContaining([inOurZone.eventId, elsewhere.eventId]))
    expect(allEvents).not.toContain(minorHere.eventId)
  })
})

describe('GET /api/v1/webhooks/{id}/deliveries', () => {
  it('refuses an unknown state and a non-numeric id with a 400', async () => {
    const hook = (await create({ url: 'https://example.org/q' })).json()
    const bad = await notify.app.inject({
      url: `/api/v1/webhooks/${hook.id}/deliveries?state=lost`,
      headers: officer,
    })
    expect(bad.statusCode).toBe(400)
    const id = await notify.app.inject({ url: '/api/v1/webhooks/abc/deliveries', headers: officer })
    expect(id.statusCode).toBe(400)
  })
})
