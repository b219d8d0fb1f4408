// A field gateway, once: the row of GET /gateways, the body that provisions one (answered with
// GatewayCredentials, contracts/src/provisioning.ts), the one that moves it, and its stored reading count. Routes validate and
// document with these, repositories return them, browser code imports them.
import { type Static, Type } from 'typebox'
import { METRIC_NAMES } from '../metrics.ts'
import { DateTime, Id, Nullable, NullableDateTime, ZoneCode } from './common.ts'

/**
 * Where a gateway stands. The schema bounds the numbers; the registry also requires the Mekong Delta
 * (contracts/src/geo/point-check.ts) and answers 400 with the reason otherwise.
 */
export const GatewayPosition = Type.Object(
  {
    type: Type.Literal('Point'),
    coordinates: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 2,
      description: '[longitude, latitude]: longitude first, as GeoJSON has it',
    }),
  },
  {
    description: 'GeoJSON Point, WGS 84, inside the Mekong Delta; published on the open-data stations layer',
  },
)
export type GatewayPosition = Static<typeof GatewayPosition>

export const Gateway = Type.Object({
  id: Type.String(),
  zone: Type.String(),
  online: Type.Boolean({
    description: 'Holds an MQTT connection to the broker (updated within a few seconds of a change)',
  }),
  lastSeenAt: NullableDateTime,
  status: Nullable(Type.Object({}, { additionalProperties: true }), {
    description: 'The last status object the gateway published, e.g. {"state":"online","spool":0}',
  }),
  createdAt: DateTime,
  sensorCount: Type.Integer({ description: 'Sensor channels (one per sensor and metric)' }),
  position: Nullable(GatewayPosition, {
    description: 'Where the gateway stands; null when nobody recorded it',
  }),
})
export type Gateway = Static<typeof Gateway>

const ChannelBody = Type.Object({ sensorId: Id('Sensor id'), metric: Type.String({ maxLength: 64 }) })

/** POST /gateways: provision a gateway and its sensors. */
export const GatewayBody = Type.Object({
  id: Id('Gateway id: letters, digits, ".", "_" or "-"; also its MQTT username'),
  zone: ZoneCode,
  sensors: Type.Optional(
    Type.Array(Type.Union([Type.String({ maxLength: 64 }), ChannelBody]), {
      maxItems: 256,
      description:
        `Metric names for one probe named "{id}-s1", or explicit {sensorId, metric} channels. ` +
        `Metrics: ${METRIC_NAMES.join(', ')}`,
    }),
  ),
  position: Type.Optional(GatewayPosition),
})
export type GatewayBody = Static<typeof GatewayBody>

/** PATCH /gateways/{gatewayId}: what can change after provisioning; null forgets the position. */
export const GatewayPatch = Type.Object({ position: Nullable(GatewayPosition) })
export type GatewayPatch = Static<typeof GatewayPatch>

const Counts = {
  readings: Type.Integer({ minimum: 0, description: 'Stored readings, whatever their quality flag' }),
  flagged: Type.Integer({
    minimum: 0,
    description: 'Of those, readings stored with a quality flag (zq other than 0)',
  }),
}

export const ChannelReadingCount = Type.Object({ sensorId: Type.String(), metric: Type.String(), ...Counts })
export type ChannelReadingCount = Static<typeof ChannelReadingCount>

/** GET /gateways/{gatewayId}/readings/count: what an outside check compares with what the gateway sent. */
export const GatewayReadingCount = Type.Object({
  gatewayId: Type.String(),
  from: DateTime,
  to: DateTime,
  ...Counts,
  bySensor: Type.Array(ChannelReadingCount, {
    description: 'One entry per channel provisioned on the gateway, in sensor and metric order; 0 when none',
  }),
})
export type GatewayReadingCount = Static<typeof GatewayReadingCount>
