// The controlled vocabularies a DCAT-AP 3 catalogue names things by: the EU Publications Office's
// authority tables (frequency, file type, language, data theme), IANA media types, and the OGC API –
// Features conformance class the OGC distribution conforms to.

export const NAMESPACES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcatap: 'http://data.europa.eu/r5r/',
} as const

const EU = 'http://publications.europa.eu/resource/authority'

export const FREQUENCY = {
  daily: `${EU}/frequency/DAILY`,
  /** "Continuously updated": the OGC API answers from the live register. */
  continuous: `${EU}/frequency/UPDATE_CONT`,
} as const

export const FILE_TYPE = {
  csv: `${EU}/file-type/CSV`,
  geojson: `${EU}/file-type/GEOJSON`,
} as const

export const LANGUAGE = { vi: `${EU}/language/VIE`, en: `${EU}/language/ENG` } as const

export const THEME_SCHEME = {
  iri: `${EU}/data-theme`,
  title: { vi: 'Chủ đề dữ liệu (EU)', en: 'Data theme' },
} as const

/** DCAT-AP's planned availability: every distribution is served for as long as the platform runs. */
export const AVAILABILITY = {
  available: { iri: `${EU}/planned-availability/AVAILABLE`, label: { vi: 'Sẵn có', en: 'Available' } },
} as const

/** The EU data themes, with their labels (English from the authority table; Vietnamese ours). */
export const THEME = {
  agriculture: {
    iri: `${EU}/data-theme/AGRI`,
    label: {
      vi: 'Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm',
      en: 'Agriculture, fisheries, forestry and food',
    },
  },
  environment: { iri: `${EU}/data-theme/ENVI`, label: { vi: 'Môi trường', en: 'Environment' } },
} as const

export const MEDIA_TYPE = {
  csv: 'https://www.iana.org/assignments/media-types/text/csv',
  geojson: 'https://www.iana.org/assignments/media-types/application/geo+json',
} as const

export const OGC_API_FEATURES_CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'
