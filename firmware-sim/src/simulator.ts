// Runs many simulated gateways on one simulated clock. Simulated time starts at real now (or `startMs`) and
// runs `speed` times faster; each gateway produces one sample every `intervalSeconds` of simulated time.
// When the real clock cannot keep up (high speed, slow broker) gateways fall behind rather than drop packs.
import { openStaggered } from './connect-pool.ts'
import type { AeratorDrill } from './faults/aerator-failure.ts'
import type { FaultName } from './faults/names.ts'
import { AERATED_KINDS } from './faults/pond-faults.ts'
import type { SimLogger } from './logger.ts'
import type { Outlet, SimTarget } from './outlet.ts'
import { createPackSource, type PackSource } from './pack-source.ts'
import { checkTarget, describeTarget, openOutlet, type SimGateway } from './targets.ts'
import { createWeather } from './weather.ts'

export interface SimulatorOptions {
  /** The zonetrace broker: shorthand for `target: { kind: 'broker', url }`. */
  url?: string
  target?: SimTarget
  gateways: SimGateway[]
  /** Zone kind per gateway id (shrimp_pond, coconut_canal, rice_field, orchard_canal…). */
  zoneKinds?: Record<string, string> | undefined
  intervalSeconds: number
  /** Simulated seconds per real second. */
  speed: number
  seed: number
  logger: SimLogger
  /** Field faults to inject (default none). */
  faults?: readonly FaultName[] | undefined
  /**
   * With aerator-failure: one stop of the shrimp ponds' aerators at a set time after the start, played
   * faster than a real pond, before the seeded nightly stops (the demo's, so its alert shows in minutes).
   */
  aeratorDrill?: AeratorDrill | undefined
  /** Simulated time of the first sample, ms (default: real now, to the second). */
  startMs?: number | undefined
  /** How long the first connection of each gateway may take (default 15 s). */
  connectTimeoutMs?: number
  /** Gateways starting to connect per second (default 100), so thousands do not arrive at once. */
  connectRate?: number | undefined
  /** Log a progress line this often, in real seconds (default 60; 0 turns it off). */
  progressEverySeconds?: number
}

export interface Simulator {
  stop(): Promise<void>
  /** Samples acknowledged: packs by the broker or agent, files by the disk. */
  published(): number
}

const MAX_INFLIGHT_PER_GATEWAY = 100
const MAX_PACKS_PER_TICK = 500
const MAX_PENDING_CONNECTS = 200

interface Running {
  source: PackSource
  outlet: Outlet
  next: number
  powered: boolean
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  if (!(opts.intervalSeconds > 0)) throw new RangeError('intervalSeconds must be positive')
  if (!(opts.speed > 0)) throw new RangeError('speed must be positive')
  if (opts.gateways.length === 0) throw new RangeError('no gateways to simulate')
  const target: SimTarget | undefined =
    opts.target ?? (opts.url ? { kind: 'broker', url: opts.url } : undefined)
  if (!target) throw new RangeError('nowhere to send: give a broker url or a target')
  checkTarget(target, opts.gateways)
  const connectRate = opts.connectRate ?? 100
  if (!(connectRate > 0)) throw new RangeError('connectRate must be positive')
  const log = opts.logger
  const faults = opts.faults ?? []

  let acked = 0
  const outlets = await openStaggered(
    opts.gateways.length,
    (i) =>
      openOutlet(target, opts.gateways[i]!, {
        logger: log,
        connectTimeoutMs: opts.connectTimeoutMs ?? 15_000,
        onAcked: () => acked++,
      }),
    { ratePerSecond: connectRate, maxPending: MAX_PENDING_CONNECTS, logger: log, close: (o) => o.close() },
  )
  // Simulated time starts once everyone is connected, so a slow fleet start-up is not a backlog.
  const startMs = opts.startMs ?? Math.floor(Date.now() / 1000) * 1000
  const realStart = performance.now()
  const simNow = () => startMs + (performance.now() - realStart) * opts.speed
  const weather = createWeather({ seed: opts.seed })
  const sources = opts.gateways.map((gateway, index) =>
    createPackSource({
      gateway,
      kind: opts.zoneKinds?.[gateway.gatewayId],
      seed: opts.seed,
      index,
      intervalSeconds: opts.intervalSeconds,
      startMs,
      faults,
      aeratorDrill: opts.aeratorDrill,
      weather,
    }),
  )
  if (
    faults.includes('aerator-failure') &&
    !opts.gateways.some((g) => AERATED_KINDS.includes(opts.zoneKinds?.[g.gatewayId] ?? ''))
  )
    log.warn(
      { aerated: AERATED_KINDS },
      'aerator-failure changes nothing here: no gateway is in a shrimp pond',
    )
  for (const s of sources) {
    if (s.skipped.length > 0)
      log.warn({ gatewayId: s.gatewayId, channels: s.skipped }, 'channels not simulated')
  }
  const running: Running[] = sources.map((source, i) => ({
    source,
    outlet: outlets[i]!,
    next: 0,
    powered: true,
  }))
  log.info(
    {
      target: target.kind,
      to: describeTarget(target),
      gateways: running.length,
      intervalSeconds: opts.intervalSeconds,
      speed: opts.speed,
      faults,
      ...(opts.aeratorDrill && faults.includes('aerator-failure')
        ? { aeratorDrillAt: new Date(startMs + opts.aeratorDrill.afterSeconds * 1000) }
        : {}),
      start: new Date(startMs),
    },
    'simulator started',
  )

  const tick = () => {
    const now = simNow()
    for (const gw of running) {
      let sent = 0
      while (
        gw.source.timeOf(gw.next) <= now &&
        sent < MAX_PACKS_PER_TICK &&
        gw.outlet.inflight() < MAX_INFLIGHT_PER_GATEWAY
      ) {
        const sample = gw.source.next()
        gw.next++
        sent++
        if (sample.powered !== gw.powered) {
          gw.powered = sample.powered
          gw.outlet.setPowered(sample.powered)
        }
        if (sample.powered) gw.outlet.send(sample)
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
      ? setInterval(() => {
          const down = running.filter((g) => !g.powered).length
          log.info(
            { published: acked, simulatedTime: new Date(simNow()), ...(down > 0 ? { powerCut: down } : {}) },
            'simulator',
          )
        }, progressMs)
      : undefined

  let stopping: Promise<void> | undefined
  return {
    published: () => acked,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer)
        if (progress) clearInterval(progress)
        await Promise.all(running.map((gw) => gw.outlet.close()))
        log.info({ published: acked }, 'simulator stopped')
      })()
      return stopping
    },
  }
}
