// The GeoJSON form of each collection (RFC 7946): one FeatureCollection written a feature at a time, so a
// year of daily water never has to sit in memory as one object. No timestamp inside: the file's bytes
// change only when its data does, which keeps its ETag and Last-Modified meaningful.
import type { Feature } from '@zonetrace/contracts'

export function geojsonHead(): string {
  return '{"type":"FeatureCollection","features":['
}

/** A feature, preceded by the comma that separates it from the one before. */
export function geojsonFeature(feature: Feature<unknown>, first: boolean): string {
  return (first ? '\n' : ',\n') + JSON.stringify(feature)
}

export function geojsonTail(): string {
  return '\n]}\n'
}
