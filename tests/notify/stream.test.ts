// GET /api/v1/alerts/stream over a real socket: an event recorded by recordAlertEvents reaches an open
// stream within about two seconds, a reconnect with Last-Event-ID replays what was missed, a cooperative
// hears only its own areas, filters apply, a client that hangs up is let go, and closing the API ends
// every stream (the streams opened here stay open until then).
import type { AddressInfo } from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { until } from '../helpers/wait.ts'
import {
  hangUpClient,
  OTHER_COOP,
  OTHER_ZONE,
  openAlert,
  openStream,
  type SseReader,
  startNotifyHarness,
} from './harness.ts'

const notify = sharedFixture(startNotifyHarness)
let base: string
let officer: { authorization: string }
const opened: SseReader[] = []

async function stream(query: string, headers: Record<string, string> = officer): Promise<SseReader> {
  const reader = await openStream(`${base}${query}`, headers)
  opened.push(reader)
  return reader
}

beforeAll(async () => {
  await notify.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(notify.app.server.address() as AddressInfo).port}/api/v1/alerts/stream`
  officer = await notify.auth({ role: 'officer' })
})

describe('GET /api/v1/alerts/stream', () => {
  it('sends an event recorded by recordAlertEvents within two seconds', async () => {
    const live = await stream('')
    expect(live.status).toBe(200)
    const started = Date.now()
    const event = await openAlert(notify, notify.zone)
    const message = await live.next(4000)
    expect(Date.now() - started).toBeLessThan(2200)
    expect(message.event).toBe('alert')
    expect(message.id).toBe(String(event.eventId))
    expect(JSON.parse(message.data)).toEqual(event)
  })

  it('replays what was missed after Last-Event-ID (or ?since=), then carries on live', async () => {
    const first = await openAlert(notify, notify.zone)
    const missed = [await openAlert(notify, notify.zone), await openAlert(notify, OTHER_ZONE)]
    const resumed = await stream('', { ...officer, 'last-event-id': String(first.eventId) })
    const replayed = [await resumed.next(), await resumed.next()]
    expect(replayed.map((m) => m.id)).toEqual(missed.map((e) => String(e.eventId)))
    const live = await openAlert(notify, notify.zone)
    expect((await resumed.next(4000)).id).toBe(String(live.eventId))

    const bySince = await stream(`?since=${missed[0]!.eventId}`)
    expect((await bySince.next()).id).toBe(String(missed[1]!.eventId))
  })

  it("gives a cooperative only its own areas' events, and applies severity and zone filters", async () => {
    const mark = (await openAlert(notify, notify.zone, { severity: 'warning' })).eventId
    const coop = await stream(
      `?since=${mark}`,
      await notify.auth({ role: 'cooperative', cooperativeId: 'htx-test' }),
    )
    const other = await stream(
      `?since=${mark}`,
      await notify.auth({ role: 'cooperative', cooperativeId: OTHER_COOP }),
    )
    const severe = await stream(`?since=${mark}&severity=major`)
    const zoned = await stream(`?since=${mark}&zone=${OTHER_ZONE}`)

    const ours = await openAlert(notify, notify.zone, { severity: 'minor' })
    const theirs = await openAlert(notify, OTHER_ZONE, { severity: 'critical' })
    const oursCritical = await openAlert(notify, notify.zone, { severity: 'critical' })
    const ids = (...events: { eventId: number }[]) => events.map((e) => String(e.eventId))

    expect([(await coop.next(4000)).id, (await coop.next(4000)).id]).toEqual(ids(ours, oursCritical))
    expect((await other.next(4000)).id).toBe(String(theirs.eventId))
    expect([(await severe.next(4000)).id, (await severe.next(4000)).id]).toEqual(ids(theirs, oursCritical))
    expect((await zoned.next(4000)).id).toBe(String(theirs.eventId))
    // Nothing else arrives on the narrower streams.
    await expect(other.next(1500)).rejects.toThrow(/no SSE message/)
    await expect(zoned.next(100)).rejects.toThrow(/no SSE message/)
    await expect(coop.next(100)).rejects.toThrow(/no SSE message/)
  })

  it('tells a client that missed more than the backlog to reload', async () => {
    const before = await openAlert(notify, OTHER_ZONE)
    // 1001 events on one alert, the way repeated acknowledgements would record them.
    await notify.test.db.query(
      `insert into alert_events (alert_id, type, actor)
       select $1, 'acknowledged', 'can-bo' from generate_series(1, 1001)`,
      [before.alert.id],
    )
    const resumed = await stream(`?since=${before.eventId}`)
    const resync = await resumed.next()
    expect(resync.event).toBe('resync')
    expect(JSON.parse(resync.data)).toMatchObject({ reason: 'backlog' })
    // The newest thousand: the oldest one missed is left out.
    expect(Number((await resumed.next()).id)).toBe(before.eventId + 2)
  })

  it('refuses the public with a 401, and a malformed Last-Event-ID or severity with a 400', async () => {
    expect((await fetch(base)).status).toBe(401)
    const bad = await fetch(base, { headers: { ...officer, 'last-event-id': 'yesterday' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toMatch(/Last-Event-ID/)
    expect((await fetch(`${base}?severity=apocalyptic`, { headers: officer })).status).toBe(400)
  })

  it('lets go of a client that hangs up', async () => {
    const before = notify.app.alertFeed.size
    const hangUp = await hangUpClient(base, officer)
    expect(notify.app.alertFeed.size).toBe(before + 1)
    hangUp()
    await until('the feed to let the client go', () => notify.app.alertFeed.size === before)
    expect(before).toBe(opened.length)
  })

  it('ends every stream when the API closes', async () => {
    expect(opened.length).toBeGreaterThan(0)
    const started = Date.now()
    await notify.app.close()
    await Promise.all(opened.map((s) => s.ended))
    expect(notify.app.alertFeed.size).toBe(0)
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
