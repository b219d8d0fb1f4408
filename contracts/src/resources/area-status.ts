// A growing area as the officers' console lists and maps it: the area, who farms it, its worst open alert,
// its gateways' state and the latest value of each metric measured there.
import { type Static, Type } from 'typebox'
import { METRIC_NAMES } from '../metrics.ts'
import { SEVERITIES } from '../thresholds.ts'
import { DateTime, Nullable } from './common.ts'
import { Zone } from './zone.ts'

export const LatestReading = Type.Object({
  metric: Type.Enum(METRIC_NAMES),
  value: Type.Number(),
  time: DateTime,
})
export type LatestReading = Static<typeof LatestReading>

export const AreaStatus = Type.Object({
  zone: Zone,
  cooperativeName: Nullable(Type.String()),
  worstSeverity: Nullable(Type.Enum(SEVERITIES), {
    description: 'Of the open alerts; null when none is open',
  }),
  openAlerts: Type.Integer(),
  gatewaysOnline: Type.Integer(),
  gatewaysTotal: Type.Integer(),
  latest: Type.Array(LatestReading, { description: 'Newest reading of each metric in the last two days' }),
})
export type AreaStatus = Static<typeof AreaStatus>
