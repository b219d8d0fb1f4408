// Encodes readings in PostgreSQL's binary COPY format: the cheapest way to hand rows to the server, both
// for the client (no text formatting of timestamps and floats) and for the server (no parsing).
// Layout: https://www.postgresql.org/docs/current/sql-copy.html § Binary Format.
//
// Tuples and the file framing are separate so the broker can encode each pack once, as it arrives, and
// hold only those bytes until the group commit joins them: a pack waiting for its commit is one small
// buffer rather than a few dozen objects that would outlive a young-generation collection.
import { type LatestReadings, latestOf } from './repositories/channel-latest.ts'
import type { ReadingBatch } from './repositories/readings.ts'

/** Readings as binary COPY tuples for (time, sensor_id, metric, value, quality), without the framing. */
export interface EncodedReadings {
  count: number
  tuples: Buffer
  /** Each channel's newest good reading among them, which the commit keeps in channel_latest. */
  latest: LatestReadings
}

const HEADER = Buffer.concat([
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  Buffer.alloc(8), // flags, header extension length
])
const TRAILER = Buffer.from([0xff, 0xff])
const PG_EPOCH_MS = Date.UTC(2000, 0, 1)
const TWO_32 = 2 ** 32
// Per tuple: field count, then length + data for timestamptz, two texts (data added per row), float8, int2.
const FIXED_TUPLE_BYTES = 2 + (4 + 8) + 4 + 4 + (4 + 8) + (4 + 2)

export function encodeReadingTuples(b: ReadingBatch): EncodedReadings {
  const n = b.time.length
  let size = 0
  for (let i = 0; i < n; i++) {
    size += FIXED_TUPLE_BYTES + Buffer.byteLength(b.sensorId[i]!) + Buffer.byteLength(b.metric[i]!)
  }
  const buf = Buffer.allocUnsafe(size)
  let o = 0
  for (let i = 0; i < n; i++) {
    o = buf.writeInt16BE(5, o)
    // timestamptz: int64 microseconds since 2000-01-01 UTC. Exact in a double for any real date, so split
    // into two 32-bit halves instead of paying for a BigInt per row.
    const us = (b.time[i]! - PG_EPOCH_MS) * 1000
    const hi = Math.floor(us / TWO_32)
    o = buf.writeInt32BE(8, o)
    o = buf.writeInt32BE(hi, o)
    o = buf.writeUInt32BE(us - hi * TWO_32, o)
    o = writeText(buf, o, b.sensorId[i]!)
    o = writeText(buf, o, b.metric[i]!)
    o = buf.writeInt32BE(8, o)
    o = buf.writeDoubleBE(b.value[i]!, o)
    o = buf.writeInt32BE(2, o)
    o = buf.writeInt16BE(b.quality[i]!, o)
  }
  return { count: n, tuples: buf, latest: latestOf(b) }
}

/** A whole binary COPY input: header, the tuples of every part in order, trailer. */
export function binaryCopyOf(parts: readonly EncodedReadings[]): Buffer {
  const chunks: Buffer[] = [HEADER]
  let size = HEADER.length + TRAILER.length
  for (const p of parts) {
    chunks.push(p.tuples)
    size += p.tuples.length
  }
  chunks.push(TRAILER)
  return Buffer.concat(chunks, size)
}

function writeText(buf: Buffer, o: number, s: string): number {
  const len = buf.write(s, o + 4, 'utf8')
  buf.writeInt32BE(len, o)
  return o + 4 + len
}
