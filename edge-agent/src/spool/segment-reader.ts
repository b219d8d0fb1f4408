// read() over the segments: the offset index finds any seq without scanning, and each call reads a
// contiguous byte range per segment with one pread, so a sender working through a backlog of millions reads
// every byte once. Only the segment being read keeps its file open besides the one being written.
import type { Ledger } from './ledger.ts'
import { decodeRecord, RECORD_HEADER_BYTES } from './segment-format.ts'
import { closeIdle, costOf, offsetOf, type Segment, segmentIndexFor, withHandle } from './segments.ts'
import type { SpoolEntry } from './store.ts'

// Upper bound on one pread; a single larger record is still read whole.
const READ_BYTES = 1 << 20

type SegmentReader = (from: number, max: number) => Promise<SpoolEntry[]>

/** `onDamaged` hears of records that fail their checksum now although they passed it at open. */
export function createSegmentReader(
  ledger: Ledger,
  onDamaged: (seqs: number[], seg: Segment) => void,
): SegmentReader {
  let lastSeg: Segment | undefined

  return async (from, max) => {
    const out: SpoolEntry[] = []
    let seq = Math.max(Math.ceil(from), ledger.head())
    while (out.length < max) {
      const segs = ledger.segments
      const seg = segs[segmentIndexFor(segs, seq)]
      if (!seg) break
      if (seq < seg.first) seq = seg.first
      const visibleEnd = seg.first + seg.visible
      while (seq < visibleEnd && ledger.gone.has(seq)) seq++
      // Entries after one whose append() has not resolved are not readable yet either.
      if (seq >= visibleEnd) {
        if (seg.visible < seg.count) break
        continue
      }
      const start = offsetOf(seg, seq - seg.first)
      let stop = seq
      for (let wanted = 0; stop < visibleEnd && wanted < max - out.length; stop++) {
        if (stop > seq && offsetOf(seg, stop + 1 - seg.first) - start > READ_BYTES) break
        if (!ledger.gone.has(stop)) wanted++
      }
      if (lastSeg && lastSeg !== seg && lastSeg.sealed) void closeIdle(lastSeg)
      lastSeg = seg
      const buf = Buffer.allocUnsafe(offsetOf(seg, stop - seg.first) - start)
      const { bytesRead } = await withHandle(seg, (fh) => fh.read(buf, 0, buf.length, start))
      const got = buf.subarray(0, bytesRead)
      const damaged: number[] = []
      for (let s = seq; s < stop; s++) {
        // Acks and drops may have landed while the read was in flight.
        if (s < ledger.head() || ledger.gone.has(s)) continue
        const at = offsetOf(seg, s - seg.first) - start
        const size = costOf(seg, s)
        const data = decodeRecord(got.subarray(at, at + size), 0)
        if (data && data.length + RECORD_HEADER_BYTES === size) out.push({ seq: s, data })
        else damaged.push(s)
      }
      if (damaged.length > 0) onDamaged(damaged, seg)
      seq = stop
    }
    return out
  }
}
