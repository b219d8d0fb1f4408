// The one live connection a console page keeps: GET /api/v1/alerts/stream as Server-Sent Events, which the
// session cookie authenticates. Several islands on a page share it. EventSource reconnects by itself and
// names the last id it saw, so the server replays what was missed; a `resync` (too much missed) asks the
// listeners to reload what they show.
import type { AlertEvent } from '@zonetrace/contracts'

export interface AlertListener {
  onEvent(event: AlertEvent): void
  /** The stream could not replay everything missed: refetch the whole view. */
  onResync?(): void
  /** Connected (true) or retrying (false), for a visible "live" indicator. */
  onLive?(live: boolean): void
}

const STREAM_URL = '/api/v1/alerts/stream'
const listeners = new Set<AlertListener>()
let source: EventSource | null = null

function open(): EventSource {
  const es = new EventSource(STREAM_URL)
  es.addEventListener('alert', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as AlertEvent
    for (const l of listeners) l.onEvent(event)
  })
  es.addEventListener('resync', () => {
    for (const l of listeners) l.onResync?.()
  })
  es.addEventListener('open', () => {
    for (const l of listeners) l.onLive?.(true)
  })
  es.addEventListener('error', () => {
    for (const l of listeners) l.onLive?.(es.readyState === EventSource.OPEN)
  })
  return es
}

/** Starts listening; the returned function stops. The connection closes with its last listener. */
export function listenToAlerts(listener: AlertListener): () => void {
  listeners.add(listener)
  source ??= open()
  if (source.readyState === EventSource.OPEN) listener.onLive?.(true)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      source?.close()
      source = null
    }
  }
}
