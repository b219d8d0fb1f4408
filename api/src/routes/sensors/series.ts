import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { isMetric, METRIC_NAMES, roundForMetric, type Sensor, SensorSeries } from '@zonetrace/contracts'
import { findSensor, found, NotFoundError, readSeries } from '@zonetrace/db'
import { formatDuration } from '../../duration.ts'
import { HttpError } from '../../errors.ts'
import { Id, refusals } from '../../schemas/common.ts'
import { resolveWindow } from './window.ts'

const Query = Type.Object({
  metric: Type.Optional(
    Type.String({ maxLength: 64, description: 'Required when the sensor reports more than one metric' }),
  ),
  from: Type.Optional(
    Type.String({ format: 'date-time', description: 'Start, inclusive; default: 24 h before to' }),
  ),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'End, exclusive; default: now' })),
  bucket: Type.Optional(
    Type.String({
      maxLength: 32,
      description:
        'Bucket size: 30s, 5m, 1h, 1d or whole seconds (at least 1 s, at most 10000 buckets); ' +
        'default: about 300 points. Buckets are aligned on Vietnamese midnight (UTC+7): 1d is a ' +
        'Vietnamese calendar day',
      examples: ['5m'],
    }),
  ),
})

const series: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/sensors/:sensorId/series',
    {
      schema: {
        tags: ['readings'],
        summary: 'Time-bucketed aggregates of one sensor channel (good-quality readings only)',
        params: Type.Object({ sensorId: Id('Sensor id') }),
        querystring: Query,
        response: { 200: SensorSeries, ...refusals(400, 401, 404, 500) },
      },
    },
    async (request) => {
      const { sensorId } = request.params
      const window = resolveWindow(request.query, new Date())
      const db = fastify.dbFor('series')
      const channel = pickChannel(sensorId, await findSensor(db, sensorId), request.query.metric)
      const { source, points } = await readSeries(db, { sensorId, metric: channel.metric, ...window })
      return {
        sensorId,
        metric: channel.metric,
        unit: channel.unit,
        bucket: formatDuration(window.bucketSeconds),
        bucketSeconds: window.bucketSeconds,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        source,
        points: points.map((p) => ({ ...p, t: p.t.toISOString(), avg: rounded(channel.metric, p.avg) })),
      }
    },
  )
}

function pickChannel(sensorId: string, channels: Sensor[], metric: string | undefined): Sensor {
  const names = channels.map((c) => c.metric).join(', ')
  if (channels.length === 0) throw new NotFoundError(`unknown sensor "${sensorId}"`)
  if (metric === undefined) {
    if (channels.length === 1) return channels[0]!
    throw new HttpError(
      400,
      `sensor "${sensorId}" reports several metrics (${names}): choose one with ?metric=`,
    )
  }
  if (!isMetric(metric)) {
    throw new HttpError(400, `unknown metric "${metric}"; metrics are ${METRIC_NAMES.join(', ')}`)
  }
  const channel = channels.find((c) => c.metric === metric)
  return found(channel, `sensor "${sensorId}" has no metric "${metric}"; it reports ${names}`)
}

export default series

/** A bucket's mean to the metric's own precision; a channel of a metric no longer known is left as is. */
function rounded(metric: string, avg: number): number {
  return isMetric(metric) ? roundForMetric(metric, avg) : avg
}
