// Property-based fuzzing of every route the running app documents in its own OpenAPI document: each
// parameter and body field gets generated values, plausible and hostile mixed, with no token, a bad one
// and each role's. Whatever a client sends, the answer is never a 5xx and never shows a stack trace.
// FUZZ_RUNS (runs per route and role) and FUZZ_SEED reproduce or widen a run locally.
import { provisionGateway } from '@zonetrace/db'
import fc from 'fast-check'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { issueLabels, pathOf, startTraceHarness, type TraceHarness } from '../trace/trace-harness.ts'
import { hostile, hostileText, type JsonSchema, type KnownValues, valueFor } from './fuzz/arbitraries.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const SEED = Number(process.env.FUZZ_SEED ?? 20261206)

// The alert stream never ends by design; tests/notify/stream.test.ts drives it with a real socket.
const SKIPPED = new Set(['GET /api/v1/alerts/stream'])

interface Operation {
  method: string
  path: string
  parameters: { name: string; in: string; required?: boolean; schema?: JsonSchema }[]
  body: JsonSchema | undefined
}

let harness: TraceHarness
let doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: { schemas?: Record<string, JsonSchema> }
}
let known: KnownValues
let roles: Record<string, Record<string, string>>
const operations: Operation[] = []

const resolver = {
  deref(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref
    if (typeof ref !== 'string') return schema
    const name = ref.split('/').pop() ?? ''
    return doc.components?.schemas?.[name] ?? {}
  },
}

beforeAll(async () => {
  harness = await startTraceHarness({ RESOLVER_RATE_LIMIT: '1000000' })
  const gw = await provisionGateway(harness.test.db, {
    id: 'gw-fuzz',
    zone: 'VN-TEST-NGOCHO',
    sensors: ['salinity'],
  })
  const label = new URL((await issueLabels(harness, 2))[0]!.url)
  // A real batch, so the download routes are reached past their lookups, not only refused.
  const batch = await harness.app.inject({
    method: 'POST',
    url: '/api/v1/lots/DS2610A/labels',
    headers: harness.vicosap,
    payload: { count: 2 },
  })
  known = {
    lotId: ['DS2610A', 'HT2610A'],
    lot: ['DS2610A'],
    id: ['DS2610A', '1', 'gw-fuzz'],
    code: ['VN-TEST-NGOCHO', 'VN-TEST-HOATAN'],
    areaCode: ['VN-TEST-NGOCHO'],
    areaCodes: ['VN-TEST-NGOCHO'],
    zone: ['VN-TEST-NGOCHO'],
    productId: ['dua-sap-soi'],
    cooperativeId: ['vicosap', 'htx-hoa-tan'],
    gtin: ['08930000000019', '8930000000019'],
    serial: [label.pathname.split('/').pop() ?? ''],
    s: [label.searchParams.get('s') ?? ''],
    k: [label.searchParams.get('k') ?? ''],
    sensorId: [gw.sensors[0]?.sensorId ?? 'gw-fuzz-s1'],
    gatewayId: ['gw-fuzz'],
    metric: ['salinity', 'ph', 'dissolved_oxygen'],
    name: ['retention', 'rollups', 'compliance'],
    batchId: [batch.json().batchId],
  }
  roles = {
    public: {},
    badToken: { authorization: 'Bearer not-a-token' },
    admin: await harness.auth({ role: 'admin' }),
    officer: harness.officer,
    cooperative: harness.vicosap,
  }
  const served = await harness.app.inject({ url: '/openapi.json' })
  doc = served.json()
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (SKIPPED.has(`${method.toUpperCase()} ${path}`)) continue
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Operation['parameters'] | undefined) ?? [],
        body: content?.['application/json']?.schema,
      })
    }
  }
  // Printed so a failure in CI can be replayed: FUZZ_SEED=… FUZZ_RUNS=… npx vitest run this file.
  console.log(
    `openapi fuzz (${backendName}): seed=${SEED} runs=${RUNS} per route and role, ${operations.length} routes, ${Object.keys(roles).length} roles`,
  )
})
afterAll(() => harness?.close())

interface FuzzRequest {
  url: string
  method: NonNullable<InjectOptions['method']>
  headers: Record<string, string>
  payload?: string
}

function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query')
  const paramArbs = params.map((p) =>
    fc.option(valueFor(p.schema ?? {}, p.name, known, resolver), {
      freq: p.in === 'path' || p.required ? 20 : 3,
    }),
  )
  const bodyArb = op.body
    ? fc.oneof(
        {
          weight: 6,
          arbitrary: valueFor(op.body, 'body', known, resolver).map((v) => JSON.stringify(v) ?? 'null'),
        },
        { weight: 1, arbitrary: hostile.map((v) => JSON.stringify(v) ?? 'null') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '{"a":',
            '\u0000',
            '"\\u0000"',
            `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
            '{"__proto__":{"x":1}}',
            deepJson(5000),
          ),
        },
      )
    : fc.constant(undefined)
  return fc
    .tuple(fc.tuple(...paramArbs), bodyArb, fc.constantFrom(...Object.keys(roles)))
    .map(([values, payload, role]) => {
      let path = op.path
      const query = new URLSearchParams()
      params.forEach((p, i) => {
        const v = values[i]
        if (p.in === 'path') {
          path = path.replace(`{${p.name}}`, encodeSegment(text(v ?? 'x')))
        } else if (v !== null && v !== undefined) {
          query.append(p.name, text(v))
        }
      })
      const qs = query.toString()
      const headers: Record<string, string> = { accept: 'application/json', ...roles[role] }
      if (payload !== undefined) headers['content-type'] = 'application/json'
      return {
        url: qs ? `${path}?${qs}` : path,
        method: op.method as FuzzRequest['method'],
        headers,
        ...(payload !== undefined ? { payload } : {}),
      }
    })
}

function deepJson(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`
}

/** Like encodeURIComponent, but an unpaired surrogate goes out as its replacement character's bytes. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    return [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))
}

const STACK = /\n\s+at .+[:(]\d+:\d+|node_modules|\.ts:\d+/

describe('the OpenAPI document, fuzzed', () => {
  it('lists the routes it is about to fuzz', () => {
    expect(operations.length).toBeGreaterThan(40)
  })

  // Every route times every role: minutes on a busy two-core machine, so its own generous timeout.
  it('never answers a 5xx or a stack trace, on any route, with any token', { timeout: 300_000 }, async () => {
    const failures: string[] = []
    const answered: Record<string, Record<number, number>> = {}
    for (const op of operations) {
      const counts: Record<number, number> = {}
      answered[`${op.method} ${op.path}`] = counts
      await fc
        .assert(
          fc.asyncProperty(requestFor(op), async (req) => {
            const res = await harness.app.inject(req)
            counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1
            if (process.env.FUZZ_VERBOSE === '2' && res.statusCode === 400)
              console.log(req.method, req.url.slice(0, 80), res.body.slice(0, 160))
            const body = res.body.slice(0, 2000)
            if (res.statusCode >= 500 || STACK.test(body)) {
              failures.push(
                `${req.method} ${req.url.slice(0, 200)} → ${res.statusCode} ${body.slice(0, 200)}`,
              )
              return false
            }
            return true
          }),
          { seed: SEED, numRuns: RUNS * Object.keys(roles).length, endOnFailure: true },
        )
        .catch((err: unknown) => {
          if (!failures.length || !String(err).includes(failures.at(-1)?.slice(0, 20) ?? ''))
            failures.push(`${op.method} ${op.path}: ${String(err).slice(0, 300)}`)
        })
    }
    if (process.env.FUZZ_VERBOSE) console.log(answered)
    expect(failures).toEqual([])
    // Not vacuous: most routes were reached past validation at least once.
    const reached = Object.values(answered).filter((c) => Object.keys(c).some((s) => Number(s) < 300))
    expect(reached.length).toBeGreaterThan(operations.length * 0.5)
  })

  it('answers the consumer form posts, with and without script, without a 5xx', async () => {
    const serial = known.serial?.[0] ?? ''
    const base = pathOf(`http://x/01/08930000000019/10/DS2610A/21/${serial}`)
    await fc.assert(
      fc.asyncProperty(hostileText, fc.integer({ min: -2, max: 9 }), async (comment, rating) => {
        const form = new URLSearchParams({ rating: String(rating), comment: comment.slice(0, 20_000) })
        const res = await harness.app.inject({
          method: 'POST',
          url: `${base}/feedback?s=${known.s?.[0]}&k=${known.k?.[0]}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          payload: form.toString(),
        })
        return res.statusCode < 500 && !STACK.test(res.body)
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    )
  })
})
