// The DCAT-AP 3 catalogue at /open/catalog.jsonld, read as a data portal reads it: expanded and flattened by
// the `jsonld` library (no remote context: any fetch fails the test), then every property DCAT-AP 3 makes
// mandatory checked on the catalogue, each dataset and each distribution, and the coverage it states
// checked against the data; and validated against the DCAT-AP 3.0.0 SHACL shapes themselves (kept in
// tests/fixtures), as the EU's validator and data portals check what they harvest.
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startOpenWorld } from './open-world.ts'
import { describeResults, validateJsonLd } from './shacl.ts'

const DCAT_AP_SHAPES = ['dcat-ap-3.0.0-SHACL.ttl']
const DCAT_AP_RECOMMENDED = ['dcat-ap-3.0.0-shapes-recommended.ttl']

const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'
const FOAF = 'http://xmlns.com/foaf/0.1/'
const VCARD = 'http://www.w3.org/2006/vcard/ns#'
const EU = 'http://publications.europa.eu/resource/authority'

type Value = { '@id'?: string; '@value'?: string; '@language'?: string; '@type'?: string }
type FlatNode = { '@id': string; '@type'?: string[] } & Record<string, Value[] | string | string[]>

const world = sharedFixture(async () => {
  const w = await startOpenWorld()
  const run = await w.app.jobs.run('open-data')
  if (run.status !== 'ok') throw new Error(`open-data job: ${run.status} ${run.error}`)
  return w
}, 120_000)

/** A loader that refuses the network: the catalogue must carry its whole context inline. */
const offline = async (url: string): Promise<never> => {
  throw new Error(`the catalogue asked to load ${url}`)
}

/** `safe` (jsonld ≥ 6, not in @types/jsonld): fail on anything expansion would drop instead of losing it. */
const options = { documentLoader: offline, safe: true }

async function catalogGraph() {
  const res = await world.app.inject({ url: '/open/catalog.jsonld' })
  expect(res.statusCode).toBe(200)
  const doc = res.json()
  const expanded = await jsonld.expand(doc, options)
  expect(expanded).toHaveLength(1)
  const flat = (await jsonld.flatten(doc, undefined, options)) as unknown as {
    '@graph'?: FlatNode[]
  } & FlatNode[]
  const nodes: FlatNode[] = Array.isArray(flat) ? flat : (flat['@graph'] ?? [])
  const byId = new Map(nodes.map((n) => [n['@id'], n]))
  const ofType = (type: string) => nodes.filter((n) => n['@type']?.includes(type))
  const values = (node: FlatNode, property: string) => (node[property] ?? []) as Value[]
  const one = (node: FlatNode, property: string) => byId.get(values(node, property)[0]!['@id']!)!
  return { res, doc, byId, ofType, values, one }
}

const languages = (vs: Value[]) => vs.map((v) => v['@language']).sort()

describe('the DCAT catalogue', () => {
  it('is JSON-LD, cacheable, and expands without errors or remote contexts', async () => {
    const { res } = await catalogGraph()
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(res.headers['cache-control']).toBe('public, max-age=300')
  })

  it("has the catalogue's mandatory properties: title, description, publisher, datasets", async () => {
    const { ofType, values, one } = await catalogGraph()
    const [catalog, ...more] = ofType(`${DCAT}Catalog`)
    expect(more).toHaveLength(0)
    expect(languages(values(catalog!, `${DCT}title`))).toEqual(['en', 'vi'])
    expect(languages(values(catalog!, `${DCT}description`))).toEqual(['en', 'vi'])
    const publisher = one(catalog!, `${DCT}publisher`)
    expect(publisher['@type']).toContain(`${FOAF}Agent`)
    expect(values(publisher, `${FOAF}name`)[0]!['@value']).toBe(world.config.open.publisher.name)
    expect(values(catalog!, `${DCT}license`)[0]!['@id']).toBe(world.config.open.licence)
    expect(values(catalog!, `${FOAF}homepage`)[0]!['@id']).toBe(`${world.config.publicBaseUrl}/`)
    expect(values(catalog!, `${DCAT}dataset`)).toHaveLength(3)
    const service = one(catalog!, `${DCAT}service`)
    expect(service['@type']).toContain(`${DCAT}DataService`)
    expect(values(service, `${DCAT}endpointURL`)[0]!['@id']).toBe(`${world.config.publicBaseUrl}/ogc`)
    expect(values(service, `${DCT}title`).length).toBeGreaterThan(0)
  })

  it('describes each collection as a dataset with its frequency, coverage and contact', async () => {
    const { ofType, values, one } = await catalogGraph()
    const datasets = ofType(`${DCAT}Dataset`)
    expect(datasets.map((d) => values(d, `${DCT}identifier`)[0]!['@value']).sort()).toEqual([
      'daily-water',
      'growing-areas',
      'stations',
    ])
    for (const d of datasets) {
      expect(languages(values(d, `${DCT}title`))).toEqual(['en', 'vi'])
      expect(languages(values(d, `${DCT}description`))).toEqual(['en', 'vi'])
      expect(values(d, `${DCAT}keyword`).length).toBeGreaterThan(0)
      expect(values(d, `${DCT}publisher`)[0]!['@id']).toBe(world.config.open.publisher.url)
      expect(values(d, `${DCT}license`)[0]!['@id']).toBe(world.config.open.licence)
      expect(values(d, `${DCT}accrualPeriodicity`)[0]!['@id']).toMatch(`${EU}/frequency/`)
      expect(one(d, `${DCAT}contactPoint`)[`${VCARD}fn`]).toEqual([
        { '@value': world.config.open.publisher.name },
      ])
      // The box over the public areas (squares of ±0.004° around 106.3, 9.9 / 106.5, 9.6 and the harness's).
      const bbox = values(one(d, `${DCT}spatial`), `${DCAT}bbox`)[0]!
      expect(bbox['@type']).toBe('http://www.opengis.net/ont/geosparql#wktLiteral')
      const corners = /^POLYGON\(\(([-\d.]+) ([-\d.]+), ([-\d.]+) ([-\d.]+),/.exec(bbox['@value']!)!
      const [west, south, east] = corners.slice(1, 4).map(Number)
      expect(west).toBeLessThanOrEqual(106.296)
      expect(east).toBeGreaterThanOrEqual(106.504)
      expect(south).toBeLessThanOrEqual(9.596)
      expect(values(d, `${DCT}modified`)[0]!['@type']).toBe('http://www.w3.org/2001/XMLSchema#dateTime')
    }
    const water = datasets.find((d) => values(d, `${DCT}identifier`)[0]!['@value'] === 'daily-water')!
    expect(values(water, `${DCT}accrualPeriodicity`)[0]!['@id']).toBe(`${EU}/frequency/DAILY`)
    const period = one(water, `${DCT}temporal`)
    expect(period['@type']).toContain(`${DCT}PeriodOfTime`)
    const [days] = await world.test.db.query<{ first: string; last: string }>(
      'select min(day)::text as first, max(day)::text as last from compliance_daily',
    )
    expect(values(period, `${DCAT}startDate`)[0]!['@value']).toBe(days!.first)
    expect(values(period, `${DCAT}endDate`)[0]!['@value']).toBe(days!.last)
  })

  it('lists the OGC API, CSV and GeoJSON distributions, each with an access URL and the licence', async () => {
    const { ofType, values, byId } = await catalogGraph()
    const base = world.config.publicBaseUrl
    const files = (await world.app.inject({ url: '/open/downloads?f=json' })).json().files as {
      name: string
      bytes: number
    }[]
    for (const d of ofType(`${DCAT}Dataset`)) {
      const id = values(d, `${DCT}identifier`)[0]!['@value']
      const distributions = values(d, `${DCAT}distribution`).map((v) => byId.get(v['@id']!)!)
      expect(distributions).toHaveLength(3)
      for (const dist of distributions) {
        expect(dist['@type']).toContain(`${DCAT}Distribution`)
        expect(values(dist, `${DCAT}accessURL`)).toHaveLength(1)
        expect(values(dist, `${DCT}license`)[0]!['@id']).toBe(world.config.open.licence)
        expect(values(dist, `${DCT}format`)[0]!['@id']).toMatch(`${EU}/file-type/`)
        expect(values(dist, `${DCAT}mediaType`)[0]!['@id']).toMatch(
          /^https:\/\/www\.iana\.org\/assignments\/media-types\//,
        )
      }
      const ogc = distributions.find((x) => values(x, `${DCAT}accessURL`)[0]!['@id']!.includes('/ogc/'))!
      expect(values(ogc, `${DCAT}accessURL`)[0]!['@id']).toBe(`${base}/ogc/collections/${id}/items`)
      expect(values(ogc, `${DCT}conformsTo`)[0]!['@id']).toBe(
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      )
      for (const format of ['csv', 'geojson']) {
        const url = `${base}/open/downloads/${id}.${format}`
        const file = distributions.find((x) => values(x, `${DCAT}downloadURL`)[0]?.['@id'] === url)!
        expect(file).toBeDefined()
        const size = files.find((f) => f.name === `${id}.${format}`)!.bytes
        expect(values(file, `${DCAT}byteSize`)[0]).toEqual({
          '@value': String(size),
          '@type': 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger',
        })
        // The download URL answers, and with that many bytes.
        const got = await world.app.inject({
          url: new URL(url).pathname,
          headers: { 'accept-encoding': 'identity' },
        })
        expect(got.statusCode).toBe(200)
        expect(got.rawPayload.length).toBe(size)
      }
    }
  })

  it("conforms to DCAT-AP 3's SHACL shapes: mandatory properties, cardinalities and ranges", async () => {
    const doc = (await world.app.inject({ url: '/open/catalog.jsonld' })).json()
    const results = await validateJsonLd(doc, DCAT_AP_SHAPES)
    expect(results, describeResults(results)).toEqual([])
  })

  it('the shapes catch what a harvester would refuse: no description, a distribution without access URL', async () => {
    const doc = (await world.app.inject({ url: '/open/catalog.jsonld' })).json()
    delete doc['dct:description']
    delete doc['dcat:dataset'][0]['dcat:distribution'][0]['dcat:accessURL']
    const results = await validateJsonLd(doc, DCAT_AP_SHAPES)
    const found = results.map((r) => [r.severity, r.focus.replace(world.config.publicBaseUrl, ''), r.path])
    expect(found).toContainEqual(['Violation', '/open/catalog.jsonld', `${DCT}description`])
    expect(found).toContainEqual(['Violation', '/open/catalog.jsonld#growing-areas-ogc', `${DCAT}accessURL`])
    expect(found).toHaveLength(2)
  })

  it('has every recommended property but those it cannot truthfully state', async () => {
    const doc = (await world.app.inject({ url: '/open/catalog.jsonld' })).json()
    const results = await validateJsonLd(doc, DCAT_AP_RECOMMENDED)
    expect(results.every((r) => r.severity === 'Warning')).toBe(true)
    const missing = results.map((r) => `${r.focus.replace(world.config.publicBaseUrl, '')} ${r.path}`).sort()
    // The kind of publisher and of licence depend on who deploys it (settings, not facts the platform has),
    // the catalogue's first issue date is not recorded, and areas and stations describe now, not a period.
    expect(missing, describeResults(results)).toEqual(
      [
        `${world.config.open.licence} ${DCT}type`,
        `${world.config.open.publisher.url} ${DCT}type`,
        `/ogc/collections/growing-areas ${DCT}temporal`,
        `/ogc/collections/stations ${DCT}temporal`,
        `/open/catalog.jsonld ${DCT}issued`,
      ].sort(),
    )
  })

  it('appears in the OpenAPI document under open-data', async () => {
    const doc = (await world.app.inject({ url: '/openapi.json' })).json()
    expect(doc.paths['/open/catalog.jsonld'].get.tags).toEqual(['open-data'])
  })
})
