// The open-data downloads: the open-data job writes CSV and GeoJSON of the three collections for the whole
// province and for each commune with a public area today; the files read back (Vietnamese intact, Excel's
// byte-order mark, formula-like text defused), match the data's counts, leave the private area out, and are
// served with validators (304), gzip or identity as the client accepts, and clear 4xx for bad names.
import { gunzipSync } from 'node:zlib'
import { listOpenDownloads } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../helpers/csv.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { PRIVATE_AREA, PUBLIC_AREAS, startOpenWorld } from './open-world.ts'

const [COCONUT, SHRIMP] = PUBLIC_AREAS
/**
 * Registered under pre-2025 codes: the coconut area (and the harness's own area) under 29338, Thạnh Phú, now
 * part of 29335, Tam Ngãi; the shrimp area here under 29320, Hoà Tân, now part of 29317, An Phú Tân.
 */
const COMMUNES = ['29317', '29335']
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","Vườn dừa Ấp Đông")'
const COLLECTIONS = ['growing-areas', 'stations', 'daily-water'] as const

const world = sharedFixture(async () => {
  const w = await startOpenWorld()
  await w.test.db.query(`update growing_areas set commune_code = '29320' where code = $1`, [SHRIMP])
  await w.test.db.query('update growing_areas set name = $2 where code = $1', [COCONUT, HOSTILE_NAME])
  w.app.openData.clear()
  const run = await w.app.jobs.run('open-data')
  if (run.status !== 'ok') throw new Error(`open-data job: ${run.status} ${run.error}`)
  return Object.assign(w, { firstRun: run })
}, 120_000)

const get = (url: string, headers: Record<string, string> = {}) =>
  world.app.inject({ url, headers: { 'accept-encoding': 'identity', ...headers } })

/** Data rows of a CSV answer, as objects by header; the byte-order mark checked and removed. */
function csvRecords(body: string): Record<string, string>[] {
  expect(body.startsWith('\uFEFF')).toBe(true)
  const [header, ...rows] = parseCsv(body.slice(1))
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])))
}

/** Daily-water rows of every public area, or of one area. */
async function publicDailyRows(area?: string): Promise<number> {
  const [row] = await world.test.db.query<{ n: number }>(
    `select count(*)::int as n from compliance_daily d join growing_areas z on z.code = d.zone_code
      where z.public and ($1::text is null or z.code = $1)`,
    [area ?? null],
  )
  return row!.n
}

/** The public areas: the world's two and the harness's own, ordered by code as the files are. */
const publicAreas = () => [COCONUT, SHRIMP, world.zone].sort()

describe('the open-data job', () => {
  it('writes both formats of the three collections for the province and each commune with a public area', async () => {
    const detail = world.firstRun.detail as { files: number; communes: number; rows: Record<string, number> }
    expect(detail).toMatchObject({ files: 18, communes: 2, removed: 0 })
    expect(detail.rows).toEqual({ 'growing-areas': 3, stations: 2, 'daily-water': await publicDailyRows() })
    const names = (await listOpenDownloads(world.test.db)).map((f) => f.name)
    for (const scope of ['', ...COMMUNES.map((c) => `communes/${c}/`)]) {
      for (const c of COLLECTIONS)
        expect(names).toEqual(expect.arrayContaining([`${scope}${c}.csv`, `${scope}${c}.geojson`]))
    }
    expect(names).toHaveLength(18)
  })
})

describe('CSV files', () => {
  it('start with a byte-order mark and read back with the Vietnamese intact and formulas defused', async () => {
    const res = await get('/open/downloads/growing-areas.csv')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="zonetrace_growing-areas_\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const rows = csvRecords(res.body)
    expect(rows.map((r) => r.code)).toEqual(publicAreas())
    const coconut = rows.find((r) => r.code === COCONUT)!
    const shrimp = rows.find((r) => r.code === SHRIMP)!
    expect(coconut.name).toBe(`'${HOSTILE_NAME}`)
    expect(coconut).toMatchObject({
      communeCode: '29335',
      communeName: 'Xã Tam Ngãi',
      communeFormerName: 'Xã Thạnh Phú',
    })
    expect(shrimp).toMatchObject({
      communeCode: '29317',
      communeName: 'Xã An Phú Tân',
      communeFormerName: 'Xã Hoà Tân',
      registeredCommuneCode: '29320',
      name: 'Vùng shrimp mở',
      certifications: `vietgap VG-${SHRIMP} (2027-06-30)`,
    })
    // The area's centre: the middle of its square around 106.5, 9.6.
    expect(Number(shrimp.lon)).toBeCloseTo(106.5, 5)
    expect(Number(shrimp.lat)).toBeCloseTo(9.6, 5)
  })

  it('list stations with their sensors as text, and the daily water with a row per area, metric and day', async () => {
    const stations = csvRecords((await get('/open/downloads/stations.csv')).body)
    expect(stations.map((s) => s.id)).toEqual(['gw-open-coconut', 'gw-open-shrimp'])
    expect(stations[0]).toMatchObject({ positionSource: 'surveyed', lon: '106.301', lat: '9.901' })
    expect(stations[0]!.metrics).toBe('ph | salinity')
    expect(stations[0]!.sensors).toMatch(
      /^gw-open-coconut-\S+ ph \(pH\) \| gw-open-coconut-\S+ salinity \(\S+\)$/,
    )
    expect(stations[1]!.positionSource).toBe('area')
    const water = csvRecords((await get('/open/downloads/daily-water.csv')).body)
    expect(water).toHaveLength(await publicDailyRows())
    expect(Object.keys(water[0]!)).toEqual([
      ...['areaCode', 'communeCode', 'day', 'metric', 'unit', 'count', 'min', 'mean', 'max'],
      ...['within', 'withinShare', 'limitMin', 'limitMax', 'lon', 'lat'],
    ])
    expect(Number(water[0]!.count)).toBeGreaterThan(0)
  })
})

describe('GeoJSON files', () => {
  it('parse as FeatureCollections with the same counts as the data, outlines for areas', async () => {
    const counts = { 'growing-areas': 3, stations: 2, 'daily-water': await publicDailyRows() }
    for (const c of COLLECTIONS) {
      const res = await get(`/open/downloads/${c}.geojson`)
      expect(res.headers['content-type']).toBe('application/geo+json')
      const fc = JSON.parse(res.body)
      expect(fc.type).toBe('FeatureCollection')
      expect(fc.features).toHaveLength(counts[c])
    }
    const areas = JSON.parse((await get('/open/downloads/growing-areas.geojson')).body)
    const coconut = areas.features.find((f: { id: string }) => f.id === COCONUT)
    expect(coconut.geometry.type).toBe('Polygon')
    expect(coconut.properties.name).toBe(HOSTILE_NAME)
  })

  it("split by today's commune: each commune's files hold its own areas, together the province's", async () => {
    for (const c of COLLECTIONS) {
      const province = JSON.parse((await get(`/open/downloads/${c}.geojson`)).body).features
      const parts = []
      for (const commune of COMMUNES) {
        const res = await get(`/open/downloads/communes/${commune}/${c}.geojson`)
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-disposition']).toContain(`zonetrace_${commune}_${c}_`)
        parts.push(...JSON.parse(res.body).features)
      }
      expect(parts.map((f: { id: string }) => f.id).sort()).toEqual(
        province.map((f: { id: string }) => f.id).sort(),
      )
    }
    const shrimp = JSON.parse((await get('/open/downloads/communes/29317/growing-areas.geojson')).body)
    expect(shrimp.features.map((f: { id: string }) => f.id)).toEqual([SHRIMP])
    const water = csvRecords((await get('/open/downloads/communes/29317/daily-water.csv')).body)
    expect(water).toHaveLength(await publicDailyRows(SHRIMP))
    expect(new Set(water.map((r) => r.areaCode))).toEqual(new Set([SHRIMP]))
  })

  it('no file mentions the private area or its gateway', async () => {
    const { files } = (await get('/open/downloads?f=json')).json()
    expect(files).toHaveLength(18)
    for (const f of files) {
      const body = (await get(`/open/downloads/${f.name}`)).body
      expect(body).not.toContain(PRIVATE_AREA)
      expect(body).not.toContain('gw-priv-pomelo')
    }
  })
})

describe('serving the files', () => {
  it('answers a conditional request with 304, by ETag or by date', async () => {
    const url = '/open/downloads/stations.csv'
    const first = await get(url)
    const { etag, 'last-modified': lastModified } = first.headers as Record<string, string>
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(new Date(lastModified!).getTime()).toBeGreaterThan(Date.now() - 600_000)
    expect(first.headers['cache-control']).toBe('public, max-age=300')
    expect(first.headers.vary).toContain('accept-encoding')
    expect(first.headers.link).toBe(`<${world.config.open.licence}>; rel="license"`)

    const byTag = await get(url, { 'if-none-match': `"other", ${etag}` })
    expect(byTag.statusCode).toBe(304)
    expect(byTag.body).toBe('')
    expect(byTag.headers.etag).toBe(etag)
    expect((await get(url, { 'if-none-match': `W/${etag}` })).statusCode).toBe(304)
    expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200)
    expect((await get(url, { 'if-modified-since': lastModified! })).statusCode).toBe(304)
    const earlier = new Date(Date.parse(lastModified!) - 1000).toUTCString()
    expect((await get(url, { 'if-modified-since': earlier })).statusCode).toBe(200)
    // If-None-Match decides when both are sent.
    expect(
      (await get(url, { 'if-none-match': '"other"', 'if-modified-since': lastModified! })).statusCode,
    ).toBe(200)
  })

  it('sends the stored gzip to a client that accepts it, and the plain body to one that does not', async () => {
    const url = '/open/downloads/daily-water.geojson'
    const plain = await get(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(Number(plain.headers['content-length'])).toBe(plain.rawPayload.length)
    const zipped = await get(url, { 'accept-encoding': 'br, gzip;q=0.8' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(Number(zipped.headers['content-length'])).toBe(zipped.rawPayload.length)
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true)
    // Two representations, two entity tags.
    expect(zipped.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-gzip"`)
    expect(
      (await get(url, { 'accept-encoding': 'gzip;q=0, deflate' })).headers['content-encoding'],
    ).toBeUndefined()
    expect((await get(url, { 'accept-encoding': '*' })).headers['content-encoding']).toBe('gzip')
  })

  it('refuses a malformed name with 400 and an unknown one with 404, each with a message', async () => {
    const cases: [string, number, RegExp][] = [
      [
        '/open/downloads/lots.csv',
        404,
        /no download "lots.csv": files are growing-areas, stations and daily-water/,
      ],
      ['/open/downloads/growing-areas.xlsx', 404, /no download "growing-areas.xlsx"/],
      ['/open/downloads/Growing_Areas.csv', 400, /is not a download's name/],
      ['/open/downloads/growing-areas', 400, /is not a download's name/],
      ['/open/downloads/communes/29-338/stations.csv', 400, /is not a commune code/],
      ['/open/downloads/communes/99999/stations.csv', 404, /no downloads for commune 99999/],
      // 29320 was merged into 29317: files go by the code in force today.
      ['/open/downloads/communes/29320/stations.csv', 404, /not a code in force today/],
    ]
    for (const [url, status, message] of cases) {
      const res = await get(url)
      expect({ url, status: res.statusCode }).toEqual({ url, status })
      expect(res.json().message).toMatch(message)
    }
  })
})

describe('the list of files', () => {
  it('is a Vietnamese page, English with lang=en, and JSON with f=json', async () => {
    const vi = await get('/open/downloads')
    expect(vi.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(vi.headers['cache-control']).toBe('public, max-age=300')
    expect(vi.body).toContain('<html lang="vi">')
    expect(vi.body).toContain('Tải dữ liệu mở')
    expect(vi.body).toContain('Xã An Phú Tân (29317)')
    expect(vi.body).toContain('href="/open/downloads/communes/29335/daily-water.csv"')
    expect(vi.body).toContain('href="/open/catalog.jsonld"')
    const en = await get('/open/downloads?lang=en')
    expect(en.body).toContain('<html lang="en">')
    expect(en.body).toContain('Open data downloads')
    const json = (await get('/open/downloads?f=json')).json()
    expect(json).toMatchObject({
      licence: world.config.open.licence,
      communeNames: { '29317': 'Xã An Phú Tân', '29335': 'Xã Tam Ngãi' },
    })
    expect(json.files[0]).toMatchObject({
      name: 'growing-areas.csv',
      url: expect.stringMatching(/\/open\/downloads\/growing-areas\.csv$/),
      collection: 'growing-areas',
      format: 'csv',
      commune: null,
      rows: 3,
    })
    expect((await get('/open/downloads?f=xml')).statusCode).toBe(400)
  })

  it('appears in the OpenAPI document under open-data', async () => {
    const doc = (await get('/openapi.json')).json()
    for (const path of [
      '/open/downloads',
      '/open/downloads/{file}',
      '/open/downloads/communes/{commune}/{file}',
    ]) {
      expect(doc.paths[path].get.tags).toEqual(['open-data'])
    }
  })
})

describe('the next runs', () => {
  it('leave unchanged files as they were, so their ETag and Last-Modified hold', async () => {
    const before = await get('/open/downloads/daily-water.csv')
    const run = await world.app.jobs.run('open-data')
    expect(run.detail).toMatchObject({ files: 18, changed: 0, removed: 0 })
    const after = await get('/open/downloads/daily-water.csv')
    expect(after.headers.etag).toBe(before.headers.etag)
    expect(after.headers['last-modified']).toBe(before.headers['last-modified'])
  })

  it("drop a commune's files when its last public area goes private, and change the province's", async () => {
    const before = await get('/open/downloads/growing-areas.csv')
    await world.test.db.query('update growing_areas set public = false where code = $1', [SHRIMP])
    try {
      const run = await world.app.jobs.run('open-data')
      expect(run.detail).toMatchObject({ files: 12, communes: 1, removed: 6 })
      expect((await get('/open/downloads/communes/29317/growing-areas.csv')).statusCode).toBe(404)
      const after = await get('/open/downloads/growing-areas.csv')
      expect(after.headers.etag).not.toBe(before.headers.etag)
      expect(after.body).not.toContain(SHRIMP)
    } finally {
      await world.test.db.query('update growing_areas set public = true where code = $1', [SHRIMP])
    }
  })
})
