// A lot's free-text note (issue 14): the one field added through contracts/src/resources/lot.ts, the column
// list, migration 0009 and the routes. The cooperative's own remark: never on what a shopper scans.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { issueLabels, lotBody, pathOf, startTraceHarness } from './trace-harness.ts'

const api = sharedFixture(startTraceHarness)

const lot = (over: Record<string, unknown> = {}) => lotBody({ id: 'DS2612N', quantity: 100, ...over })

const patch = (lotId: string, payload: unknown, headers = api.vicosap) =>
  api.app.inject({ method: 'PATCH', url: `/api/v1/lots/${lotId}`, headers, payload: payload as object })

describe("a lot's note", () => {
  it('is taken on POST, returned by GET one, GET all and PATCH, and cleared with null', async () => {
    const made = await api.post('/api/v1/lots', api.vicosap, lot({ note: 'Hái sau mưa;\nphân loại lại' }))
    expect(made.statusCode).toBe(201)
    expect(made.json().note).toBe('Hái sau mưa;\nphân loại lại')
    const one = await api.app.inject({ url: '/api/v1/lots/DS2612N', headers: api.vicosap })
    expect(one.json().note).toBe('Hái sau mưa;\nphân loại lại')

    const changed = await patch('DS2612N', { note: 'Đã phân loại' })
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ id: 'DS2612N', note: 'Đã phân loại', quantity: 100 })
    const all = await api.app.inject({ url: '/api/v1/lots', headers: api.officer })
    expect(all.json().lots.find((l: { id: string }) => l.id === 'DS2612N').note).toBe('Đã phân loại')

    expect((await patch('DS2612N', { note: null })).json().note).toBeNull()
  })

  it('is null for a lot registered without one', async () => {
    const old = await api.app.inject({ url: '/api/v1/lots/DS2610A', headers: api.vicosap })
    expect(old.json().note).toBeNull()
  })

  it('refuses a note too long, with control characters, or a patch without one with 400', async () => {
    const tooLong = await patch('DS2612N', { note: 'x'.repeat(501) })
    expect(tooLong.statusCode).toBe(400)
    expect((await patch('DS2612N', { note: 'ầ'.repeat(500) })).statusCode).toBe(200)
    expect((await patch('DS2612N', { note: 'bell\u0007' })).statusCode).toBe(400)
    expect((await patch('DS2612N', { quantity: 5 })).statusCode).toBe(400)
    const post = await api.post('/api/v1/lots', api.vicosap, lot({ id: 'DS2612M', note: 'x'.repeat(501) }))
    expect(post.statusCode).toBe(400)
  })

  it("answers a foreign cooperative's or a missing lot with 404 and no token with 401", async () => {
    expect((await patch('DS2612N', { note: 'x' }, api.hoaTan)).statusCode).toBe(404)
    expect((await patch('NO-SUCH-LOT', { note: 'x' })).statusCode).toBe(404)
    const anonymous = await api.app.inject({
      method: 'PATCH',
      url: '/api/v1/lots/DS2612N',
      payload: { note: 'x' },
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('is in the OpenAPI document: on the lot, on POST and on PATCH', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json()
    const path = doc.paths['/api/v1/lots/{lotId}']
    expect(Object.keys(path.patch.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '500',
    ])
    const patchBody = path.patch.requestBody.content['application/json'].schema
    expect(JSON.stringify(patchBody)).toContain('"maxLength":500')
    const postBody = doc.paths['/api/v1/lots'].post.requestBody.content['application/json'].schema
    expect(postBody.properties.note).toMatchObject({ type: 'string', maxLength: 500 })
    expect(JSON.stringify(path.get.responses['200'])).toContain('"note"')
  })

  it('never reaches a shopper: the scan answer leaves it out', async () => {
    expect((await patch('DS2610A', { note: 'internal: buyer complaint' })).statusCode).toBe(200)
    const [label] = await issueLabels(api)
    const scan = await api.app.inject({ url: pathOf(label!.url), headers: { accept: 'application/json' } })
    expect(scan.statusCode).toBe(200)
    expect(scan.json().lotInfo.id).toBe('DS2610A')
    expect(scan.json().lotInfo).not.toHaveProperty('note')
    expect(scan.body).not.toContain('buyer complaint')
  })
})
