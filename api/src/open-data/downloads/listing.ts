// The list of download files as /open/downloads answers it (JSON with f=json, and the page's data): each
// file's collection, commune, format, address and size, the licence and the publisher.
import type { CollectionId, OpenDataSettings } from '@zonetrace/contracts'
import type { OpenDownloadInfo } from '@zonetrace/db'
import { type DownloadFormat, parseDownloadName } from './names.ts'

export interface DownloadEntry {
  name: string
  /** Absolute. */
  url: string
  collection: CollectionId
  format: DownloadFormat
  /** Today's commune code; null for the whole province. */
  commune: string | null
  mediaType: string
  rows: number
  /** Size of the body uncompressed. */
  bytes: number
  /** ISO instant the body last changed (the file's Last-Modified). */
  modified: string
  etag: string
}

export interface DownloadListing {
  licence: string
  publisher: { name: string; url: string }
  catalog: string
  /** Today's name of each commune in the list, by code. */
  communeNames: Record<string, string>
  /** The province's files first, then by commune code; collections in their usual order. */
  files: DownloadEntry[]
}

const ORDER: Record<CollectionId, number> = { 'growing-areas': 0, stations: 1, 'daily-water': 2 }

export function downloadListing(opts: {
  baseUrl: string
  open: OpenDataSettings
  files: readonly OpenDownloadInfo[]
  communeNames: Record<string, string>
}): DownloadListing {
  const files = opts.files.flatMap((f): DownloadEntry[] => {
    const ref = parseDownloadName(f.name)
    if (!ref) return []
    return [
      {
        name: f.name,
        url: `${opts.baseUrl}/open/downloads/${f.name}`,
        ...ref,
        mediaType: f.mediaType,
        rows: f.rows,
        bytes: f.bytes,
        modified: f.generatedAt.toISOString(),
        etag: f.etag,
      },
    ]
  })
  files.sort(
    (a, b) =>
      (a.commune ?? '').localeCompare(b.commune ?? '') ||
      ORDER[a.collection] - ORDER[b.collection] ||
      a.format.localeCompare(b.format),
  )
  const communeNames = Object.fromEntries(
    Object.entries(opts.communeNames).filter(([code]) => files.some((f) => f.commune === code)),
  )
  return {
    licence: opts.open.licence,
    publisher: opts.open.publisher,
    catalog: `${opts.baseUrl}/open/catalog.jsonld`,
    communeNames,
    files,
  }
}
