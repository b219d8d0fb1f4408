// Scanned events are put in IndexedDB first and sent after, so a scan in a field or a warehouse without
// signal is kept until the phone is back online. Each event carries the id the phone gave it: sending the
// same event twice (a reply lost on the way back, two tabs flushing) stores it once on the server.
import { idbAll, idbDelete, idbPut } from './idb.ts'

export interface QueuedEvent {
  /** crypto.randomUUID(), the server's idempotency key. */
  id: string
  lotId: string
  bizStep: 'receiving' | 'shipping' | 'inspecting'
  time: string
  place?: string
  /** When it was queued, to send in scan order. */
  queuedAt: number
}

/** What became of one event: stored, refused for good (4xx: it leaves the queue), or kept for later. */
export type SendOutcome =
  | { kind: 'stored'; event: QueuedEvent }
  | { kind: 'refused'; event: QueuedEvent; status: number; code?: string }
  | { kind: 'kept' }

export const enqueue = (event: QueuedEvent) => idbPut('queue', event)

export async function queued(): Promise<QueuedEvent[]> {
  return (await idbAll<QueuedEvent>('queue')).sort((a, b) => a.queuedAt - b.queuedAt)
}

/** 401 and 403 mean the session or its token, not the event: kept, to be sent once signed in again. */
const KEEP = new Set([401, 403, 408, 425, 429])

async function send(event: QueuedEvent, csrfToken: string): Promise<SendOutcome> {
  const { id, bizStep, time, place } = event
  let res: Response
  try {
    res = await fetch(`/api/v1/lots/${encodeURIComponent(event.lotId)}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ id, bizStep, time, ...(place ? { place } : {}) }),
      credentials: 'same-origin',
    })
  } catch {
    return { kind: 'kept' }
  }
  if (res.ok) return { kind: 'stored', event }
  if (res.status >= 500 || KEEP.has(res.status)) return { kind: 'kept' }
  const body = (await res.json().catch(() => ({}))) as { code?: unknown }
  return {
    kind: 'refused',
    event,
    status: res.status,
    code: typeof body.code === 'string' ? body.code : undefined,
  }
}

let flushing: Promise<SendOutcome[]> | null = null

/** Sends what is queued, oldest first; stops at the first event the network could not take. */
export function flushQueue(csrfToken: string): Promise<SendOutcome[]> {
  flushing ??= (async () => {
    const outcomes: SendOutcome[] = []
    try {
      for (const event of await queued()) {
        const outcome = await send(event, csrfToken)
        if (outcome.kind === 'kept') break
        await idbDelete('queue', event.id)
        outcomes.push(outcome)
      }
    } finally {
      flushing = null
    }
    return outcomes
  })()
  return flushing
}
