// Threshold presets by water use (contracts/src/thresholds.ts), open to everyone: a cooperative choosing a
// preset, a consumer reading which standard a pond is held to. Unconfirmed values are marked as such.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  METRICS,
  PRESET_IDS,
  Preset,
  THRESHOLD_PRESETS,
  type ThresholdLimit,
  thresholdTextVi,
  withVietnamese,
} from '@zonetrace/contracts'
import { readErrors } from '../../schemas/common.ts'

const PRESETS: Preset[] = PRESET_IDS.map((id) => {
  const preset = THRESHOLD_PRESETS[id]
  const limits: readonly ThresholdLimit[] = preset.limits
  return {
    id,
    label: preset.label,
    standard: preset.standard,
    standardVi: thresholdTextVi(preset.standard),
    source: preset.source,
    limits: limits.map((l) =>
      withVietnamese({
        metric: l.metric,
        unit: METRICS[l.metric].unit,
        severity: l.severity,
        min: l.min ?? null,
        max: l.max ?? null,
        standard: l.standard,
        note: l.note ?? null,
        unconfirmed: l.unconfirmed === true,
      }),
    ),
  }
})

const presets: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/presets',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Threshold presets (QCVN standards and field practice) with their limits',
        response: {
          200: Type.Object({ presets: Type.Array(Preset) }, { description: 'Every preset' }),
          ...readErrors,
        },
      },
    },
    async () => ({ presets: PRESETS }),
  )
}

export default presets
