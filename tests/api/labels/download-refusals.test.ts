// Label downloads refused: every bad request is a clear 4xx, never a 5xx, and a batch is only served under its
// own lot to those who may see the lot; once its key is revoked it is gone (410). Also how the OpenAPI
// document describes the downloads.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../../helpers/fixture.ts'
import { startTraceHarness } from '../../trace/trace-harness.ts'

interface Issued {
  batchId: string
  kid: string
  downloads: { pdf: string; svg: string; zip: string; csv: string }
}

const api = sharedFixture(startTraceHarness)
let batch: Issued

async function issue(count: number, lot = 'DS2610A', who = api.vicosap): Promise<Issued> {
  const res = await api.app.inject({
    method: 'POST',
    url: `/api/v1/lots/${lot}/labels`,
    headers: who,
    payload: { count },
  })
  expect(res.statusCode).toBe(201)
  return res.json()
}

async function get(url: string, who: { authorization: string } | Record<string, never> = api.vicosap) {
  return api.app.inject({ method: 'GET', url, headers: who })
}

beforeAll(async () => {
  batch = await issue(3)
})

describe('the OpenAPI document', () => {
  it('documents each download with its media type, as binary, and JSON refusals', async () => {
    const doc = (await get('/openapi.json', {})).json()
    const base = '/api/v1/lots/{lotId}/labels/batches/{batchId}'
    const types = {
      'labels.pdf': 'application/pdf',
      'sheet.svg': 'image/svg+xml',
      'labels.zip': 'application/zip',
    }
    for (const [file, type] of Object.entries(types)) {
      const op = doc.paths[`${base}/${file}`].get
      expect(op.tags).toEqual(['traceability'])
      expect(op.summary).toBeTruthy()
      expect(op.responses['200'].content).toEqual({
        [type]: { schema: { type: 'string', format: 'binary' } },
      })
      expect(Object.keys(op.responses['410'].content)).toEqual(['application/json'])
    }
    expect(Object.keys(doc.paths[`${base}/labels.csv`].get.responses['200'].content)).toEqual(['text/csv'])
    const issue =
      doc.paths['/api/v1/lots/{lotId}/labels'].post.responses['201'].content['application/json'].schema
    expect(issue.required).toEqual(
      expect.arrayContaining(['batchId', 'lotId', 'gtin', 'labels', 'downloads']),
    )
  })
})

describe('refusals', () => {
  const path = (lot: string, id: string, file = 'labels.pdf') =>
    `/api/v1/lots/${lot}/labels/batches/${id}/${file}`

  it('answers 4xx with a clear message for every bad request, never a 5xx', async () => {
    const cases: [string, { authorization: string } | Record<string, never>, number, RegExp][] = [
      [path('DS2610A', randomUUID()), api.vicosap, 404, /label batch .* of lot DS2610A not found/],
      [path('DS2610A', 'not-a-uuid'), api.vicosap, 400, /batchId must match format "uuid"/],
      [path('DS2610A', batch.batchId), api.hoaTan, 404, /lot DS2610A not found/],
      [path('DS2610A', batch.batchId, 'labels.zip'), {}, 401, /./],
      [`${path('DS2610A', batch.batchId)}?layout=a4-5x9`, api.vicosap, 400, /a4-5x9.*refused.*0\.33 mm/],
      [`${path('DS2610A', batch.batchId)}?layout=a5-2x2`, api.vicosap, 400, /layout/],
      [`${path('DS2610A', batch.batchId)}?layout=roll-20`, api.vicosap, 400, /roll-20.*refused/],
      [`${path('DS2610A', batch.batchId)}?layout=roll-200`, api.vicosap, 400, /wider than 120 mm/],
      [`${path('DS2610A', batch.batchId)}?lang=fr`, api.vicosap, 400, /lang/],
      [path('NO-SUCH-LOT', batch.batchId, 'labels.csv'), api.officer, 404, /lot NO-SUCH-LOT not found/],
    ]
    for (const [url, who, status, message] of cases) {
      const res = await get(url, who)
      expect({ url, status: res.statusCode }).toEqual({ url, status })
      expect(res.json().message ?? res.json().error).toMatch(message)
    }
  })

  it('does not serve a batch under another lot, even to an officer', async () => {
    const theirs = await issue(1, 'HT2610A', api.hoaTan)
    expect((await get(theirs.downloads.csv, api.hoaTan)).statusCode).toBe(200)
    const res = await get(path('DS2610A', theirs.batchId, 'labels.csv'), api.officer)
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe(`label batch ${theirs.batchId} of lot DS2610A not found`)
    expect((await get(theirs.downloads.zip, api.vicosap)).statusCode).toBe(404)
  })

  it('answers 410 once the batch’s key is revoked, and keeps serials from before batches out', async () => {
    await api.test.db.query(
      `insert into label_serials (serial, lot_id, kid) values ('OLDSERIAL0001', 'DS2610A', $1)`,
      [batch.kid],
    )
    const listed = (await get('/api/v1/lots/DS2610A/labels/batches')).json().batches as { count: number }[]
    expect(listed.reduce((n, b) => n + b.count, 0)).toBe(3)
    await api.app.labelKeys.revoke(batch.kid)
    const res = await get(batch.downloads.pdf)
    expect(res.statusCode).toBe(410)
    expect(res.json().message).toMatch(new RegExp(`signing key ${batch.kid} was revoked.*issue a new batch`))
  })
})
