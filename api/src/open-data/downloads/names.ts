// What the download files are called: `{collection}.{format}` for the whole province and
// `communes/{communeCode}/{collection}.{format}` for one commune (today's code), both the path under
// /open/downloads/ and the file's key in open_downloads; and what a client saves them as.
import { COLLECTION_IDS, type CollectionId } from '@zonetrace/contracts'
import { vietnamDate } from '@zonetrace/db'

export const DOWNLOAD_FORMATS = ['csv', 'geojson'] as const
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number]

export const MEDIA_TYPES: Record<DownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  geojson: 'application/geo+json',
}

/** Today's commune codes are the five digits of the national list (Decision 19/2025/QĐ-TTg). */
export const COMMUNE_CODE = /^\d{5}$/

export interface DownloadRef {
  collection: CollectionId
  format: DownloadFormat
  /** null: the whole province. */
  commune: string | null
}

export function downloadName(ref: DownloadRef): string {
  const file = `${ref.collection}.${ref.format}`
  return ref.commune === null ? file : `communes/${ref.commune}/${file}`
}

/** The inverse of downloadName, for the list page; null for a name it never writes. */
export function parseDownloadName(name: string): DownloadRef | null {
  const m = /^(?:communes\/(\d{5})\/)?([a-z-]+)\.([a-z]+)$/.exec(name)
  if (!m) return null
  const [, commune, collection, format] = m
  if (!isCollection(collection!) || !isFormat(format!)) return null
  return { collection, format, commune: commune ?? null }
}

export function isCollection(id: string): id is CollectionId {
  return (COLLECTION_IDS as readonly string[]).includes(id)
}

export function isFormat(ext: string): ext is DownloadFormat {
  return (DOWNLOAD_FORMATS as readonly string[]).includes(ext)
}

/** The name a browser saves: zonetrace_daily-water_2026-03-01.csv, zonetrace_29335_stations_….geojson. */
export function attachmentName(ref: DownloadRef, generatedAt: Date): string {
  const day = vietnamDate(generatedAt.getTime())
  const scope = ref.commune === null ? '' : `${ref.commune}_`
  return `zonetrace_${scope}${ref.collection}_${day}.${ref.format}`
}
