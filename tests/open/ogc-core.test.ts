// OGC API – Features Part 1 against the standard's own rules: link relations and media types, the
// conformance declaration, numberMatched/numberReturned, bbox with 4 and 6 numbers, datetime instants and
// open intervals, keyset paging, the property filters, and 400 (never 500) for whatever a client can send.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { DAYS, PRIVATE_AREA, PUBLIC_AREAS, startOpenWorld } from './open-world.ts'

const world = sharedFixture(() => startOpenWorld(), 120_000)
const get = (url: string, headers: Record<string, string> = {}) => world.app.inject({ url, headers })
const rels = (links: { rel: string; type?: string }[]) => links.map((l) => `${l.rel} ${l.type ?? ''}`.trim())

describe('landing page, conformance, API, collections', () => {
  it('the landing page links to itself, its HTML, the OpenAPI document, conformance and the data', async () => {
    const res = await get('/ogc')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(rels(res.json().links)).toEqual(
      expect.arrayContaining([
        'self application/json',
        'alternate text/html',
        'service-desc application/vnd.oai.openapi+json;version=3.0',
        'service-doc text/html',
        'conformance application/json',
        'data application/json',
      ]),
    )
  })

  it('the root typed with a slash moves to the one address the links use', async () => {
    const res = await get('/ogc/?f=html')
    expect(res.statusCode).toBe(301)
    expect(res.headers.location).toBe('/ogc?f=html')
  })

  it('declares Core, GeoJSON, HTML and OpenAPI 3.0', async () => {
    const { conformsTo } = (await get('/ogc/conformance')).json()
    for (const c of ['core', 'geojson', 'html', 'oas30']) {
      expect(conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`)
    }
  })

  it('serves its OpenAPI 3.0 document with the OpenAPI media type, listing every collection path', async () => {
    const res = await get('/ogc/api')
    expect(res.headers['content-type']).toContain('application/vnd.oai.openapi+json;version=3.0')
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\.0\./)
    for (const id of ['growing-areas', 'stations', 'daily-water']) {
      expect(
        doc.paths[`/collections/${id}/items`].get.parameters.map((p: { name: string }) => p.name),
      ).toEqual(expect.arrayContaining(['limit', 'bbox', 'datetime']))
    }
  })

  it('lists the three collections with extents computed from the public data, in CRS84', async () => {
    const { collections } = (await get('/ogc/collections')).json()
    expect(collections.map((c: { id: string }) => c.id)).toEqual(['growing-areas', 'stations', 'daily-water'])
    const areas = collections[0]
    const [w, s, e, n] = areas.extent.spatial.bbox[0]
    // The two public squares, ±0.004° around (106.3, 9.9) and (106.5, 9.6); not the private one's.
    expect([w, s, e, n]).toEqual([106.296, 9.596, 106.504, 9.904])
    expect(areas.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
    const water = collections[2]
    const [[start, end]] = water.extent.temporal.interval
    expect(Date.parse(end) - Date.parse(start)).toBe(DAYS * 86_400_000)
    expect(rels(areas.links)).toEqual(
      expect.arrayContaining(['items application/geo+json', 'items text/html']),
    )
  })

  it('an unknown collection or feature is a 404 in the exception shape', async () => {
    expect((await get('/ogc/collections/nope')).json()).toMatchObject({ code: 'NotFound' })
    expect((await get('/ogc/collections/nope/items')).statusCode).toBe(404)
    expect((await get(`/ogc/collections/growing-areas/items/${PRIVATE_AREA}`)).statusCode).toBe(404)
    expect((await get('/ogc/collections/daily-water/items/not-an-id')).statusCode).toBe(404)
  })
})

describe('items', () => {
  it('growing areas: GeoJSON with numberMatched, numberReturned, timeStamp and links; the private area absent', async () => {
    const res = await get('/ogc/collections/growing-areas/items')
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/)
    const body = res.json()
    expect(body.type).toBe('FeatureCollection')
    const codes = body.features.map((f: { id: string }) => f.id)
    expect(codes).toEqual(expect.arrayContaining([...PUBLIC_AREAS]))
    expect(codes).not.toContain(PRIVATE_AREA)
    expect(body.numberMatched).toBe(codes.length)
    expect(body.numberReturned).toBe(codes.length)
    expect(Date.parse(body.timeStamp)).not.toBeNaN()
    expect(rels(body.links)).toEqual(
      expect.arrayContaining([
        'self application/geo+json',
        'alternate text/html',
        'collection application/json',
      ]),
    )
    const coconut = body.features.find((f: { id: string }) => f.id === PUBLIC_AREAS[0])
    expect(coconut.geometry.type).toBe('Polygon')
    expect(coconut.properties).toMatchObject({
      code: PUBLIC_AREAS[0],
      crop: 'coconut',
      communeCode: '29335',
      registeredCommuneCode: '29338',
      cooperative: 'HTX Thử nghiệm',
      thresholdPreset: 'coconut',
      keyMetric: 'salinity',
      state: 'ok',
      certifications: [{ scheme: 'vietgap', certificateNo: `VG-${PUBLIC_AREAS[0]}`, validTo: '2027-06-30' }],
    })
    expect(coconut.properties.communeFormerName).toBeTruthy()
  })

  it('bbox with 4 and with 6 numbers selects the areas it meets', async () => {
    const four = (await get('/ogc/collections/growing-areas/items?bbox=106.29,9.89,106.31,9.91')).json()
    expect(four.features.map((f: { id: string }) => f.id)).toEqual([PUBLIC_AREAS[0]])
    const six = (await get('/ogc/collections/growing-areas/items?bbox=106.49,9.59,-10,106.51,9.61,10')).json()
    expect(six.features.map((f: { id: string }) => f.id)).toEqual([PUBLIC_AREAS[1]])
    // A box wholly inside an outline meets it too.
    const inside = (await get('/ogc/collections/growing-areas/items?bbox=106.299,9.899,106.301,9.901')).json()
    expect(inside.numberMatched).toBe(1)
  })

  it('stations: surveyed positions, the area centre otherwise; no private gateway, no secret or status', async () => {
    const body = (await get('/ogc/collections/stations/items')).json()
    const ids = body.features.map((f: { id: string }) => f.id)
    expect(ids).toEqual(['gw-open-coconut', 'gw-open-shrimp'])
    const [surveyed, centred] = body.features
    expect(surveyed.geometry.coordinates).toEqual([106.301, 9.901])
    expect(surveyed.properties.positionSource).toBe('surveyed')
    expect(centred.geometry.coordinates).toEqual([106.5, 9.6])
    expect(centred.properties).toMatchObject({
      positionSource: 'area',
      metrics: ['dissolved_oxygen', 'salinity'],
    })
    expect(Object.keys(surveyed.properties).sort()).toEqual(
      ['areaCode', 'id', 'lastSeenAt', 'metrics', 'online', 'positionSource', 'sensors'].sort(),
    )
    const online = (await get('/ogc/collections/stations/items?online=true')).json()
    expect(online.numberMatched).toBe(0)
  })

  it('daily water: one row per area, metric and day, with mean and share within limits', async () => {
    const body = (
      await get(`/ogc/collections/daily-water/items?areaCode=${PUBLIC_AREAS[0]}&metric=salinity&limit=1000`)
    ).json()
    expect(body.numberMatched).toBe(DAYS)
    // The first day is partial (readings start ten days ago to the hour); the middle ones are whole.
    const feature = body.features[5]
    const day = feature.properties
    expect(day).toMatchObject({ areaCode: PUBLIC_AREAS[0], metric: 'salinity', unit: 'ppt', count: 24 })
    expect(day.mean).toBeGreaterThan(day.min)
    expect(day.max).toBeGreaterThan(day.mean)
    expect(day.withinShare).toBeGreaterThanOrEqual(0)
    expect(feature.geometry).toEqual({ type: 'Point', coordinates: [106.3, 9.9] })
    const id = feature.id
    const one = await get(`/ogc/collections/daily-water/items/${encodeURIComponent(id)}`)
    expect(one.statusCode).toBe(200)
    expect(one.json().properties).toEqual(day)
    const hidden = (await get(`/ogc/collections/daily-water/items?areaCode=${PRIVATE_AREA}`)).json()
    expect(hidden.numberMatched).toBe(0)
  })

  it('datetime: an instant (a date), a closed interval and intervals open at either end', async () => {
    const url = (dt: string) =>
      `/ogc/collections/daily-water/items?areaCode=${PUBLIC_AREAS[0]}&metric=salinity&datetime=${dt}`
    const { days } = world
    const dayOf = (b: { features: { properties: { day: string } }[] }) =>
      b.features.map((f) => f.properties.day)
    // The Vietnamese day D runs from D-1 17:00Z to D 17:00Z; noon UTC of D falls inside it.
    expect(dayOf((await get(url(`${days[3]}T12:00:00Z`))).json())).toEqual([days[3]])
    expect(dayOf((await get(url(`${days[2]}T12:00:00Z/${days[4]}T12:00:00Z`))).json())).toEqual(
      days.slice(2, 5),
    )
    expect(dayOf((await get(url(`${days[7]}T12:00:00Z/..`))).json())).toEqual(days.slice(7))
    expect(dayOf((await get(url(`../${days[1]}T12:00:00Z`))).json())).toEqual(days.slice(0, 2))
    expect(dayOf((await get(url(`/${days[0]}T12:00:00Z`))).json())).toEqual(days.slice(0, 1))
  })

  it('pages by next links that visit every row exactly once', async () => {
    let url: string | undefined = '/ogc/collections/daily-water/items?limit=7'
    const seen: string[] = []
    let matched = 0
    while (url) {
      const body: {
        numberMatched: number
        numberReturned: number
        features: { id: string }[]
        links: { rel: string; href: string }[]
      } = (await get(url)).json()
      matched = body.numberMatched
      expect(body.numberReturned).toBe(body.features.length)
      seen.push(...body.features.map((f: { id: string }) => f.id))
      const next: { href: string } | undefined = body.links.find((l: { rel: string }) => l.rel === 'next')
      url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toHaveLength(matched)
    // Two public areas × DAYS days × their metrics (coconut: salinity, ph; shrimp: dissolved_oxygen, salinity,
    // and the preset's metrics without a probe get a row each day too).
    expect(matched).toBeGreaterThanOrEqual(4 * DAYS)
  })

  it('a browser asking for HTML gets the Vietnamese table; f=json overrides it', async () => {
    const accept = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }
    const page = await get('/ogc/collections/growing-areas/items', accept)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('lang="vi"')
    expect(page.body).toContain(PUBLIC_AREAS[0])
    expect(page.body).not.toContain(PRIVATE_AREA)
    const json = await get('/ogc/collections/growing-areas/items?f=json', accept)
    expect(json.headers['content-type']).toMatch(/^application\/geo\+json/)
    const english = await get('/ogc?f=html&lang=en')
    expect(english.body).toContain('lang="en"')
  })

  it('refuses what it does not understand with 400 and a message, never a 500', async () => {
    const bad = [
      'bbox=1,2,3',
      'bbox=a,b,c,d',
      'bbox=106,9,105,10',
      'bbox=1,2,3,4,5',
      'bbox=0,-91,1,0',
      'datetime=yesterday',
      'datetime=2026-13-01',
      'datetime=2026-02-30',
      'datetime=../..',
      'datetime=2026-03-02/2026-03-01',
      'datetime=a/b/c',
      'limit=0',
      'limit=-5',
      'limit=ten',
      'cursor=!!!',
      'cursor=eyJ4IjoxfQ',
      'f=xml',
      'lang=fr',
      'nonsense=1',
      'state=purple',
      'limit=1&limit=2',
      `code=${'x'.repeat(300)}`,
    ]
    for (const query of bad) {
      const res = await get(`/ogc/collections/growing-areas/items?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json().description, query).toMatch(/\w+/)
    }
    const long = await get(`/ogc/collections/daily-water/items/${'a~'.repeat(40)}`)
    expect(long.statusCode).toBe(404)
  })

  it('limit above the documented maximum is lowered to it, not refused', async () => {
    const res = await get('/ogc/collections/growing-areas/items?limit=999999')
    expect(res.statusCode).toBe(200)
  })
})

describe('kept answers', () => {
  it('repeats an answer for the snapshot interval, and drops it the moment an area is made private', async () => {
    const url = '/ogc/collections/growing-areas/items?f=json'
    const first = (await get(url)).body
    const db = world.test.db
    await db.query(`update growing_areas set name = 'Đổi tên' where code = $1`, [PUBLIC_AREAS[1]])
    expect((await get(url)).body).toBe(first)
    await db.query('update growing_areas set public = false where code = $1', [PUBLIC_AREAS[1]])
    world.app.openData.clear()
    const after = (await get(url)).json()
    expect(after.features.map((f: { id: string }) => f.id)).not.toContain(PUBLIC_AREAS[1])
    await db.query(`update growing_areas set public = true where code = $1`, [PUBLIC_AREAS[1]])
    world.app.openData.clear()
  })
})
