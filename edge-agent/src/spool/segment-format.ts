// How one spool record sits in a segment file: [u32 length][u32 crc32][payload], little endian.
// The checksum covers the length bytes as well as the payload, so a region the filesystem filled with zeros
// after a power loss (length 0, crc 0) fails the check instead of reading as a run of empty records.
import { crc32 } from 'node:zlib'

export const RECORD_HEADER_BYTES = 8

/** Bytes one record takes on disk; both stores count this against maxBytes so the limit means the same. */
export function recordBytes(payloadLength: number): number {
  return payloadLength + RECORD_HEADER_BYTES
}

/** Writes the records one after another into `out` from `at`; returns the offset after the last one. */
export function encodeRecords(records: readonly Uint8Array[], out: Buffer, at: number): number {
  let pos = at
  for (const data of records) {
    out.writeUInt32LE(data.length, pos)
    const sum = crc32(data, crc32(out.subarray(pos, pos + 4)))
    out.writeUInt32LE(sum, pos + 4)
    out.set(data, pos + RECORD_HEADER_BYTES)
    pos += recordBytes(data.length)
  }
  return pos
}

/**
 * The payload length of the record at `at`, given that `available` bytes of the file remain from there,
 * or why no whole record can start there.
 */
export function recordLength(buf: Buffer, at: number, available: number): number | string {
  if (available < RECORD_HEADER_BYTES) return 'torn header'
  const length = buf.readUInt32LE(at)
  return length > available - RECORD_HEADER_BYTES ? 'length runs past end of file' : length
}

/** Whether the record at `at`, whose header and payload are all in `buf`, matches its checksum. */
export function recordIntact(buf: Buffer, at: number, length: number): boolean {
  const payload = buf.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + length)
  return crc32(payload, crc32(buf.subarray(at, at + 4))) === buf.readUInt32LE(at + 4)
}

/** The payload of the record at `at` if it is whole and intact in `buf`, else undefined. */
export function decodeRecord(buf: Buffer, at: number): Buffer | undefined {
  const length = recordLength(buf, at, buf.length - at)
  if (typeof length === 'string' || !recordIntact(buf, at, length)) return undefined
  return buf.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + length)
}
