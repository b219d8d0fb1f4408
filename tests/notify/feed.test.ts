// The alert feed behind the streams: it polls only while someone listens, and an event whose id was
// taken before a higher one but committed after it (two writers at once) still reaches the listeners.
// No test here sleeps: the polling cadence runs on fake timers against a stub database, and the ordering
// test waits (vi.waitFor) for the events it expects rather than for a span of wall-clock time.
import { AlertFeed } from '@zonetrace/api'
import type { Database } from '@zonetrace/db'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { openAlert } from './harness.ts'

const testDb = sharedFixture(getTestDB)
let zone: string
beforeAll(async () => {
  zone = await seedZone(testDb.db)
})
afterEach(() => {
  vi.useRealTimers()
})

const quiet = { warn: () => {} }
const POLL_MS = 50
/** Generous for a loaded CI machine; vi.waitFor returns as soon as the event is seen. */
const SEEN = { timeout: 10_000, interval: 10 }

/**
 * A database with no alert events that counts the statements the feed sends. While `hold` is set, the
 * next statement stays unanswered until release() is called: a poll caught in flight.
 */
function emptyCounted(): {
  db: Pick<Database, 'query'>
  count: () => number
  hold: () => void
  release: () => void
} {
  let n = 0
  let holding = false
  let pending: (() => void) | null = null
  return {
    db: {
      query: async <T>() => {
        n += 1
        if (holding) {
          holding = false
          await new Promise<void>((resolve) => (pending = resolve))
        }
        return [] as T[]
      },
    },
    count: () => n,
    hold: () => (holding = true),
    release: () => pending?.(),
  }
}

describe('AlertFeed', () => {
  it('polls while subscribed and not at all once the last subscriber leaves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const probe = emptyCounted()
    const feed = new AlertFeed({ db: probe.db, log: quiet, pollMs: POLL_MS })
    await vi.advanceTimersByTimeAsync(10 * POLL_MS)
    expect(probe.count()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)

    const { unsubscribe } = await feed.subscribe({ onEvent: () => {}, onClose: () => {} })
    expect(probe.count()).toBe(1) // the latest event id, where the feed starts
    await vi.advanceTimersByTimeAsync(3 * POLL_MS)
    expect(probe.count()).toBe(1 + 3) // one poll per interval

    unsubscribe()
    await vi.advanceTimersByTimeAsync(10 * POLL_MS)
    expect(probe.count()).toBe(1 + 3)
    expect(vi.getTimerCount()).toBe(0)
    feed.close()
  })

  it('lets a poll in flight when the last subscriber leaves finish without scheduling another', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const probe = emptyCounted()
    const feed = new AlertFeed({ db: probe.db, log: quiet, pollMs: POLL_MS })
    const { unsubscribe } = await feed.subscribe({ onEvent: () => {}, onClose: () => {} })
    probe.hold()
    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(probe.count()).toBe(2) // the start, then the poll now waiting on the database

    unsubscribe()
    probe.release()
    await vi.advanceTimersByTimeAsync(10 * POLL_MS)
    expect(probe.count()).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
    feed.close()
  })

  it('delivers an event committed after a higher id was already read', async () => {
    const feed = new AlertFeed({ db: testDb.db, log: quiet, pollMs: POLL_MS })
    const seen: number[] = []
    let closed = false
    await feed.subscribe({ onEvent: (e) => seen.push(e.event.eventId), onClose: () => (closed = true) })
    const anchor = await openAlert({ test: testDb }, zone)
    await vi.waitFor(() => expect(seen).toContain(anchor.eventId), SEEN)

    // Two writers: the one holding the lower id commits last. Explicit ids reproduce that order.
    const [taken] = await testDb.db.query<{ next: number }>(`select nextval('alert_events_id_seq') as next`)
    const next = taken!.next
    await testDb.db.query(`select nextval('alert_events_id_seq')`)
    await testDb.db.query(`insert into alert_events (id, alert_id, type) values ($1, $2, 'retriggered')`, [
      next + 1,
      anchor.alert.id,
    ])
    await vi.waitFor(() => expect(seen).toContain(next + 1), SEEN)
    await testDb.db.query(`insert into alert_events (id, alert_id, type) values ($1, $2, 'cleared')`, [
      next,
      anchor.alert.id,
    ])
    await vi.waitFor(() => expect(seen).toContain(next), SEEN)
    expect(seen.filter((id) => id === next || id === next + 1)).toEqual([next + 1, next])

    feed.close()
    expect(closed).toBe(true)
    expect(feed.size).toBe(0)
  })
})
