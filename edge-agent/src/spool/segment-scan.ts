// Reads a segment file from the start at open, checking every record, and finds where its intact records
// end. Whatever follows the first damaged record (a torn tail after power loss, or a flipped bit) is left
// for the caller to cut off: a segment is only trusted up to its first damage.
import { open } from 'node:fs/promises'
import { RECORD_HEADER_BYTES, recordIntact, recordLength } from './segment-format.ts'

const CHUNK_BYTES = 1 << 20
// Offsets are kept as u32; a segment never grows past this (the writer rolls long before).
const MAX_SEGMENT_BYTES = 0xffff_ffff

export interface SegmentScan {
  offsets: Uint32Array
  count: number
  /** Bytes of intact records from the start: the file's length once any damage is cut away. */
  bytes: number
  fileBytes: number
  damage?: { offset: number; reason: string }
}

export async function scanSegment(path: string): Promise<SegmentScan> {
  const fh = await open(path, 'r')
  try {
    const fileBytes = (await fh.stat()).size
    const size = Math.min(fileBytes, MAX_SEGMENT_BYTES)
    let offsets = new Uint32Array(1024)
    let count = 0
    let pos = 0
    // The window [winStart, winStart + win.length) of the file currently in memory.
    let win = Buffer.alloc(0)
    let winStart = 0
    const load = async (from: number, atLeast: number) => {
      const want = Math.min(Math.max(CHUNK_BYTES, atLeast), size - from)
      if (win.length < want) win = Buffer.allocUnsafe(want)
      const { bytesRead } = await fh.read(win, 0, want, from)
      win = win.subarray(0, bytesRead)
      winStart = from
    }
    let damage: SegmentScan['damage']
    while (pos < size) {
      if (pos + RECORD_HEADER_BYTES > winStart + win.length) await load(pos, RECORD_HEADER_BYTES)
      const length = recordLength(win, pos - winStart, size - pos)
      if (typeof length === 'string') {
        damage = { offset: pos, reason: length }
        break
      }
      const whole = RECORD_HEADER_BYTES + length
      if (pos + whole > winStart + win.length) await load(pos, whole)
      if (!recordIntact(win, pos - winStart, length)) {
        damage = { offset: pos, reason: 'checksum mismatch' }
        break
      }
      if (count === offsets.length) {
        const grown = new Uint32Array(offsets.length * 2)
        grown.set(offsets)
        offsets = grown
      }
      offsets[count++] = pos
      pos += whole
    }
    if (!damage && fileBytes > size) damage = { offset: size, reason: 'segment larger than 4 GiB' }
    return { offsets: offsets.slice(0, Math.max(count, 16)), count, bytes: pos, fileBytes, damage }
  } finally {
    await fh.close()
  }
}
