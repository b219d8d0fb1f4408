// The conformance classes /ogc declares (OGC API – Features Part 1: Core, 17-069r4).
export const CONFORMS_TO = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
export const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'
