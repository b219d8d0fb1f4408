// Opens the outlet of one simulated gateway for the run's target, after checking the run fits the target.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { circular10Name } from './circular10/format.ts'
import { openCircular10Outlet } from './circular10/writer.ts'
import { brokerLinkOptions, connectMqttOutlet } from './gateway-link.ts'
import type { SimLogger } from './logger.ts'
import { localReadingsTopic, type Outlet, type SimTarget } from './outlet.ts'

/** A gateway to simulate: credentials are needed only by the broker target. */
export type SimGateway = Pick<GatewayCredentials, 'gatewayId' | 'sensors'> & {
  username?: string | undefined
  password?: string | undefined
}

interface OutletContext {
  logger: SimLogger
  connectTimeoutMs: number
  onAcked: () => void
}

/** Throws a RangeError naming what does not fit; nothing is opened. */
export function checkTarget(target: SimTarget, gateways: readonly SimGateway[]): void {
  if (target.kind === 'broker') {
    const bare = gateways.find((g) => !g.password)
    if (bare)
      throw new RangeError(`gateway ${bare.gatewayId} has no password; the broker target needs credentials`)
  }
  if (target.kind === 'circular10') {
    // One logger, one file per interval: two gateways or two probes would write the same parameter twice.
    if (gateways.length !== 1) throw new RangeError('the circular10 target simulates exactly one station')
    const metrics = gateways[0]!.sensors.map((s) => s.metric)
    if (new Set(metrics).size !== metrics.length)
      throw new RangeError('a circular10 station has one probe: each parameter once')
    if (!metrics.some((m) => circular10Name(m) !== undefined))
      throw new RangeError('none of the station channels has a Circular 10 parameter name')
  }
}

export function openOutlet(target: SimTarget, gateway: SimGateway, ctx: OutletContext): Promise<Outlet> {
  const common = { logger: ctx.logger, connectTimeoutMs: ctx.connectTimeoutMs, onAcked: ctx.onAcked }
  switch (target.kind) {
    case 'broker':
      return connectMqttOutlet({ url: target.url, ...brokerLinkOptions(gateway), ...common })
    case 'agent-mqtt':
      return connectMqttOutlet({
        url: target.url,
        clientId: gateway.gatewayId,
        username: target.username,
        password: target.password,
        readingsTopic: localReadingsTopic(gateway.gatewayId),
        label: `node ${gateway.gatewayId}`,
        ...common,
      })
    case 'circular10':
      return openCircular10Outlet({ dir: target.dir, station: target.station, ...common })
  }
}

export function describeTarget(target: SimTarget): string {
  return target.kind === 'circular10' ? `station ${target.station} in ${target.dir}` : target.url
}
