// Encodes readings in PostgreSQL's binary COPY format: the cheapest way to hand rows to the server, both
// for the client (no text formatting of timestamps and floats) and for the server (no parsing).
// Layout: https://www.postgresql.org/docs/current/sql-copy.html § Binary Format.
import type { ReadingBatch } from './repositories/readings.ts'

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')
const PG_EPOCH_MS = Date.UTC(2000, 0, 1)
const TWO_32 = 2 ** 32

/** readings (time timestamptz, sensor_id text, metric text, value float8, quality int2). */
export function encodeReadingsBinary(b: ReadingBatch): Buffer {
  const n = b.time.length
  let size = SIGNATURE.length + 8 + 2
  for (let i = 0; i < n; i++) {
    size +=
      2 + (4 + 8) + (4 + Buffer.byteLength(b.sensorId[i]!)) + (4 + b.metric[i]!.length) + (4 + 8) + (4 + 2)
  }
  const buf = Buffer.allocUnsafe(size)
  let o = SIGNATURE.copy(buf, 0)
  o = buf.writeInt32BE(0, o) // flags
  o = buf.writeInt32BE(0, o) // header extension length
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
  buf.writeInt16BE(-1, o)
  return buf
}

function writeText(buf: Buffer, o: number, s: string): number {
  const len = buf.write(s, o + 4, 'utf8')
  buf.writeInt32BE(len, o)
  return o + 4 + len
}
