// The bench:reconnect gateways, split over worker threads (reconnect-worker.ts). Sends each command to every
// worker and gathers their answers into one timeline.
import { Worker } from 'node:worker_threads'
import type { ReconnectCommand, ReconnectGateway, ReconnectReply, StormTimes } from './reconnect-protocol.ts'

export interface Fleet {
  /** Resolves once every worker has loaded and listens, so start-up is not timed as connecting. */
  ready: Promise<void>
  size: number
  /** Connects every gateway (no jitter); returns how many hold a connection. */
  connect(port: number): Promise<number>
  /** Resolves once the broker's death has closed every connection. */
  dropped(): Promise<void>
  storm(port: number, startAt: number, jitterMs: number, packTimeMs: number): Promise<StormTimes>
  close(): Promise<void>
}

const IN_FLIGHT_PER_WORKER = 100

export function startFleet(gateways: ReconnectGateway[], workers: number): Fleet {
  const entry = new URL('./reconnect-worker.ts', import.meta.url).href
  const shares = Array.from({ length: workers }, (_, w) => gateways.filter((_, i) => i % workers === w))
  const threads = shares.map(
    (share) =>
      new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { entry, gateways: share } }),
  )
  const ready = Promise.all(
    threads.map((t) => new Promise((resolve, reject) => t.once('message', resolve).once('error', reject))),
  ).then(() => undefined)
  const ask = (cmd: ReconnectCommand): Promise<ReconnectReply[]> =>
    Promise.all(
      threads.map(
        (t) =>
          new Promise<ReconnectReply>((resolve, reject) => {
            t.once('message', resolve)
            t.once('error', reject)
            t.postMessage(cmd)
          }),
      ),
    )
  return {
    ready,
    size: gateways.length,
    async connect(port) {
      const replies = await ask({ kind: 'connect', port, inFlight: IN_FLIGHT_PER_WORKER })
      return replies.reduce((n, r) => n + (r.kind === 'connected' ? r.held : 0), 0)
    },
    async dropped() {
      await ask({ kind: 'await-drop' })
    },
    async storm(port, startAt, jitterMs, packTimeMs) {
      const replies = await ask({ kind: 'storm', port, startAt, jitterMs, packTimeMs })
      const all: StormTimes = { connackAt: [], pubackAt: [], retries: 0, failed: 0, why: {} }
      for (const r of replies) {
        if (r.kind !== 'storm') continue
        all.connackAt.push(...r.times.connackAt)
        all.pubackAt.push(...r.times.pubackAt)
        all.retries += r.times.retries
        all.failed += r.times.failed
        for (const [k, n] of Object.entries(r.times.why)) all.why[k] = (all.why[k] ?? 0) + n
      }
      return all
    },
    async close() {
      await ask({ kind: 'close' })
      await Promise.all(threads.map((t) => t.terminate()))
    },
  }
}
