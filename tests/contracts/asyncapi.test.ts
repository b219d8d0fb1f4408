// docs/asyncapi.yaml is the MQTT half of the public surface: a valid AsyncAPI 3.0 document (checked by
// @asyncapi/parser), with a channel for every topic in contracts/src/topics.ts, and payload schemas that
// are the very TypeBox schemas the broker and the edge agent validate with.
import { readFileSync } from 'node:fs'
import { type AsyncAPIDocumentInterface, Parser } from '@asyncapi/parser'
import {
  ALARM_CLEAR_REASONS,
  type GatewayAlarmReportPayload,
  GatewayAlarmReportSchema,
  type GatewayStatus,
  type GatewayStatusPayload,
  type GatewayTopicKind,
  LOCAL_CONFIG_TOPIC,
  localReadingsTopic,
  parseSenmlPack,
  topics,
} from '@zonetrace/contracts'
import { schema } from '@zonetrace/db'
import { type AlarmPayload, alarmPayload } from '@zonetrace/edge-agent'
import Value from 'typebox/value'
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { ASYNCAPI_PATH, payloadSchemas, renderAsyncApi } from '../../scripts/asyncapi.ts'

const text = readFileSync(ASYNCAPI_PATH, 'utf8')
let doc: AsyncAPIDocumentInterface
let diagnostics: { severity: number; code: string | number; message: string; path: (string | number)[] }[]

beforeAll(async () => {
  const parsed = await new Parser().parse(text)
  diagnostics = parsed.diagnostics
  if (!parsed.document) throw new Error(JSON.stringify(parsed.diagnostics, null, 2))
  doc = parsed.document
})

/** The parser's annotations (x-parser-schema-id …) removed: what the file itself says. */
function withoutParserKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParserKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('x-parser-'))
      .map(([key, v]) => [key, withoutParserKeys(v)]),
  )
}

describe('docs/asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3.0 document: no errors or warnings from @asyncapi/parser', () => {
    expect(doc.version()).toBe('3.0.0')
    // Severity 0 is an error, 1 a warning; 2 and 3 are hints (such as "3.1.0 exists").
    expect(diagnostics.filter((d) => d.severity <= 1)).toEqual([])
  })

  it('holds exactly the payload schemas scripts/asyncapi.ts writes (run it after changing a schema)', () => {
    expect(renderAsyncApi(text)).toBe(text)
  })

  it('reads back, once parsed, as the TypeBox schemas the broker and the agent validate with', () => {
    const schemas = (doc.json() as { components: { schemas: Record<string, unknown> } }).components.schemas
    expect(withoutParserKeys(schemas)).toEqual(payloadSchemas())
  })

  it('has a channel for every gateway topic and every LAN topic, at the address topics.ts builds', () => {
    const addresses = doc
      .channels()
      .all()
      .map((c) => c.address())
    const kinds = Object.keys(topics) as GatewayTopicKind[]
    expect(kinds.sort()).toEqual(['alarms', 'command', 'config', 'readings', 'status'])
    const expected = [
      ...kinds.map((kind) => topics[kind]('{gatewayId}')),
      localReadingsTopic('{nodeId}'),
      LOCAL_CONFIG_TOPIC,
    ]
    expect([...addresses].sort()).toEqual([...expected].sort())
  })

  it('has one operation per channel, send for what the gateway publishes and receive for the rest', () => {
    const actions = Object.fromEntries(
      doc
        .operations()
        .all()
        .map((op) => [op.channels().all()[0]?.address(), op.action()]),
    )
    expect(actions).toEqual({
      [topics.readings('{gatewayId}')]: 'send',
      [topics.status('{gatewayId}')]: 'send',
      [topics.alarms('{gatewayId}')]: 'send',
      [topics.config('{gatewayId}')]: 'receive',
      [topics.command('{gatewayId}')]: 'receive',
      [localReadingsTopic('{nodeId}')]: 'receive',
      [LOCAL_CONFIG_TOPIC]: 'send',
    })
  })

  it('asks every gateway for a username and password on the platform servers', () => {
    for (const id of ['platform', 'platformWebSocket']) {
      const server = doc.servers().get(id)
      const schemes = server?.security().flatMap((req) => req.all().map((r) => r.scheme().type()))
      expect(schemes, id).toEqual(['userPassword'])
    }
  })

  it('gives examples that the code accepts as they are', () => {
    const examples = doc
      .components()
      .messages()
      .all()
      .flatMap((m) =>
        m
          .examples()
          .all()
          .map((e) => ({ message: m.id(), payload: e.payload() })),
      )
    const schemas = payloadSchemas()
    const schemaOf: Record<string, string> = {
      senmlPack: 'SenmlPack',
      gatewayStatus: 'GatewayStatus',
      alarmReport: 'GatewayAlarmReport',
      gatewayConfig: 'GatewayConfig',
      localNodeSettings: 'LocalNodeSettings',
    }
    expect(examples.length).toBeGreaterThanOrEqual(5)
    for (const { message, payload } of examples) {
      const schema = schemas[schemaOf[message]!] as Parameters<typeof Value.Check>[0]
      expect(Value.Check(schema, payload), message).toBe(true)
    }
    const pack = examples.find((e) => e.message === 'senmlPack')!.payload
    expect(parseSenmlPack(JSON.stringify(pack))).toMatchObject({ ok: true, rejected: [] })
  })
})

describe('the MQTT payload schemas in contracts/src/mqtt-schemas.ts', () => {
  it('accept the alarm reports the edge agent encodes, raised and cleared', () => {
    expectTypeOf<AlarmPayload>().toEqualTypeOf<GatewayAlarmReportPayload>()
    const event = {
      ruleId: 'do-low',
      sensorId: 's-0001',
      metric: 'dissolved_oxygen',
      value: 2.8,
      threshold: 3,
      severity: 'critical',
      time: Date.UTC(2025, 10, 29, 2, 10),
      label: { vi: 'Oxy hòa tan thấp', en: 'Low dissolved oxygen' },
    } as const
    const raised = alarmPayload({ ...event, kind: 'raised' })
    const cleared = alarmPayload({ ...event, kind: 'cleared', value: 3.4, reason: 'recovered' })
    expect(Value.Check(GatewayAlarmReportSchema, raised)).toBe(true)
    expect(Value.Check(GatewayAlarmReportSchema, cleared)).toBe(true)
    expect(Value.Check(GatewayAlarmReportSchema, { ...raised, reason: 'recovered' })).toBe(false)
  })

  it('type the status gateways and the broker announce', () => {
    expectTypeOf<GatewayStatus>().toExtend<GatewayStatusPayload>()
  })

  it('give the gateway_alarms table its clear reasons', () => {
    expect(schema.gatewayAlarms.reason.enumValues).toEqual([...ALARM_CLEAR_REASONS])
  })
})
