// GET /api/v1/dead-letters: officers and admins only, newest first, filters, and a 400 (never a 500) for
// every bad parameter. Payloads come back as text when they are UTF-8 and as base64 otherwise.
import { type DeadLetterEntry, insertDeadLetters } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { malformedPack } from '../helpers/dead-letter.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const T0 = Date.parse('2026-03-01T00:00:00Z')
const URL_ = '/api/v1/dead-letters'

const api = sharedFixture(startHarness)
let officer: { authorization: string }

function entry(i: number, over: Partial<DeadLetterEntry> = {}): DeadLetterEntry {
  return malformedPack(i, new Date(T0 + i * 1000), i % 2 === 0 ? 'gw-even' : 'gw-odd', over)
}

beforeAll(async () => {
  officer = await api.auth({ role: 'officer' })
  // 120 malformed packs one second apart, then three special ones later still.
  await insertDeadLetters(
    api.test.db,
    Array.from({ length: 120 }, (_, i) => entry(i)),
  )
  const cut = Buffer.from('{"note":"Độ mặn cao"}').subarray(0, 18) // ends inside "ặ"
  await insertDeadLetters(api.test.db, [
    entry(200, {
      reason: 'non_finite_value',
      detail: 'record 1: value is not a finite number',
      recordIndex: 1,
    }),
    entry(201, { payload: Buffer.from([0xff, 0x00, 0x80, 0x41]), payloadSize: 4 }),
    entry(202, { reason: 'oversized_payload', payload: cut, payloadSize: 300_000, truncated: true }),
  ])
})

const get = (query: string, headers: Record<string, string> = officer) =>
  api.app.inject({ url: `${URL_}${query}`, headers })

describe('GET /api/v1/dead-letters', () => {
  it('is for officers and admins: 401 without a token, 403 for a cooperative', async () => {
    const anonymous = await api.app.inject({ url: URL_ })
    expect(anonymous.statusCode).toBe(401)
    const cooperative = await get('', await api.auth({ role: 'cooperative', cooperativeId: 'htx-test' }))
    expect(cooperative.statusCode).toBe(403)
    expect((await get('', await api.auth({ role: 'admin' }))).statusCode).toBe(200)
    expect((await get('')).statusCode).toBe(200)
  })

  it('lists the newest 100 by default, each with every field', async () => {
    const res = await get('')
    const { deadLetters } = res.json()
    expect(deadLetters).toHaveLength(100)
    const times = deadLetters.map((d: { receivedAt: string }) => Date.parse(d.receivedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(deadLetters[0]).toEqual({
      id: expect.any(Number),
      receivedAt: new Date(T0 + 202_000).toISOString(),
      gatewayId: 'gw-even',
      topic: 'zt/v1/gw/gw-even/readings',
      reason: 'oversized_payload',
      detail: 'payload is not valid JSON',
      recordIndex: null,
      payloadSize: 300_000,
      truncated: true,
      // Cut inside a character by the 16 KiB cap: still text, without the broken tail.
      payload: '{"note":"Độ m',
      payloadEncoding: 'utf8',
    })
    expect(deadLetters[1]).toMatchObject({
      payload: '/wCAQQ==',
      payloadEncoding: 'base64',
      gatewayId: 'gw-odd',
    })
    expect(deadLetters[2]).toMatchObject({
      payload: '[{"n":"bad 200"',
      payloadEncoding: 'utf8',
      recordIndex: 1,
    })
  })

  it('filters by gateway, reason and time, and honours limit up to 1000', async () => {
    const odd = (await get('?gatewayId=gw-odd&limit=1000')).json().deadLetters
    expect(odd).toHaveLength(61)
    expect(odd.every((d: { gatewayId: string }) => d.gatewayId === 'gw-odd')).toBe(true)
    const nonFinite = (await get('?reason=non_finite_value')).json().deadLetters
    expect(nonFinite.map((d: { recordIndex: number }) => d.recordIndex)).toEqual([1])
    const since = new Date(T0 + 118_000).toISOString()
    const recent = (await get(`?since=${since}`)).json().deadLetters
    expect(recent).toHaveLength(5)
    const all = (await get('?limit=1000')).json().deadLetters
    expect(all).toHaveLength(123)
    expect(
      (await get('?gatewayId=gw-even&reason=oversized_payload&limit=1')).json().deadLetters,
    ).toHaveLength(1)
  })

  it.each([
    ['limit=0', /limit/],
    ['limit=1001', /limit/],
    ['limit=ten', /limit/],
    ['reason=bogus', /reason/],
    ['since=yesterday', /since/],
    ['since=2016-12-31T23:59:60Z', /since/],
    [`gatewayId=${'g'.repeat(65)}`, /gatewayId/],
  ])('400 for %s', async (query, message) => {
    const res = await get(`?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(message)
  })
})
