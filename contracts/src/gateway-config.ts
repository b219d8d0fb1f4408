// The config the platform may push to a gateway on its retained topic zt/v1/gw/{id}/config: the edge agent
// applies it (edge-agent/src/config/remote.ts) and PUT /api/v1/gateways/{id}/config checks against the same
// schema, so the API refuses what the agent would ignore. The agent's own config file reuses the rule schema.
import Type, { type Static } from 'typebox'
import { SAMPLING_SECONDS_RANGE } from './mqtt-schemas.ts'
import { SEVERITIES } from './thresholds.ts'

// Literals rather than an enum: docs/asyncapi.yaml shows this schema as it has always been written.
const Severity = Type.Union(SEVERITIES.map((s) => Type.Literal(s)))

export const AlarmRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    metric: Type.String(),
    sensorId: Type.Optional(Type.String()),
    below: Type.Optional(Type.Number()),
    above: Type.Optional(Type.Number()),
    severity: Severity,
    forSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    clearMargin: Type.Optional(Type.Number({ minimum: 0 })),
    label: Type.Optional(Type.Object({ vi: Type.String(), en: Type.String() })),
  },
  { additionalProperties: false },
)

/** What the platform may push on the retained config topic; applied live and kept on disk. */
export const RemoteConfigSchema = Type.Object(
  {
    /** Asked of the LAN nodes through the agent's local broker (retained zt/v1/local/config). */
    samplingSeconds: Type.Optional(Type.Number({ ...SAMPLING_SECONDS_RANGE })),
    alarmRules: Type.Optional(Type.Array(AlarmRuleSchema)),
  },
  { additionalProperties: true },
)

export type RemoteConfig = Static<typeof RemoteConfigSchema>
