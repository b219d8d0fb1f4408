// The DCAT-AP 3 catalogue (JSON-LD) at /open/catalog.jsonld, which open-data portals (CKAN's DCAT harvester,
// the national portal) read: a dcat:Catalog with one dcat:Dataset per collection, each distributed three
// ways (the OGC API, the CSV file, the GeoJSON file), with licence, publisher, update frequency and the
// temporal and spatial coverage computed from the data. Pure: the route gathers the facts.
import { type Box, COLLECTION_IDS, type CollectionId, type OpenDataSettings } from '@zonetrace/contracts'
import type { OpenDownloadInfo } from '@zonetrace/db'
import { downloadName } from '../downloads/names.ts'
import { type Bilingual, CATALOG_TEXT, DATASET_TEXT, DISTRIBUTION_TEXT } from './texts.ts'
import {
  AVAILABILITY,
  FILE_TYPE,
  FREQUENCY,
  LANGUAGE,
  MEDIA_TYPE,
  NAMESPACES,
  OGC_API_FEATURES_CORE,
  THEME,
  THEME_SCHEME,
} from './vocabularies.ts'

export interface CatalogFacts {
  baseUrl: string
  open: OpenDataSettings
  /** Over every public area's outline and station; null while there is none. */
  box: Box | null
  /** First and last day of the daily water. */
  days: { first: string | null; last: string | null }
  /** The download files (the province's are listed as distributions). */
  files: readonly OpenDownloadInfo[]
}

type Node = Record<string, unknown>

const ref = (iri: string, type?: string): Node => (type ? { '@id': iri, '@type': type } : { '@id': iri })
// The DCAT-AP shapes check the class of what a property points at, and a harvester's validator runs them
// without RDFS entailment (tests/open/catalog.test.ts), so addresses and standards say what they are.
const web = (url: string) => ref(url, 'rdfs:Resource')
const standard = (iri: string) => ref(iri, 'dct:Standard')
// A concept the shapes find typed must carry its label (and a scheme its title), so they travel together.
const concept = (c: { iri: string; label: Bilingual }): Node => ({
  '@id': c.iri,
  '@type': 'skos:Concept',
  'skos:prefLabel': both(c.label),
})
const typed = (value: string | number, type: string): Node => ({ '@value': String(value), '@type': type })
const both = (text: Bilingual) => [
  { '@value': text.vi, '@language': 'vi' },
  { '@value': text.en, '@language': 'en' },
]

export function buildCatalog(facts: CatalogFacts): Node {
  const base = facts.baseUrl
  const self = `${base}/open/catalog.jsonld`
  const service = `${base}/ogc`
  const publisher = ref(facts.open.publisher.url)
  const licence = ref(facts.open.licence, 'dct:LicenseDocument')
  const contact = contactPoint(facts.open)
  const spatial = facts.box ? location(facts.box) : undefined
  const byName = new Map(facts.files.map((f) => [f.name, f]))
  const datasets = COLLECTION_IDS.map((id) =>
    dataset(id, facts, byName, { publisher, licence, spatial, service, contact }),
  )
  const modified = latest(facts.files.map((f) => f.generatedAt))
  return {
    '@context': NAMESPACES,
    '@id': self,
    '@type': 'dcat:Catalog',
    'dct:title': both(CATALOG_TEXT.title),
    'dct:description': both(CATALOG_TEXT.description),
    'dct:publisher': {
      '@id': facts.open.publisher.url,
      '@type': 'foaf:Agent',
      'foaf:name': facts.open.publisher.name,
      'foaf:homepage': ref(facts.open.publisher.url),
    },
    'dct:license': licence,
    'foaf:homepage': ref(`${base}/`, 'foaf:Document'),
    'dct:language': [ref(LANGUAGE.vi, 'dct:LinguisticSystem'), ref(LANGUAGE.en, 'dct:LinguisticSystem')],
    ...(spatial && { 'dct:spatial': spatial }),
    ...(modified && { 'dct:modified': typed(modified.toISOString(), 'xsd:dateTime') }),
    'dcat:themeTaxonomy': {
      '@id': THEME_SCHEME.iri,
      '@type': 'skos:ConceptScheme',
      'dct:title': both(THEME_SCHEME.title),
    },
    'dcat:dataset': datasets,
    'dcat:service': {
      '@id': service,
      '@type': 'dcat:DataService',
      'dct:title': both(CATALOG_TEXT.service),
      'dcat:keyword': keywords(CATALOG_TEXT.serviceKeywords),
      'dcat:theme': THEMES,
      'dcat:contactPoint': contact,
      'dcat:endpointURL': web(service),
      'dcat:endpointDescription': web(`${service}/api`),
      'dct:conformsTo': standard(OGC_API_FEATURES_CORE),
      'dct:license': licence,
      'dct:publisher': publisher,
      'dcat:servesDataset': COLLECTION_IDS.map((id) => ref(datasetIri(base, id))),
    },
  }
}

const datasetIri = (base: string, id: CollectionId) => `${base}/ogc/collections/${id}`

function dataset(
  id: CollectionId,
  facts: CatalogFacts,
  files: Map<string, OpenDownloadInfo>,
  shared: { publisher: Node; licence: Node; spatial: Node | undefined; service: string; contact: Node },
): Node {
  const base = facts.baseUrl
  const text = DATASET_TEXT[id]
  const own = (['csv', 'geojson'] as const).flatMap((format) => {
    const file = files.get(downloadName({ collection: id, format, commune: null }))
    return file ? [{ format, file }] : []
  })
  const modified = latest(own.map((d) => d.file.generatedAt))
  const temporal = id === 'daily-water' ? period(facts.days) : undefined
  return {
    '@id': datasetIri(base, id),
    '@type': 'dcat:Dataset',
    'dct:identifier': id,
    'dct:title': both(text.title),
    'dct:description': both(text.description),
    'dcat:keyword': keywords(text.keywords),
    'dcat:theme': THEMES,
    'dct:publisher': shared.publisher,
    'dct:license': shared.licence,
    'dct:accrualPeriodicity': ref(
      id === 'daily-water' ? FREQUENCY.daily : FREQUENCY.continuous,
      'dct:Frequency',
    ),
    ...(temporal && { 'dct:temporal': temporal }),
    ...(shared.spatial && { 'dct:spatial': shared.spatial }),
    'dcat:contactPoint': shared.contact,
    'dcat:landingPage': ref(`${datasetIri(base, id)}?f=html`, 'foaf:Document'),
    'foaf:page': ref(`${base}/open/downloads`, 'foaf:Document'),
    ...(modified && { 'dct:modified': typed(modified.toISOString(), 'xsd:dateTime') }),
    'dcat:distribution': [
      {
        '@id': `${base}/open/catalog.jsonld#${id}-ogc`,
        '@type': 'dcat:Distribution',
        'dct:title': both({ vi: 'OGC API – Features', en: 'OGC API – Features' }),
        'dct:description': both(DISTRIBUTION_TEXT.ogc),
        'dcatap:availability': concept(AVAILABILITY.available),
        'dcat:accessURL': web(`${datasetIri(base, id)}/items`),
        'dcat:accessService': ref(shared.service),
        'dct:conformsTo': standard(OGC_API_FEATURES_CORE),
        'dcat:mediaType': ref(MEDIA_TYPE.geojson, 'dct:MediaType'),
        'dct:format': ref(FILE_TYPE.geojson, 'dct:MediaTypeOrExtent'),
        'dct:license': shared.licence,
      },
      ...own.map(({ format, file }) => {
        const url = `${base}/open/downloads/${file.name}`
        return {
          '@id': `${base}/open/catalog.jsonld#${id}-${format}`,
          '@type': 'dcat:Distribution',
          'dct:title': both(DISTRIBUTION_TEXT[format].title),
          'dct:description': both(DISTRIBUTION_TEXT[format].description),
          'dcatap:availability': concept(AVAILABILITY.available),
          // DCAT-AP wants an access URL on every distribution; for a file it is the file itself.
          'dcat:accessURL': web(url),
          'dcat:downloadURL': web(url),
          'dcat:mediaType': ref(MEDIA_TYPE[format], 'dct:MediaType'),
          'dct:format': ref(FILE_TYPE[format], 'dct:MediaTypeOrExtent'),
          'dcat:byteSize': typed(file.bytes, 'xsd:nonNegativeInteger'),
          'dct:modified': typed(file.generatedAt.toISOString(), 'xsd:dateTime'),
          'dct:license': shared.licence,
        }
      }),
    ],
  }
}

const THEMES = [concept(THEME.agriculture), concept(THEME.environment)]

function keywords(words: { vi: readonly string[]; en: readonly string[] }): Node[] {
  return [
    ...words.vi.map((k) => ({ '@value': k, '@language': 'vi' })),
    ...words.en.map((k) => ({ '@value': k, '@language': 'en' })),
  ]
}

function contactPoint(open: OpenDataSettings): Node {
  return {
    // vcard:Organization is a vcard:Kind; saying both spares a validator the subclass reasoning.
    '@type': ['vcard:Organization', 'vcard:Kind'],
    'vcard:fn': open.publisher.name,
    'vcard:hasURL': ref(open.publisher.url),
  }
}

/** The area covered, as its bounding box and centre in WKT (CRS84, GeoSPARQL's default). */
function location([w, s, e, n]: Box): Node {
  const ring = [`${w} ${s}`, `${e} ${s}`, `${e} ${n}`, `${w} ${n}`, `${w} ${s}`].join(', ')
  return {
    '@type': 'dct:Location',
    'dcat:bbox': typed(`POLYGON((${ring}))`, 'gsp:wktLiteral'),
    'dcat:centroid': typed(`POINT(${(w + e) / 2} ${(s + n) / 2})`, 'gsp:wktLiteral'),
  }
}

function period(days: { first: string | null; last: string | null }): Node | undefined {
  if (!days.first || !days.last) return undefined
  return {
    '@type': 'dct:PeriodOfTime',
    'dcat:startDate': typed(days.first, 'xsd:date'),
    'dcat:endDate': typed(days.last, 'xsd:date'),
  }
}

function latest(dates: readonly Date[]): Date | null {
  return dates.reduce<Date | null>((a, b) => (!a || b > a ? b : a), null)
}
