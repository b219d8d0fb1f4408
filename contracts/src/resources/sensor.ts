// A sensor channel (one probe, one metric), once: the row of GET /sensors and the series of one channel.
import { type Static, Type } from 'typebox'
import { DateTime } from './common.ts'

export const Sensor = Type.Object({
  sensorId: Type.String(),
  gatewayId: Type.String(),
  metric: Type.String(),
  unit: Type.String(),
  zone: Type.String(),
})
export type Sensor = Static<typeof Sensor>

export const SeriesSource = Type.Union([Type.Literal('raw'), Type.Literal('hourly'), Type.Literal('daily')], {
  description:
    'What answered: the readings, or the hourly or daily rollup (bucket a whole number of hours or ' +
    'days); the cut ends of the window always come from the readings, so the numbers are the same',
})
export type SeriesSource = Static<typeof SeriesSource>

/** GET /sensors/{sensorId}/series: time-bucketed aggregates of good-quality readings. */
export const SensorSeries = Type.Object({
  sensorId: Type.String(),
  metric: Type.String(),
  unit: Type.String(),
  bucket: Type.String({ examples: ['5m'] }),
  bucketSeconds: Type.Integer(),
  from: DateTime,
  to: DateTime,
  source: SeriesSource,
  points: Type.Array(
    Type.Object({
      t: Type.String({ format: 'date-time', description: 'Bucket start' }),
      avg: Type.Number(),
      min: Type.Number(),
      max: Type.Number(),
      count: Type.Integer({ description: 'Good-quality readings in the bucket' }),
    }),
  ),
})
export type SensorSeries = Static<typeof SensorSeries>
