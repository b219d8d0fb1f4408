// Runs many simulated gateways on one simulated clock. Simulated time starts at real now and runs `speed`
// times faster; each gateway sends one pack every `intervalSeconds` of simulated time. When the real clock
// cannot keep up (high speed, slow broker) gateways fall behind rather than drop packs.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { connectGateway, type GatewayLink } from './gateway-link.ts'
import type { SimLogger } from './logger.ts'
import { createPackSource, type PackSource } from './pack-source.ts'

export interface SimulatorOptions {
  url: string
  gateways: GatewayCredentials[]
  /** Zone kind per gateway id (shrimp_pond, coconut_canal, rice_field, orchard_canal…). */
  zoneKinds?: Record<string, string>
  intervalSeconds: number
  /** Simulated seconds per real second. */
  speed: number
  seed: number
  logger: SimLogger
  /** How long the first connection of each gateway may take (default 15 s). */
  connectTimeoutMs?: number
  /** Log a progress line this often, in real seconds (default 60; 0 turns it off). */
  progressEverySeconds?: number
}

export interface Simulator {
  stop(): Promise<void>
  /** Reading packs the broker has acknowledged. */
  published(): number
}

const MAX_INFLIGHT_PER_GATEWAY = 100
const MAX_PACKS_PER_TICK = 500

interface Running {
  source: PackSource
  link: GatewayLink
  next: number
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  if (!(opts.intervalSeconds > 0)) throw new RangeError('intervalSeconds must be positive')
  if (!(opts.speed > 0)) throw new RangeError('speed must be positive')
  if (opts.gateways.length === 0) throw new RangeError('no gateways to simulate')
  const log = opts.logger
  const startMs = Math.floor(Date.now() / 1000) * 1000
  const realStart = performance.now()
  const simNow = () => startMs + (performance.now() - realStart) * opts.speed

  let acked = 0
  const sources = opts.gateways.map((gateway, index) =>
    createPackSource({
      gateway,
      kind: opts.zoneKinds?.[gateway.gatewayId],
      seed: opts.seed,
      index,
      intervalSeconds: opts.intervalSeconds,
      startMs,
    }),
  )
  for (const s of sources) {
    if (s.skipped.length > 0)
      log.warn({ gatewayId: s.gatewayId, channels: s.skipped }, 'channels not simulated')
  }
  const links = await connectAll(opts, () => acked++)
  const running: Running[] = sources.map((source, i) => ({ source, link: links[i]!, next: 0 }))
  log.info(
    { url: opts.url, gateways: running.length, intervalSeconds: opts.intervalSeconds, speed: opts.speed },
    'simulator started',
  )

  const tick = () => {
    const now = simNow()
    for (const gw of running) {
      let sent = 0
      while (
        gw.source.timeOf(gw.next) <= now &&
        sent < MAX_PACKS_PER_TICK &&
        gw.link.inflight() < MAX_INFLIGHT_PER_GATEWAY
      ) {
        gw.link.publishReadings(gw.source.next().pack)
        gw.next++
        sent++
      }
    }
  }
  // Tick often enough to be on time, never so often that an idle simulator spins.
  const tickMs = Math.min(1000, Math.max(10, (opts.intervalSeconds * 1000) / opts.speed))
  const timer = setInterval(tick, tickMs)
  tick()
  const progressMs = (opts.progressEverySeconds ?? 60) * 1000
  const progress =
    progressMs > 0
      ? setInterval(
          () => log.info({ published: acked, simulatedTime: new Date(simNow()) }, 'simulator'),
          progressMs,
        )
      : undefined

  let stopping: Promise<void> | undefined
  return {
    published: () => acked,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer)
        if (progress) clearInterval(progress)
        await Promise.all(running.map((gw) => gw.link.close()))
        log.info({ published: acked }, 'simulator stopped')
      })()
      return stopping
    },
  }
}

async function connectAll(opts: SimulatorOptions, onAcked: () => void): Promise<GatewayLink[]> {
  const results = await Promise.allSettled(
    opts.gateways.map((credentials) =>
      connectGateway({
        url: opts.url,
        credentials,
        logger: opts.logger,
        connectTimeoutMs: opts.connectTimeoutMs ?? 15_000,
        onAcked,
      }),
    ),
  )
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) {
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)))
    throw (failed as PromiseRejectedResult).reason
  }
  return results.map((r) => (r as PromiseFulfilledResult<GatewayLink>).value)
}
