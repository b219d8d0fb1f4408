// Schema pieces of the preset and threshold routes (alerts, rules and webhooks are resources in contracts).
import { type TObject, type TProperties, Type } from '@fastify/type-provider-typebox'
import { MetricName, PRESET_IDS } from '@zonetrace/contracts'
import { DateTime } from './common.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {})

/** A response object with its own description in the OpenAPI document (instead of "Default Response"). */
export const described = <T extends TProperties>(schema: TObject<T>, description: string) =>
  Type.Object(schema.properties, { description })

const Limit = Type.Object({
  metric: Type.String(),
  unit: Type.String({ description: 'Canonical unit of the metric' }),
  severity: Type.String(),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  standard: Type.String({ description: 'The standard or practice the value comes from' }),
  standardVi: Type.String({ description: 'The same in Vietnamese' }),
  note: Nullable(Type.String()),
  noteVi: Nullable(Type.String(), 'The note in Vietnamese'),
  unconfirmed: Type.Boolean({ description: 'Not confirmed from the primary text of the standard' }),
})

export const Preset = Type.Object({
  id: Type.String({ description: PRESET_IDS.join(', ') }),
  label: Type.Object({ vi: Type.String(), en: Type.String() }),
  standard: Type.String(),
  standardVi: Type.String(),
  source: Type.String({ description: 'Where the values were taken from' }),
  limits: Type.Array(Limit),
})

const Source = Nullable(Type.String({ description: 'preset or override' }))

export const ZoneThresholds = Type.Object({
  zone: Type.String(),
  preset: Nullable(
    Type.Object({
      id: Type.String(),
      label: Type.Object({ vi: Type.String(), en: Type.String() }),
      standard: Type.String(),
    }),
  ),
  limits: Type.Array(
    Type.Object({
      ...Limit.properties,
      minSource: Source,
      maxSource: Source,
      ruleId: Nullable(Type.Integer(), 'The preset rule that watches this limit'),
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

export const ThresholdsBody = Type.Object({
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
