// What the compression job does. A server under the `timescale` licence runs its own compression policy;
// the embedded engine has no background workers, so its policy never fires and this does the same work.
// Running both on a server is harmless: a compressed chunk is skipped.
import type { Capabilities } from './capabilities.ts'
import type { Database } from './database.ts'

export type CompressionReport =
  | { available: true; compressed: string[]; alreadyCompressed: number }
  | { available: false; reason: string }

/** Compresses the readings chunks that ended before `olderThan` and are not compressed yet. */
export async function compressOldChunks(
  db: Pick<Database, 'query'>,
  caps: Capabilities,
  olderThan: Date,
): Promise<CompressionReport> {
  if (!caps.compression) {
    return {
      available: false,
      reason: `compression needs the timescale licence; this TimescaleDB is "${caps.licence}"`,
    }
  }
  const chunks = await db.query<{ chunk: string; compressed: boolean }>(
    `select c::text as chunk, i.is_compressed as compressed
       from show_chunks('readings', older_than => $1::timestamptz) c
       join timescaledb_information.chunks i
         on format('%I.%I', i.chunk_schema, i.chunk_name)::regclass = c
      order by i.range_start`,
    [olderThan.toISOString()],
  )
  const compressed: string[] = []
  // One chunk per statement: each commits on its own, so a failure keeps the chunks already done.
  for (const { chunk } of chunks.filter((c) => !c.compressed)) {
    await db.query('select compress_chunk($1::regclass, if_not_compressed => true)', [chunk])
    compressed.push(chunk)
  }
  return { available: true, compressed, alreadyCompressed: chunks.length - compressed.length }
}
