import type { Metric, SensorChannel } from '@zonetrace/contracts'

/** What the common field probe measures (RS-485 EC/salinity, pH, DO and temperature; water-dynamics.md). */
export const PROBE_METRICS: Metric[] = ['salinity', 'ph', 'dissolved_oxygen', 'temperature']

/** Channels for `probes` probes named `{gatewayId}-s1…sN`, each measuring PROBE_METRICS. */
export function probeChannels(gatewayId: string, probes: number): SensorChannel[] {
  const channels: SensorChannel[] = []
  for (let j = 1; j <= probes; j++) {
    for (const metric of PROBE_METRICS) channels.push({ sensorId: `${gatewayId}-s${j}`, metric })
  }
  return channels
}
