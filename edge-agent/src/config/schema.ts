// The agent's config file (`zonetrace edge-agent --config FILE`), JSON. README § Edge agent explains each
// field with an example; defaults suit a small gateway on 4G with a few probes.
import { AlarmRuleSchema, RemoteConfigSchema } from '@zonetrace/contracts'
import Type, { type Static } from 'typebox'

const Circular10Schema = Type.Object(
  {
    dir: Type.String({ minLength: 1 }),
    station: Type.Optional(Type.String()),
    sensorId: Type.Optional(Type.String()),
    /** Station parameter name → metric, e.g. {"DO": "dissolved_oxygen"}; merged over the defaults. */
    names: Type.Optional(Type.Record(Type.String(), Type.String())),
    deleteProcessed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const AgentConfigSchema = Type.Object(
  {
    gatewayId: Type.String({ minLength: 1, maxLength: 64 }),
    /** The secret from `zonetrace gateway add`, or a file holding it (preferred: keep it 0600). */
    secret: Type.Optional(Type.String({ minLength: 1 })),
    secretFile: Type.Optional(Type.String({ minLength: 1 })),
    brokerUrl: Type.String({ pattern: '^(mqtts?|wss?)://' }),
    /** Spool, last good remote config and state. */
    dataDir: Type.String({ minLength: 1 }),
    spool: Type.Optional(
      Type.Object(
        {
          maxMegabytes: Type.Optional(Type.Number({ minimum: 1 })),
          whenFull: Type.Optional(Type.Union([Type.Literal('reject_new'), Type.Literal('drop_oldest')])),
          fsync: Type.Optional(Type.Union([Type.Literal('always'), Type.Literal('interval')])),
          fsyncIntervalMs: Type.Optional(Type.Integer({ minimum: 10 })),
        },
        { additionalProperties: false },
      ),
    ),
    uplink: Type.Optional(
      Type.Object(
        {
          window: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          packReadings: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
          heartbeatSeconds: Type.Optional(Type.Number({ minimum: 1 })),
          backoffMinMs: Type.Optional(Type.Integer({ minimum: 10 })),
          backoffMaxMs: Type.Optional(Type.Integer({ minimum: 10 })),
        },
        { additionalProperties: false },
      ),
    ),
    inputs: Type.Optional(
      Type.Object(
        {
          mqtt: Type.Optional(
            Type.Object(
              {
                host: Type.Optional(Type.String()),
                port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
                username: Type.Optional(Type.String()),
                password: Type.Optional(Type.String()),
              },
              { additionalProperties: false },
            ),
          ),
          circular10: Type.Optional(Type.Array(Circular10Schema)),
        },
        { additionalProperties: false },
      ),
    ),
    alarms: Type.Optional(
      Type.Object(
        {
          /** A preset from thresholds.csv (e.g. shrimp_pond) for the default rules. */
          preset: Type.Optional(Type.String()),
          rules: Type.Optional(Type.Array(AlarmRuleSchema)),
          /** Run on every alarm event (no shell), e.g. ["/usr/local/bin/aerator", "on"]. */
          command: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
          /** Holds 1 while a critical alarm is raised, else 0 (a relay or watchdog reads it). */
          file: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    logLevel: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

export type AgentConfigFile = Static<typeof AgentConfigSchema>

export type { RemoteConfig } from '@zonetrace/contracts'
// The platform's retained config lives in contracts, where the API validates against it too.
export { RemoteConfigSchema }
