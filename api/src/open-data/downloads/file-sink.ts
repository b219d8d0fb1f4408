// One download file being written: its text goes through gzip as it comes, and only the compressed bytes
// are kept, while a hash and a byte count of the uncompressed body are taken on the way (the ETag names the
// body a client receives after decoding, whichever encoding it asked for).
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createGzip, type Gzip } from 'node:zlib'
import type { OpenDownloadFile } from '@zonetrace/db'

export class FileSink {
  readonly name: string
  readonly mediaType: string
  private readonly gzip: Gzip
  private readonly hash = createHash('sha256')
  private readonly chunks: Buffer[] = []
  private bytes = 0
  private rows = 0

  constructor(name: string, mediaType: string) {
    this.name = name
    this.mediaType = mediaType
    this.gzip = createGzip({ level: 9 })
    this.gzip.on('data', (chunk: Buffer) => this.chunks.push(chunk))
  }

  /** Appends text; `row` counts it as one data row of the file. */
  async write(text: string, row = false): Promise<void> {
    const bytes = Buffer.from(text, 'utf8')
    this.hash.update(bytes)
    this.bytes += bytes.length
    if (row) this.rows++
    // Respect backpressure, so a large file is compressed as it goes rather than queued uncompressed.
    if (!this.gzip.write(bytes)) await once(this.gzip, 'drain')
  }

  async finish(): Promise<OpenDownloadFile> {
    const ended = once(this.gzip, 'end')
    this.gzip.end()
    await ended
    return {
      name: this.name,
      mediaType: this.mediaType,
      gzip: Buffer.concat(this.chunks),
      etag: this.hash.digest('base64url').slice(0, 32),
      rows: this.rows,
      bytes: this.bytes,
    }
  }
}
