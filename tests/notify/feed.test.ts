// The alert feed behind the streams: it polls only while someone listens, and an event whose id was
// taken before a higher one but committed after it (two writers at once) still reaches the listeners.
import type { Database } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AlertFeed } from '../../api/src/notify/feed.ts'
import { getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { openAlert } from './harness.ts'

let test: TestDB
let zone: string
beforeAll(async () => {
  test = await getTestDB()
  zone = await seedZone(test.db)
})
afterAll(async () => {
  await test?.close()
})

const quiet = { warn: () => {} }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The real database, counting the statements the feed sends. */
function counted(db: Database): { db: Pick<Database, 'query'>; count: () => number } {
  let n = 0
  return {
    db: {
      query: (text, params) => {
        n += 1
        return db.query(text, params)
      },
    },
    count: () => n,
  }
}

describe('AlertFeed', () => {
  it('polls while subscribed and not at all once the last subscriber leaves', async () => {
    const probe = counted(test.db)
    const feed = new AlertFeed({ db: probe.db, log: quiet, pollMs: 50 })
    await sleep(200)
    expect(probe.count()).toBe(0)

    const { unsubscribe } = await feed.subscribe({ onEvent: () => {}, onClose: () => {} })
    await sleep(300)
    const whileSubscribed = probe.count()
    expect(whileSubscribed).toBeGreaterThan(2)

    unsubscribe()
    const atLeave = probe.count()
    await sleep(300)
    // At most the poll already in flight finishes.
    expect(probe.count() - atLeave).toBeLessThanOrEqual(1)
    feed.close()
  })

  it('delivers an event committed after a higher id was already read', async () => {
    const feed = new AlertFeed({ db: test.db, log: quiet, pollMs: 50 })
    const seen: number[] = []
    let closed = false
    await feed.subscribe({ onEvent: (e) => seen.push(e.event.eventId), onClose: () => (closed = true) })
    const anchor = await openAlert({ test }, zone)
    await waitFor(() => seen.includes(anchor.eventId))

    // Two writers: the one holding the lower id commits last. Explicit ids reproduce that order.
    const [taken] = await test.db.query<{ next: number }>(`select nextval('alert_events_id_seq') as next`)
    const next = taken!.next
    await test.db.query(`select nextval('alert_events_id_seq')`)
    await test.db.query(`insert into alert_events (id, alert_id, type) values ($1, $2, 'retriggered')`, [
      next + 1,
      anchor.alert.id,
    ])
    await waitFor(() => seen.includes(next + 1))
    await test.db.query(`insert into alert_events (id, alert_id, type) values ($1, $2, 'cleared')`, [
      next,
      anchor.alert.id,
    ])
    await waitFor(() => seen.includes(next))
    expect(seen.filter((id) => id === next || id === next + 1)).toEqual([next + 1, next])

    feed.close()
    expect(closed).toBe(true)
    expect(feed.size).toBe(0)
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(20)
  }
}
