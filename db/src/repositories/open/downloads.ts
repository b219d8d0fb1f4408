// The open-data download files (schema/open-downloads.ts): the open-data job writes them, every API
// instance serves them. A file whose body did not change keeps its generated_at, so its Last-Modified and
// ETag stay put from one hourly run to the next and clients' conditional requests keep getting 304.
import type { Database } from '../../database.ts'

export interface OpenDownloadFile {
  /** The file's path under /open/downloads/, e.g. `growing-areas.csv`, `communes/29335/stations.geojson`. */
  name: string
  mediaType: string
  /** The body, gzip-compressed. */
  gzip: Buffer
  /** A hash of the uncompressed body. */
  etag: string
  rows: number
  /** Size of the uncompressed body. */
  bytes: number
}

export type OpenDownloadInfo = Omit<OpenDownloadFile, 'gzip'> & { generatedAt: Date }

/** Writes the file; true when it is new or its body changed (only then does generated_at move to `at`). */
export async function upsertOpenDownload(
  db: Pick<Database, 'query'>,
  file: OpenDownloadFile,
  at: Date,
): Promise<boolean> {
  // The body travels as base64 text: both drivers agree on text, while they serialise bytea differently.
  const changed = await db.query<{ name: string }>(
    `insert into open_downloads (name, media_type, gzip, etag, rows, bytes, generated_at)
     values ($1, $2, decode($3, 'base64'), $4, $5, $6, $7)
     on conflict (name) do update
        set media_type = excluded.media_type, gzip = excluded.gzip, etag = excluded.etag,
            rows = excluded.rows, bytes = excluded.bytes, generated_at = excluded.generated_at
      where open_downloads.etag is distinct from excluded.etag
         or open_downloads.media_type is distinct from excluded.media_type
     returning name`,
    [
      file.name,
      file.mediaType,
      file.gzip.toString('base64'),
      file.etag,
      file.rows,
      file.bytes,
      at.toISOString(),
    ],
  )
  return changed.length > 0
}

/** Removes every file not named (a commune whose last public area went private, say); returns how many. */
export async function deleteOpenDownloadsExcept(
  db: Pick<Database, 'query'>,
  keep: readonly string[],
): Promise<number> {
  const gone = await db.query<{ name: string }>(
    'delete from open_downloads where not (name = any($1::text[])) returning name',
    [keep],
  )
  return gone.length
}

const INFO = `name, media_type as "mediaType", etag, rows, bytes, generated_at as "generatedAt"`

/** Every file without its body, by name. */
export async function listOpenDownloads(db: Pick<Database, 'query'>): Promise<OpenDownloadInfo[]> {
  const rows = await db.query<OpenDownloadInfo>(`select ${INFO} from open_downloads order by name`)
  return rows.map(withDate)
}

/** One file without its body: enough to answer a conditional request with 304. */
export async function findOpenDownload(
  db: Pick<Database, 'query'>,
  name: string,
): Promise<OpenDownloadInfo | null> {
  const [row] = await db.query<OpenDownloadInfo>(`select ${INFO} from open_downloads where name = $1`, [name])
  return row ? withDate(row) : null
}

/** One file's gzip body, or null when it is gone. */
export async function readOpenDownloadBody(
  db: Pick<Database, 'query'>,
  name: string,
): Promise<Buffer | null> {
  const [row] = await db.query<{ gzip: Uint8Array }>('select gzip from open_downloads where name = $1', [
    name,
  ])
  // pg returns bytea as Buffer, PGlite as Uint8Array.
  return row ? Buffer.from(row.gzip.buffer, row.gzip.byteOffset, row.gzip.byteLength) : null
}

function withDate(row: OpenDownloadInfo): OpenDownloadInfo {
  return { ...row, generatedAt: new Date(row.generatedAt) }
}
