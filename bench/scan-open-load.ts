// Open-loop scan load for bench:scan, run in a worker thread (ts-worker.mjs) so the phones' side never
// shares the server's event loop. Scans are offered at a constant rate whatever the answers do: request i
// is due at start + i/rate, and its latency runs from that due time, not from when it was sent, so a
// server that falls behind shows its queue in the latency (no coordinated omission).
import { Agent, request } from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

export interface OpenLoopRequest {
  origin: string
  /** Resolver paths (with their signed query), offered in turn. */
  paths: string[]
  rate: number
  seconds: number
}

export interface OpenLoopResult {
  offered: number
  /** 200 answers saying the label is authentic. */
  ok: number
  errors: number
  /** Why, for the log: status codes, "not authentic", socket errors. */
  errorKinds: Record<string, number>
  /** Due time to last byte (or to the failure), one per offered scan, in ms. */
  latenciesMs: number[]
  /** Behind schedule at the end of the offer: the generator itself kept up when this is small. */
  lagMs: number
  seconds: number
}

const TIMEOUT_MS = 10_000

export async function offerScans(req: OpenLoopRequest): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 })
  const total = Math.round(req.rate * req.seconds)
  const interval = 1000 / req.rate
  const out: OpenLoopResult = {
    offered: 0,
    ok: 0,
    errors: 0,
    errorKinds: {},
    latenciesMs: [],
    lagMs: 0,
    seconds: 0,
  }
  const fail = (kind: string) => {
    out.errors++
    out.errorKinds[kind] = (out.errorKinds[kind] ?? 0) + 1
  }
  const inflight = new Set<Promise<void>>()
  const scan = (path: string, due: number) =>
    new Promise<void>((resolve) => {
      const r = request(`${req.origin}${path}`, { agent, headers: { accept: 'application/json' } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => {
          body += c
        })
        res.on('end', () => {
          out.latenciesMs.push(performance.now() - due)
          if (res.statusCode !== 200) fail(`status ${res.statusCode}`)
          else if (!body.includes('"authentic":true')) fail('not authentic')
          else out.ok++
          resolve()
        })
        res.on('error', (err) => {
          out.latenciesMs.push(performance.now() - due)
          fail(err.message)
          resolve()
        })
      })
      r.setTimeout(TIMEOUT_MS, () => r.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)))
      // A failed scan counts in the latency too, at the time it failed: leaving it out would flatter p99.
      r.on('error', (err) => {
        out.latenciesMs.push(performance.now() - due)
        fail(err.message)
        resolve()
      })
      r.end()
    })

  const start = performance.now() + 20
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      while (out.offered < total && start + out.offered * interval <= now) {
        const due = start + out.offered * interval
        const p = scan(req.paths[out.offered % req.paths.length]!, due)
        inflight.add(p)
        void p.then(() => inflight.delete(p))
        out.offered++
      }
      if (out.offered >= total) {
        out.lagMs = now - (start + (total - 1) * interval)
        return resolve()
      }
      setTimeout(tick, 1)
    }
    tick()
  })
  await Promise.all(inflight)
  out.seconds = (performance.now() - start) / 1000
  agent.destroy()
  return out
}

if (parentPort && workerData?.entry?.endsWith('scan-open-load.ts')) {
  parentPort.postMessage(await offerScans(workerData as OpenLoopRequest))
}
