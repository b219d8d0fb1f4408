// Gateways for targets that need no provisioning: field nodes talking to the edge agent's local MQTT input,
// or one Circular 10 station. Ids are stable (node-1…N) so an agent config written once keeps matching.
import type { SimGateway, SimTarget } from '@zonetrace/firmware-sim'
import { probeChannels } from '../probes.ts'
import type { SimFleet, SimRequest } from './provision.ts'

export function localFleet(req: SimRequest, target: Exclude<SimTarget, { kind: 'broker' }>): SimFleet {
  if (target.kind === 'circular10') {
    const station: SimGateway = { gatewayId: target.station, sensors: probeChannels(target.station, 1) }
    return { gateways: [station], kind: undefined, source: `station ${target.station}` }
  }
  const gateways = Array.from({ length: req.gateways }, (_, i) => {
    const id = `node-${i + 1}`
    return { gatewayId: id, sensors: probeChannels(id, req.probes) }
  })
  return { gateways, kind: undefined, source: 'local nodes node-1…' }
}
