// One poller per API instance that follows alert_events by id and fans each event out to the open
// streams, so a hundred dashboards cost one query a second. It runs only while someone is subscribed.
import { alertEventsAfter, type Database, latestAlertEventId, type ScopedAlertEvent } from '@zonetrace/db'
import type { FastifyBaseLogger } from 'fastify'

interface FeedSubscriber {
  onEvent(event: ScopedAlertEvent): void
  /** The feed is closing (the API shuts down): end the stream. */
  onClose(): void
}

interface AlertFeedOptions {
  db: Pick<Database, 'query'>
  log: Pick<FastifyBaseLogger, 'warn'>
  pollMs?: number
  batchSize?: number
}

/**
 * Ids are taken at insert but committed in any order, so an id can show up after a higher one was read.
 * A skipped id is looked for again for this long; after that it belongs to a rolled-back transaction.
 */
const GAP_WAIT_MS = 30_000
/** A jump wider than this is not tracked id by id (a big rolled-back batch, a restored database). */
const MAX_TRACKED_GAP = 1000

export class AlertFeed {
  private readonly db: Pick<Database, 'query'>
  private readonly log: Pick<FastifyBaseLogger, 'warn'>
  private readonly pollMs: number
  private readonly batchSize: number
  private readonly subscribers = new Set<FeedSubscriber>()
  private cursor = 0
  private readonly gaps = new Map<number, number>()
  private timer: NodeJS.Timeout | undefined
  private starting: Promise<void> | null = null
  /** Bumped on every start and stop, so a poll from an earlier run cannot reschedule itself. */
  private generation = 0
  private closed = false

  constructor(opts: AlertFeedOptions) {
    this.db = opts.db
    this.log = opts.log
    this.pollMs = opts.pollMs ?? 1000
    this.batchSize = opts.batchSize ?? 500
  }

  get size(): number {
    return this.subscribers.size
  }

  /**
   * Adds a subscriber and resolves with the last event id already read: the subscriber hears every
   * event committed after that (and, late, any lower id still in flight). Returns the unsubscribe function.
   */
  async subscribe(subscriber: FeedSubscriber): Promise<{ cursor: number; unsubscribe: () => void }> {
    if (this.closed) throw new Error('the alert feed is closed')
    this.subscribers.add(subscriber)
    const unsubscribe = () => {
      if (this.subscribers.delete(subscriber) && this.subscribers.size === 0) this.halt()
    }
    try {
      this.starting ??= this.begin()
      await this.starting
    } catch (err) {
      unsubscribe()
      throw err
    }
    return { cursor: this.cursor, unsubscribe }
  }

  /** Ends every subscriber's stream and stops polling. */
  close(): void {
    this.closed = true
    const subscribers = [...this.subscribers]
    this.subscribers.clear()
    this.halt()
    for (const s of subscribers) s.onClose()
  }

  private async begin(): Promise<void> {
    const generation = ++this.generation
    try {
      const latest = await latestAlertEventId(this.db)
      if (generation !== this.generation) return
      this.cursor = latest
      this.gaps.clear()
      this.schedule(generation, this.pollMs)
    } catch (err) {
      this.starting = null
      throw err
    }
  }

  private halt(): void {
    this.generation += 1
    this.starting = null
    clearTimeout(this.timer)
  }

  private schedule(generation: number, ms: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.poll(generation), ms)
    this.timer.unref()
  }

  private async poll(generation: number): Promise<void> {
    let full = false
    try {
      const events = await alertEventsAfter(this.db, this.cursor, [...this.gaps.keys()], this.batchSize)
      if (generation !== this.generation) return
      full = events.length === this.batchSize
      const now = Date.now()
      for (const scoped of events) {
        this.advance(scoped.event.eventId, now)
        for (const s of this.subscribers) this.deliver(s, scoped)
      }
      for (const [id, since] of this.gaps) if (now - since > GAP_WAIT_MS) this.gaps.delete(id)
    } catch (err) {
      if (generation !== this.generation) return
      this.log.warn({ err }, 'alert feed poll failed; retrying')
    }
    if (generation === this.generation) this.schedule(generation, full ? 0 : this.pollMs)
  }

  /** One broken stream must not keep the event from the others. */
  private deliver(subscriber: FeedSubscriber, scoped: ScopedAlertEvent): void {
    try {
      subscriber.onEvent(scoped)
    } catch (err) {
      this.log.warn({ err }, 'an alert stream refused an event; closing it')
      this.subscribers.delete(subscriber)
      if (this.subscribers.size === 0) this.halt()
      subscriber.onClose()
    }
  }

  private advance(id: number, now: number): void {
    if (id <= this.cursor) {
      this.gaps.delete(id)
      return
    }
    if (id - this.cursor - 1 <= MAX_TRACKED_GAP) {
      for (let skipped = this.cursor + 1; skipped < id; skipped++) this.gaps.set(skipped, now)
    }
    this.cursor = id
  }
}
