// Threshold presets and a growing area's thresholds, once: GET /presets lists the presets (contracts/src/
// thresholds.ts holds their values), GET and PUT /zones/:code/thresholds show and set what one area follows.
// The routes validate and document with these, the repository returns `ZoneThresholds`.
import { type Static, Type } from 'typebox'
import { PRESET_IDS } from '../thresholds.ts'
import { DateTime, Nullable } from './common.ts'
import { MetricName } from './rule.ts'

/** A preset's name in both languages of the platform. */
const PresetLabel = Type.Object({ vi: Type.String(), en: Type.String() })

/** One limit of a preset, its standard and note beside their Vietnamese. */
export const PresetLimit = Type.Object({
  metric: Type.String(),
  unit: Type.String({ description: 'Canonical unit of the metric' }),
  severity: Type.String(),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  standard: Type.String({ description: 'The standard or practice the value comes from' }),
  standardVi: Type.String({ description: 'The same in Vietnamese' }),
  note: Nullable(Type.String()),
  noteVi: Nullable(Type.String(), { description: 'The note in Vietnamese' }),
  unconfirmed: Type.Boolean({ description: 'Not confirmed from the primary text of the standard' }),
})
export type PresetLimit = Static<typeof PresetLimit>

/** GET /presets: one threshold preset with its limits. */
export const Preset = Type.Object({
  id: Type.String({ description: PRESET_IDS.join(', ') }),
  label: PresetLabel,
  standard: Type.String(),
  standardVi: Type.String(),
  source: Type.String({ description: 'Where the values were taken from' }),
  limits: Type.Array(PresetLimit),
})
export type Preset = Static<typeof Preset>

const ValueSource = Nullable(Type.String({ description: 'preset or override' }))

/** GET /zones/:code/thresholds: the area's preset, its overrides, and the limits in force after both. */
export const ZoneThresholds = Type.Object({
  zone: Type.String(),
  preset: Nullable(Type.Object({ id: Type.String(), label: PresetLabel, standard: Type.String() })),
  limits: Type.Array(
    Type.Object({
      ...PresetLimit.properties,
      minSource: ValueSource,
      maxSource: ValueSource,
      ruleId: Nullable(Type.Integer(), { description: 'The preset rule that watches this limit' }),
    }),
    { description: 'In force after overrides, each value with its source' },
  ),
  overrides: Type.Array(
    Type.Object({
      metric: Type.String(),
      severity: Type.String(),
      min: Nullable(Type.Number()),
      max: Nullable(Type.Number()),
      updatedBy: Nullable(Type.String()),
      updatedAt: DateTime,
    }),
  ),
})
export type ZoneThresholds = Static<typeof ZoneThresholds>

/** PUT /zones/:code/thresholds: the preset to follow and the area's own values for single limits. */
export const ZoneThresholdsBody = Type.Object({
  // Null first: with type coercion on, a string branch tried first would turn null into "".
  preset: Type.Union([Type.Null(), Type.String({ maxLength: 64 })], {
    description: `Preset id (${PRESET_IDS.join(', ')}), or null for none`,
  }),
  overrides: Type.Optional(
    Type.Array(
      Type.Object({
        metric: MetricName,
        severity: Type.Optional(
          Type.String({
            maxLength: 16,
            description: 'Needed when the preset has several limits on the metric',
          }),
        ),
        min: Type.Optional(Type.Number()),
        max: Type.Optional(Type.Number()),
      }),
      {
        maxItems: 64,
        description: 'Replace single values of the preset; the list replaces any stored before',
      },
    ),
  ),
})
export type ZoneThresholdsBody = Static<typeof ZoneThresholdsBody>
